package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreReaderTest {
    private static final byte[] JSONISH = "0123456789-+.eE \"\\{}[]:,abkSsnulltrue\u00e9\t".getBytes(StandardCharsets.UTF_8);

    /** What a decode answers: the event, or the kind of problem it was refused with. */
    private record Outcome(JournalEvent event, JournalException.Problem refused) {
    }

    private static Outcome decode(byte[] json, boolean fast) {
        try {
            return new Outcome(fast ? EventCodec.decode(json) : EventCodec.decodeWithJackson(json), null);
        } catch (JournalException e) {
            return new Outcome(null, e.problem());
        }
    }

    @Test
    void storeEventsReadBackAsJacksonReadsThem() {
        RandomStores stores = new RandomStores(5_2026_11_25L);
        StoreReader reader = new StoreReader();
        for (int i = 0; i < 20_000; i++) {
            JournalEvent.ChangeMade event = stores.next(i);
            byte[] json = EventCodec.encode(event);

            assertThat(reader.read(json, json.length)).isEqualTo(event).isEqualTo(EventCodec.decodeWithJackson(json));
        }
    }

    @Test
    void damagedStoreEventsDecodeExactlyAsThroughJacksonAlone() {
        RandomStores stores = new RandomStores(11_25L);
        Random random = stores.random();
        StoreReader reader = new StoreReader();
        int readFast = 0;
        int refused = 0;
        for (int i = 0; i < 15_000; i++) {
            byte[] json = damage(EventCodec.encode(stores.next(i)), random);

            Outcome jackson = decode(json, false);
            assertThat(decode(json, true)).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(jackson);
            if (reader.read(json, json.length) != null) {
                readFast++;
            }
            if (jackson.refused() != null) {
                refused++;
            }
        }
        // Both kinds must be common, or the comparison above proves little.
        assertThat(readFast).isGreaterThan(500);
        assertThat(refused).isGreaterThan(1_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"s\",\"sequence\":01,\"change\":{\"kind\":\"ByteStored\",\"target\":{\"snapshot\":8},\"index\":0,\"oldValue\":1,\"newValue\":2}}",
            "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"s\",\"sequence\":-0,\"change\":{\"kind\":\"ByteStored\",\"target\":{\"snapshot\":8},\"index\":0,\"oldValue\":1,\"newValue\":2}}",
            "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"s\",\"sequence\":-1,\"change\":{\"kind\":\"ByteStored\",\"target\":{\"snapshot\":8},\"index\":0,\"oldValue\":1,\"newValue\":2}}",
            "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"s\",\"sequence\":0,\"change\":{\"kind\":\"ByteStored\",\"target\":{\"snapshot\":8},\"index\":0,\"oldValue\":1,\"newValue\":256}}",
            "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"s\",\"sequence\":0,\"change\":{\"kind\":\"ByteStored\",\"target\":{\"smallInteger\":8},\"index\":0,\"oldValue\":1,\"newValue\":2}}",
            "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"s\",\"sequence\":0,\"change\":{\"kind\":\"WordStored\",\"target\":{\"snapshot\":4294967296},\"index\":0,\"oldValue\":1,\"newValue\":2}}",
            "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"s\",\"sequence\":0,\"change\":{\"kind\":\"WordStored\",\"target\":{\"created\":0},\"index\":0,\"oldValue\":1,\"newValue\":4294967295}}",
            "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"s\",\"sequence\":0,\"change\":{\"kind\":\"SlotStored\",\"target\":{\"created\":3},\"index\":0,\"oldValue\":{\"smallInteger\":1073741824},\"newValue\":{\"smallInteger\":-1073741824}}}",
            "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"s\\u0041\",\"sequence\":0,\"change\":{\"kind\":\"SlotStored\",\"target\":{\"created\":3},\"index\":0,\"oldValue\":{\"smallInteger\":1},\"newValue\":{\"created\":1}}}",
            "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"s\",\"sequence\":0,\"change\":{\"kind\":\"SlotStored\",\"target\":{\"created\":3},\"index\":0,\"oldValue\":{\"smallInteger\":1},\"newValue\":{\"created\":1}}} ",
            "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"s\",\"sequence\":0,\"change\":{\"kind\":\"SlotStored\",\"target\":{\"created\":3},\"index\":0,\"oldValue\":{\"smallInteger\":1},\"newValue\":{\"created\":1}}}}",
            "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"s\",\"sequence\":0,\"change\":{\"kind\":\"SlotStored\",\"target\":{\"created\":3},\"index\":0,\"oldValue\":{\"smallInteger\":1},\"newValue\":{\"created\":1,\"x\":2}}}",
            "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"s\",\"sequence\":0,\"change\":{\"kind\":\"SlotStored\",\"target\":{\"created\":3},\"index\":0,\"oldValue\":{\"smallInteger\":1},\"newValue\":{\"created\":1}},\"extra\":1}",
            "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"s\",\"sequence\":99999999999,\"change\":{\"kind\":\"SlotStored\",\"target\":{\"created\":3},\"index\":0,\"oldValue\":{\"smallInteger\":1},\"newValue\":{\"created\":1}}}",
    })
    void formsTheWriterNeverWritesAreLeftToJackson(String text) {
        byte[] json = text.getBytes(StandardCharsets.UTF_8);

        assertThat(new StoreReader().read(json, json.length)).isNull();
        assertThat(decode(json, true)).isEqualTo(decode(json, false));
    }

    @Test
    void readsOnlyTheGivenLengthOfAReusedBuffer() {
        JournalEvent.ChangeMade event = new RandomStores(7).next(0);
        byte[] json = EventCodec.encode(event);
        byte[] buffer = Arrays.copyOf(json, json.length + 40);
        Arrays.fill(buffer, json.length, buffer.length, (byte) '}');

        assertThat(EventCodec.decode(buffer, json.length)).isEqualTo(event);
        assertThat(decode(buffer, true)).isEqualTo(decode(buffer, false));
        assertThat(decode(buffer, true).refused()).isEqualTo(JournalException.Problem.CORRUPT_EXCERPT);
    }

    /** One to three random edits: a byte replaced, removed, inserted or doubled, or the end cut off. */
    private static byte[] damage(byte[] json, Random random) {
        byte[] out = json;
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(out.length);
            byte b = JSONISH[random.nextInt(JSONISH.length)];
            out = switch (random.nextInt(5)) {
                case 0 -> {
                    byte[] c = out.clone();
                    c[at] = b;
                    yield c;
                }
                case 1 -> concat(Arrays.copyOf(out, at), Arrays.copyOfRange(out, at + 1, out.length));
                case 2 -> concat(Arrays.copyOf(out, at), new byte[] {b}, Arrays.copyOfRange(out, at, out.length));
                case 3 -> concat(Arrays.copyOf(out, at + 1), Arrays.copyOfRange(out, at, out.length));
                default -> Arrays.copyOf(out, at);
            };
            if (out.length == 0) {
                return out;
            }
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
