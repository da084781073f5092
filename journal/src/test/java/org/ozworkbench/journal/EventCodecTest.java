package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestRef;

class EventCodecTest {
    private static final Instant TIME = Instant.parse("2026-06-14T10:15:30.123456Z");
    private static final GuestRef.Snapshot HIGH_OOP = new GuestRef.Snapshot(0xF00A_0004);
    private static final GuestRef.Snapshot POINT = new GuestRef.Snapshot(0x1540_3a08);
    private static final GuestRef.Created FIRST_CREATED = new GuestRef.Created(1);

    static Stream<Change> everyChangeKind() {
        return Stream.of(
                new Change.SlotStored(POINT, 3, new GuestRef.SmallInt(-7), FIRST_CREATED),
                new Change.SlotStored(FIRST_CREATED, 0, HIGH_OOP, new GuestRef.SmallInt((1 << 30) - 1)),
                new Change.ByteStored(HIGH_OOP, 17, 0, 255),
                new Change.WordStored(POINT, 2, -1, 0x7FFF_FFFF),
                new Change.ClassChanged(POINT, HIGH_OOP, FIRST_CREATED, 3, 0),
                new Change.ObjectCreated(new GuestRef.Created(2), POINT, 13, 0xABC,
                        List.of(new GuestRef.SmallInt(0x1234), HIGH_OOP, FIRST_CREATED), new int[0],
                        new byte[] {0x70, (byte) 0x87, 0x7C}),
                new Change.ObjectCreated(new GuestRef.Created(3), HIGH_OOP, 6, 7, List.of(), new int[] {-1, 0, 42},
                        new byte[0]),
                new Change.CreationUndone(new GuestRef.Created(3), 0xFFFF));
    }

    static Stream<JournalEvent> everyEventKind() {
        return Stream.of(
                new JournalEvent.SpaceLoaded("/usr/share/scratch/Scratch.image", "ab".repeat(32), 6502, "squeak3", TIME),
                new JournalEvent.SurgeryBegun("5f0c-surgery", "fix Array>>do:", TIME),
                new JournalEvent.ChangeMade("5f0c-surgery", 0, everyChangeKind().findFirst().orElseThrow()),
                new JournalEvent.SurgeryCommitted("5f0c-surgery", 1, "cd".repeat(32)),
                new JournalEvent.SurgeryAborted("5f0c-surgery", "closed without commit"),
                new JournalEvent.SpaceSaved("/tmp/new.image", "ef".repeat(32)));
    }

    @ParameterizedTest
    @MethodSource("everyEventKind")
    void everyEventKindComesBackEqualFromItsJson(JournalEvent event) {
        byte[] json = EventCodec.encode(event);
        String text = new String(json, StandardCharsets.UTF_8);

        assertThat(text).startsWith("{\"schema\":1,\"type\":\"" + event.type() + "\",");
        assertThat(EventCodec.decode(json)).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("everyChangeKind")
    void everyChangeKindComesBackEqualFromItsJson(Change change) {
        JournalEvent.ChangeMade event = new JournalEvent.ChangeMade("s", 4, change);

        JournalEvent back = EventCodec.decode(EventCodec.encode(event));

        Change decoded = ((JournalEvent.ChangeMade) back).change();
        assertThat(ChangeCodec.toJson(decoded)).isEqualTo(ChangeCodec.toJson(change));
        if (!(change instanceof Change.ObjectCreated)) {
            assertThat(decoded).isEqualTo(change);
        } else {
            Change.ObjectCreated a = (Change.ObjectCreated) change;
            Change.ObjectCreated b = (Change.ObjectCreated) decoded;
            assertThat(b.target()).isEqualTo(a.target());
            assertThat(b.cls()).isEqualTo(a.cls());
            assertThat(b.format()).isEqualTo(a.format());
            assertThat(b.hash()).isEqualTo(a.hash());
            assertThat(b.pointers()).isEqualTo(a.pointers());
            assertThat(b.words()).isEqualTo(a.words());
            assertThat(b.bytes()).isEqualTo(a.bytes());
        }
    }

    @Test
    void guestValuesAreNamedByKindWithUnsignedOopsAndWords() {
        String slot = EventCodec.toJson(new JournalEvent.ChangeMade("s", 0,
                new Change.SlotStored(HIGH_OOP, 3, new GuestRef.SmallInt(-7), FIRST_CREATED)));
        String word = EventCodec.toJson(new JournalEvent.ChangeMade("s", 1, new Change.WordStored(POINT, 2, -1, 5)));

        assertThat(slot).contains("\"change\":{\"kind\":\"SlotStored\",\"target\":{\"snapshot\":4027187204},\"index\":3,"
                + "\"oldValue\":{\"smallInteger\":-7},\"newValue\":{\"created\":1}}");
        assertThat(word).contains("\"oldValue\":4294967295,\"newValue\":5");
    }

    @Test
    void theJsonOfOneEventOfEachKindIsPrinted() {
        Stream.concat(everyEventKind(), everyChangeKind().skip(1).map(c -> new JournalEvent.ChangeMade("s", 1, c)))
                .forEach(e -> System.out.println("[json] " + EventCodec.toJson(e)));
    }

    @Test
    void aCommitCarriesItsTimeAndOneWrittenWithoutItStillReads() {
        JournalEvent.SurgeryCommitted timed = new JournalEvent.SurgeryCommitted("s", 1, "cd".repeat(32), TIME);
        assertThat(EventCodec.toJson(timed)).endsWith(",\"time\":\"2026-06-14T10:15:30.123456Z\"}");
        assertThat(EventCodec.decode(EventCodec.encode(timed))).isEqualTo(timed);
        byte[] older = ("{\"schema\":1,\"type\":\"SurgeryCommitted\",\"surgeryId\":\"s\",\"changeCount\":1,"
                + "\"digest\":\"" + "cd".repeat(32) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(EventCodec.decode(older)).isEqualTo(new JournalEvent.SurgeryCommitted("s", 1, "cd".repeat(32)));
        assertThat(((JournalEvent.SurgeryCommitted) EventCodec.decode(older)).time()).isNull();
    }

    @Test
    void anUnknownEventTypeIsRefusedByName() {
        byte[] json = "{\"schema\":1,\"type\":\"SurgeryRenamed\",\"surgeryId\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventCodec.decode(json)).isInstanceOfSatisfying(JournalException.class, e -> {
            assertThat(e.problem()).isEqualTo(JournalException.Problem.UNKNOWN_EVENT_TYPE);
            assertThat(e.getMessage()).contains("unknown event type 'SurgeryRenamed'").contains("SurgeryBegun");
        });
    }

    @Test
    void aNewerSchemaIsRefusedEvenForAKnownType() {
        byte[] json = "{\"schema\":2,\"type\":\"SurgeryAborted\",\"surgeryId\":\"x\",\"reason\":\"r\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventCodec.decode(json)).isInstanceOfSatisfying(JournalException.class, e -> {
            assertThat(e.problem()).isEqualTo(JournalException.Problem.NEWER_SCHEMA);
            assertThat(e.getMessage()).contains("schema 2").contains("schema 1");
        });
    }

    @Test
    void garbageAMissingFieldAndABadReferenceAreCorruptExcerpts() {
        List<String> bad = List.of(
                "\u0000\u0000\u0000garbage",
                "[1,2]",
                "{\"type\":\"SurgeryAborted\",\"surgeryId\":\"x\",\"reason\":\"r\"}",
                "{\"schema\":1,\"type\":\"SurgeryCommitted\",\"surgeryId\":\"x\",\"digest\":\"d\"}",
                "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"x\",\"sequence\":0,\"change\":{\"kind\":\"SlotStored\","
                        + "\"target\":{\"snapshot\":1,\"created\":2},\"index\":0,\"oldValue\":{\"smallInteger\":1},"
                        + "\"newValue\":{\"smallInteger\":2}}}",
                "{\"schema\":1,\"type\":\"ChangeMade\",\"surgeryId\":\"x\",\"sequence\":0,\"change\":{\"kind\":\"ByteStored\","
                        + "\"target\":{\"smallInteger\":3},\"index\":0,\"oldValue\":1,\"newValue\":2}}",
                "{\"schema\":1,\"type\":\"SurgeryAborted\",\"surgeryId\":\"x\",\"reason\":\"r\"} trailing");
        for (String json : bad) {
            assertThatThrownBy(() -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                    .as(json)
                    .isInstanceOfSatisfying(JournalException.class,
                            e -> assertThat(e.problem()).isEqualTo(JournalException.Problem.CORRUPT_EXCERPT));
        }
    }

    @Test
    void theDigestCoversTheEncodedChangesInOrder() {
        List<Change> changes = everyChangeKind().toList();
        String digest = EventCodec.digest("s", changes);

        assertThat(digest).hasSize(64).isEqualTo(EventCodec.digest("s", changes));
        assertThat(EventCodec.digest("s", changes.subList(0, changes.size() - 1))).isNotEqualTo(digest);
        assertThat(EventCodec.digest("t", changes)).isNotEqualTo(digest);
    }

    @Test
    void oneStoreWriterWritesTheEventsOfSurgeriesOneAfterAnotherAsJacksonDoes() {
        RandomStores stores = new RandomStores(20261206);
        StoreWriter writer = new StoreWriter();
        List<String> ids = List.of("5f0c0e1a-surgery", "5f0c0e1a-surgery-2", "5f0c", "\"quoted\"", "5f0c");
        for (String id : ids) {
            for (int sequence = 0; sequence < 300; sequence++) {
                JournalEvent.ChangeMade event = new JournalEvent.ChangeMade(id, sequence, stores.next(sequence).change());

                int length = writer.write(id, sequence, event.change());

                if (id.contains("\"")) {
                    assertThat(length).as("an id needing escapes is left to Jackson").isEqualTo(-1);
                } else {
                    assertThat(new String(writer.buffer(), 0, length, StandardCharsets.UTF_8))
                            .isEqualTo(new String(EventCodec.encodeWithJackson(event), StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    void theStoreFastPathWritesTheVeryBytesJacksonWrites() {
        RandomStores stores = new RandomStores(20261125);
        for (int i = 0; i < 20_000; i++) {
            JournalEvent.ChangeMade event = stores.next(i);

            assertThat(new String(EventCodec.encode(event), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(EventCodec.encodeWithJackson(event), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
