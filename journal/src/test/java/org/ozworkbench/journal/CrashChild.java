package org.ozworkbench.journal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;

/**
 * The writer {@link CrashTest} kills: loads an image, warms the journal code up on a folder of
 * its own, prints {@code LOADED}, waits for a line on
 * its standard input (so that it can start while the test still reads the journal, and touches
 * the journal only once told), then journals into a folder and applies surgeries until killed. After each commit returns it prints {@code ACK <id> <changes>}, and
 * every few surgeries then {@code SHA <id> <sha256>} of the space's bytes; some surgeries are made
 * to fail, and abort.
 * Arguments: journal folder, image, random seed.
 */
public final class CrashChild {
    static final String LOADED = "LOADED";
    static final String READY = "READY";
    static final String ACK = "ACK";
    static final String SHA = "SHA";
    static final int SHA_EVERY = 20;
    private static final int ASSOCIATION_VALUE = 1;
    private static final int MAX_CHANGES = 60;

    private CrashChild() {
    }

    public static void main(String[] args) throws java.io.IOException {
        Path journalDir = Path.of(args[0]);
        Path image = Path.of(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ObjectSpace space = ObjectSpace.load(image);
        ObjectMirror transcript = space.globalAssociation("Transcript").orElseThrow();
        List<ObjectMirror> arrays = new ArrayList<>();
        warmUp(journalDir.resolveSibling(journalDir.getFileName() + "-warm-up-" + args[2]));
        out.println(LOADED);
        if (new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() == null) {
            return;
        }
        try (Journal journal = Journal.open(journalDir); JournalRecorder recorder = JournalRecorder.attach(space, journal)) {
            out.println(READY);
            for (int n = 0; ; n++) {
                boolean fail = random.nextInt(5) == 0;
                try (Surgery s = space.beginSurgery("crash surgery " + n)) {
                    int writes = 1 + random.nextInt(MAX_CHANGES);
                    for (int w = 0; w < writes; w++) {
                        switch (random.nextInt(4)) {
                            case 0 -> transcript.slotPut(ASSOCIATION_VALUE, SmallInteger.of(random.nextInt(1 << 20)));
                            case 1 -> arrays.add(space.newArray(List.<GuestValue>of(SmallInteger.of(w), SmallInteger.of(n))));
                            case 2 -> {
                                if (!arrays.isEmpty()) {
                                    arrays.get(random.nextInt(arrays.size())).slotPut(0, SmallInteger.of(random.nextInt()
                                            & 0xFFFFF));
                                }
                            }
                            default -> {
                                ByteObjectMirror str = space.newString("crash " + n + "/" + w);
                                str.byteAtPut(0, 'C');
                            }
                        }
                    }
                    if (fail) {
                        throw new IllegalStateException("injected failure in surgery " + n);
                    }
                    s.commit();
                    out.println(ACK + " " + s.id() + " " + s.changes().size());
                    if (n % SHA_EVERY == 0) {
                        out.println(SHA + " " + s.id() + " " + sha256(space.toBytes()));
                    }
                } catch (IllegalStateException e) {
                    // an injected failure: the surgery aborted and the objects it created are gone
                    arrays.removeIf(a -> space.memory().resolve(a.ref()) != a.guestObject());
                }
            }
        }
    }

    /** Loads and runs the journal's code once, on a folder of its own, so that the killed run is mostly journaling. */
    private static void warmUp(Path dir) {
        try (Journal warm = Journal.open(dir)) {
            warm.append(new JournalEvent.SpaceSaved(dir.toString(), sha256(new byte[0])));
            warm.sync();
            warm.report();
        }
    }

    static String sha256(byte[] bytes) {
        java.security.MessageDigest sha = EventCodec.sha256();
        return HexFormat.of().formatHex(sha.digest(bytes));
    }
}
