package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./ozw} launcher run through a symbolic link, with a {@code java} and an {@code mvn}
 * on the PATH that only say how they were called: it must build and run the project's jar, not
 * look for one in the link's folder.
 */
class OzwScriptTest {
    @TempDir
    Path dir;

    private static Path projectDir() {
        return Path.of(System.getProperty("ozw.project.dir", "..")).toAbsolutePath().normalize();
    }

    private Path fakeTool(Path bin, String name) throws IOException {
        Path tool = bin.resolve(name);
        Files.writeString(tool, "#!/bin/sh\necho \"" + name + " in $(pwd):\" \"$@\"\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tool;
    }

    @Test
    void runThroughASymbolicLinkItRunsTheProjectsJar() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        fakeTool(bin, "java");
        fakeTool(bin, "mvn");
        Path link = Files.createSymbolicLink(bin.resolve("ozw"), projectDir().resolve("ozw"));
        ProcessBuilder pb = new ProcessBuilder(link.toString(), "--version").directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().remove("JAVA_HOME");

        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("-jar " + projectDir().resolve("workbench/target/ozw.jar") + " --version");
        assertThat(dir.resolve("bin/workbench")).doesNotExist();
    }
}
