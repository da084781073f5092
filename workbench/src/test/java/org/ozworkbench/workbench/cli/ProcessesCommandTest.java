package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessesCommandTest {

    private static List<JsonNode> processes(OzwRun run) {
        List<JsonNode> result = new ArrayList<>();
        run.json().get("processes").forEach(result::add);
        return result;
    }

    @Test
    void givenScratch_whenListingProcesses_thenPriority4IsActiveInSnapshotAndQuit() {
        OzwRun run = ozw("processes", OzwRun.scratch(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode active = processes(run).get(0);
        assertThat(active.get("priority").asInt()).isEqualTo(4);
        assertThat(active.get("state").asText()).isEqualTo("active");
        assertThat(active.get("scheduled").asBoolean()).isTrue();
        assertThat(active.get("frames").get(0).asText()).startsWith("SystemDictionary>>snapshot:andQuit: @");
    }

    @Test
    void givenScratch_whenListingProcesses_thenTheOnlyRunnableOneIsAtPriority1() {
        OzwRun run = ozw("processes", OzwRun.scratch(), "--json");

        List<JsonNode> runnable = processes(run).stream().filter(p -> p.get("state").asText().equals("runnable"))
                .toList();
        assertThat(runnable).singleElement().satisfies(p -> {
            assertThat(p.get("priority").asInt()).isEqualTo(1);
            assertThat(p.get("scheduled").asBoolean()).isTrue();
        });
    }

    @Test
    void givenScratch_whenListingProcesses_thenEveryProcessInstanceIsThereOnce() {
        OzwRun run = ozw("processes", OzwRun.scratch(), "--json");

        List<String> oops = processes(run).stream().map(p -> p.get("oop").asText()).toList();
        assertThat(oops).hasSize(7).doesNotHaveDuplicates();
        assertThat(run.json().get("priorities").asInt()).isEqualTo(8);
    }

    @Test
    void givenFramesOption_whenListingProcesses_thenAtMostThatManyFramesAreShown() {
        OzwRun run = ozw("processes", OzwRun.scratch(), "--frames", 2, "--json");

        assertThat(processes(run)).allSatisfy(p -> assertThat(p.get("frames").size()).isLessThanOrEqualTo(2));
        assertThat(processes(run).get(0).get("moreFrames").asBoolean()).isTrue();
    }

    @Test
    void givenScratch_whenListingProcessesAsText_thenEachShowsPriorityStateAndFrames() {
        OzwRun run = ozw("processes", OzwRun.scratch());

        assertThat(run.out()).contains("7 processes; the scheduler has 8 priorities, the active process runs at 4",
                "priority 4  active\n    SystemDictionary>>snapshot:andQuit: @",
                "priority 1  runnable\n    ProcessorScheduler class>>idleProcess @");
    }

    @Test
    void givenScratch_whenListingProcessesAsText_thenFramesOfReplacedMethodsAreNamedAsOldVersions() {
        OzwRun run = ozw("processes", OzwRun.scratch());

        assertThat(run.out()).contains("priority 8  waiting  (not scheduled)  on a Semaphore 0x15030f58\n"
                + "    Delay class>>timerInterruptWatcher (old version) @70\n"
                + "    [] in Delay class>>startTimerInterruptWatcher (old version) @121\n"
                + "    [] in BlockContext>>newProcess (old version) @33\n")
                .doesNotContain(">>? @");
    }
}
