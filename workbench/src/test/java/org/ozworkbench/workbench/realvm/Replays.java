package org.ozworkbench.workbench.realvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.replay.Replay;
import org.ozworkbench.replay.ReplayOptions;
import org.ozworkbench.replay.ReplayReport;

/** Replays for tests: a whole journal onto a fresh load of an image. */
final class Replays {
    private Replays() {
    }

    /** Replays every committed surgery of {@code journal} onto a fresh load of {@code image}, which must go clean, and saves it. */
    static Path ontoFresh(Path image, Path journal, Path target) {
        try (ObjectSpace fresh = ObjectSpace.load(image); Journal j = Journal.openReadOnly(journal)) {
            ReplayReport report = Replay.run(fresh, j.report(), ReplayOptions.all(), s -> { });
            assertThat(report.isClean()).as(report.text()).isTrue();
            fresh.save(target);
        }
        return target;
    }
}
