package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command that reports gives its report as one JSON document with --json: a script chains them by it. */
class JsonReportsTest {
    @TempDir
    Path dir;

    private final Path scratch = OzwRun.scratch();

    private static JsonNode json(OzwRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.json();
    }

    @Test
    void surgeryLogAndRollbackChainByTheIdsTheirJsonGives() throws IOException {
        Path journal = dir.resolve("journal");
        Path batch = Files.writeString(dir.resolve("fix.json"), """
                {"label": "version and sum",
                 "steps": [
                   {"op": "classVariable", "class": "SystemDictionary", "name": "VersionString", "value": {"string": "Oz 1"}},
                   {"op": "compile", "class": "Point", "source": "ozwSum  ^ x + y", "category": "ozw"}]}
                """);

        JsonNode surgery = json(OzwRun.ozw("surgery", scratch, "--journal", journal, batch, "--out",
                dir.resolve("1.image"), "--json"));
        String id = surgery.get("id").asText();
        JsonNode log = json(OzwRun.ozw("journal", "log", journal, "--json"));
        JsonNode rollback = json(OzwRun.ozw("rollback", scratch, "--journal", journal, id, "--out",
                dir.resolve("2.image"), "--json"));
        JsonNode after = json(OzwRun.ozw("journal", "log", journal, "--json"));

        assertThat(id).hasSizeGreaterThan(JournalLogCommand.ID_PREFIX);
        assertThat(surgery.get("label").asText()).isEqualTo("version and sum");
        assertThat(surgery.get("state").asText()).isEqualTo("committed");
        assertThat(surgery.get("operations").toString()).isEqualTo("{\"MethodInstalled\":1}");
        assertThat(surgery.get("changes").asInt()).isEqualTo(surgery.get("objectLevel").asInt() + 1);
        assertThat(surgery.get("replayed").asInt()).isZero();
        assertThat(surgery.get("out").asText()).isEqualTo(dir.resolve("1.image").toString());
        assertThat(log.get("committed").asInt()).isEqualTo(1);
        assertThat(log.get("surgeries").get(0).get("id").asText()).isEqualTo(id);
        assertThat(log.get("surgeries").get(0).get("changes").asInt()).isEqualTo(surgery.get("changes").asInt());
        assertThat(log.has("damage")).isFalse();
        assertThat(rollback.get("rolledBack").asText()).isEqualTo(id);
        assertThat(rollback.get("rollback").get("label").asText()).isEqualTo("rollback " + id + ": version and sum");
        assertThat(rollback.get("rollback").get("operations").get("MethodRemoved").asInt()).isEqualTo(1);
        assertThat(rollback.get("rollback").get("replayed").asInt()).isEqualTo(1);
        assertThat(after.get("surgeries")).extracting(s -> s.get("id").asText())
                .containsExactly(id, rollback.get("rollback").get("id").asText());
        assertThat(after.get("committed").asInt()).isEqualTo(2);
    }

    @Test
    void compileAndFileInReportAsJson() throws IOException {
        Path st = Files.writeString(dir.resolve("sum.st"), "!Point methodsFor: 'ozw'!\rozwSum\r  ^ x + y! !\r");

        JsonNode compile = json(OzwRun.ozw("compile", scratch, "SmallInteger", "ozwTriple  ^ self * 3", "--out",
                dir.resolve("c.image"), "--json"));
        JsonNode fileIn = json(OzwRun.ozw("filein", scratch, st, "--out", dir.resolve("f.image"), "--json"));

        assertThat(compile.get("className").asText()).isEqualTo("SmallInteger");
        assertThat(compile.get("selector").asText()).isEqualTo("ozwTriple");
        assertThat(compile.get("disassembly").asText()).contains("send: * (special)");
        assertThat(compile.get("warnings")).isEmpty();
        assertThat(fileIn.get("installed")).extracting(JsonNode::asText).containsExactly("Point>>ozwSum");
        assertThat(fileIn.get("methods").asInt()).isEqualTo(1);
        assertThat(fileIn.get("out").asText()).isEqualTo(dir.resolve("f.image").toString());
    }
}
