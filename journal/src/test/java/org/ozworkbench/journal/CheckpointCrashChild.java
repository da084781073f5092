package org.ozworkbench.journal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.Surgery;

/**
 * The writer {@link CheckpointCrashTest} kills while it writes a checkpoint: opens a journal session
 * (from the journal's newest checkpoint, if any), then, until killed, commits a surgery (a method of
 * Point and an Array), prints {@code WRITING <n>}, writes a checkpoint, prints {@code WRITTEN <n> <ms it took>}.
 * Arguments: journal folder, image.
 */
public final class CheckpointCrashChild {
    static final String WRITING = "WRITING";
    static final String WRITTEN = "WRITTEN";

    private CheckpointCrashChild() {
    }

    public static void main(String[] args) {
        Path journal = Path.of(args[0]);
        Path image = Path.of(args[1]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (JournalSession session = JournalSession.open(image, journal)) {
            for (int n = session.replayed(); ; n++) {
                try (Surgery s = session.space().beginSurgery("crash checkpoint " + n)) {
                    session.space().classNamed("Point").orElseThrow().compile("ozwCrash" + n + " ^ x + " + n, "ozw");
                    session.space().newArray(List.<GuestValue>of(SmallInteger.of(n)));
                    s.commit();
                }
                out.println(WRITING + " " + n);
                long start = System.nanoTime();
                session.checkpoint().orElseThrow();
                out.println(WRITTEN + " " + n + " " + (System.nanoTime() - start) / 1_000_000);
            }
        }
    }
}
