package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ozw eval} as a script sees it: arguments, exit codes, the JSON report. */
class EvalCommandTest {
    @TempDir
    Path dir;

    @Test
    void anExpressionStartingWithAMinusIsTheExpressionAndDoubleDashStillEndsTheOptions() {
        OzwRun minus = OzwRun.ozw("eval", OzwRun.scratch(), "-7 \\\\ 2");
        OzwRun dashes = OzwRun.ozw("eval", OzwRun.scratch(), "--", "-7 \\\\ 2");
        OzwRun unknown = OzwRun.ozw("eval", OzwRun.scratch(), "3 + 4", "--jsno");

        assertThat(minus.exitCode()).as(minus.err()).isZero();
        assertThat(minus.out()).isEqualTo("1\n");
        assertThat(dashes.exitCode()).as(dashes.err()).isZero();
        assertThat(dashes.out()).isEqualTo("1\n");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("ozw: Unknown option: '--jsno' (see 'ozw eval --help')");
    }

    @Test
    void aMethodSourceStartingWithAMinusCompiles() {
        Path out = dir.resolve("minus.image");

        OzwRun run = OzwRun.ozw("compile", OzwRun.scratch(), "Point", "- arg  ^ (x - arg) @ (y - arg)", "--out", out);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("installed Point>>- ");
        assertThat(OzwRun.ozw("eval", out, "((3 @ 4) - 1) printString").out()).isEqualTo("'2@3'\n");
    }

    @Test
    void aGuestErrorExitsOneAsAnUnfinishedRunDoesAndTheHelpSaysSo() {
        OzwRun error = OzwRun.ozw("eval", OzwRun.scratch(), "3/0");
        OzwRun help = OzwRun.ozw("eval", "--help");

        assertThat(error.exitCode()).isEqualTo(1);
        assertThat(error.out()).startsWith("Error: division by 0\n  SmallInteger(Object)>>error: @48\n");
        assertThat(error.err()).isEmpty();
        assertThat(help.out().replaceAll("\\s+", " "))
                .contains("Exits 0 when the expression answered a value or the guest quit, 1 when the guest raised an"
                        + " error or the run ended first (budget or timeout), 2 on bad input.");
    }

    @Test
    void jsonGivesTheValueTheErrorOrTheUnfinishedRunAsOneDocument() {
        OzwRun value = OzwRun.ozw("eval", "--json", OzwRun.scratch(), "3 + 4");
        OzwRun error = OzwRun.ozw("eval", "--json", OzwRun.scratch(), "3/0");
        OzwRun unfinished = OzwRun.ozw("eval", "--json", OzwRun.scratch(), "[true] whileTrue", "--bytecodes", 1000);

        assertThat(value.exitCode()).isZero();
        JsonNode v = value.json();
        assertThat(v.get("result").asText()).isEqualTo("value");
        assertThat(v.get("value").asText()).isEqualTo("7");
        assertThat(v.get("vm").asText()).isEqualTo("host");
        assertThat(v.has("error")).isFalse();
        assertThat(error.exitCode()).isEqualTo(1);
        JsonNode e = error.json();
        assertThat(e.get("result").asText()).isEqualTo("error");
        assertThat(e.get("error").asText()).isEqualTo("division by 0");
        assertThat(e.get("frames").get(0).asText()).isEqualTo("SmallInteger(Object)>>error: @48");
        assertThat(e.has("value")).isFalse();
        assertThat(unfinished.exitCode()).isEqualTo(1);
        JsonNode u = unfinished.json();
        assertThat(u.get("result").asText()).isEqualTo("unfinished");
        assertThat(u.get("reason").asText()).isEqualTo("budget exhausted after 1000 bytecodes (the bytecode limit)");
        assertThat(u.get("bytecodes").asLong()).isEqualTo(1000);
        assertThat(unfinished.err()).isEmpty();
    }
}
