package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;
import org.ozworkbench.workbench.Ozw;

/**
 * The README's shell examples, run as written and in order, by bash, in a folder laid out as the
 * project is ({@code project/} beside {@code shared/}), where {@code ./ozw} runs this build's
 * classes. Each must exit as its comment says ({@code exits 1}, else 0) and print what the README
 * documents for it.
 */
class ReadmeExamplesTest {
    private static final Path SCRATCH = Path.of("/usr/share/scratch/Scratch.image");
    private static final long COMMAND_TIMEOUT_SECONDS = 180;
    /** A comment after a command: two spaces or more, then {@code # }. */
    private static final Pattern COMMENT = Pattern.compile("\\s{2,}#\\s(.*)$");
    private static final Pattern EXITS = Pattern.compile("exits (\\d+)(?::\\s*(.*))?");
    private static final Pattern HEREDOC = Pattern.compile("<<'(\\w+)'");

    /** Commands not run here, and why. */
    private static final Map<String, String> NOT_RUN = Map.of(
            "./ozw test", "runs the whole suite, this test among it",
            "./ozw demo", "boots the real VM a dozen times; DemoCommandTest runs it",
            "./ozw bench", "minutes of measurements on a busy machine");

    /** What the README documents a command prints (a line of its output, and its comment says it), by a piece of the command. */
    private static final Map<String, String> DOCUMENTED = Map.of(
            "--out copy.image", "identical to Scratch.image",
            "'14 triple twice'", "84",
            "'100 factorial printString size'", "158",
            "collect: [:x | x / 0]", "Error: division by 0",
            "--real-vm Scratch.image '3 + 4'", "7");

    @TempDir
    Path dir;

    /** One example: its command (with a here-document's lines), and its comment. */
    record Example(String command, String comment) {
        int exitCode() {
            Matcher m = EXITS.matcher(comment);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        }

        /** What the comment says the command prints on its error stream ({@code exits 1: budget ...}). */
        Optional<String> errorText() {
            Matcher m = EXITS.matcher(comment);
            return m.find() && m.group(2) != null ? Optional.of(m.group(2)) : Optional.empty();
        }
    }

    /** The commands of README.md's {@code sh} blocks, in order. */
    static List<Example> examples(Path readme) throws IOException {
        List<Example> examples = new ArrayList<>();
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        boolean inBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!inBlock) {
                inBlock = line.equals("```sh");
                continue;
            }
            if (line.equals("```")) {
                inBlock = false;
                continue;
            }
            Matcher comment = COMMENT.matcher(line);
            String text = comment.find() ? comment.group(1) : "";
            StringBuilder command = new StringBuilder(line);
            Matcher heredoc = HEREDOC.matcher(line);
            if (heredoc.find()) {
                do {
                    command.append('\n').append(lines.get(++i));
                } while (!lines.get(i).equals(heredoc.group(1)));
            }
            examples.add(new Example(command.toString(), text));
        }
        return examples;
    }

    private static Path projectDir() {
        return Path.of(System.getProperty("ozw.project.dir", "..")).toAbsolutePath().normalize();
    }

    /** An {@code ozw} that runs this build's classes, with the JVM flags Chronicle needs. */
    private static void writeLauncher(Path file) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-D")).toList();
        String script = "#!/bin/sh\nexec '" + java + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "
                + flags.stream().map(f -> "'" + f + "'").collect(Collectors.joining(" ")) + " -cp '"
                + System.getProperty("java.class.path") + "' " + Ozw.class.getName() + " \"$@\"\n";
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void everyExampleRunsAsWrittenInOrderFromTheProjectRoot() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SCRATCH), "the examples copy " + SCRATCH);
        Path shared = ImageAssumptions.assumeSharedImage(SharedImage.MINI).getParent().getParent();
        ImageAssumptions.assumeSharedImage(SharedImage.CANDLE);
        Path project = Files.createDirectory(dir.resolve("project"));
        Path sharedLink = Files.createSymbolicLink(dir.resolve("shared"), shared);
        writeLauncher(project.resolve("ozw"));
        List<Example> examples = examples(projectDir().resolve("README.md"));
        Map<String, String> documentedSeen = new LinkedHashMap<>();
        int run = 0;

        for (Example example : examples) {
            Optional<String> notRun = NOT_RUN.keySet().stream().filter(example.command()::startsWith).findFirst();
            if (notRun.isPresent()) {
                continue;
            }
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", example.command()).directory(project.toFile())
                    .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
            Process p = pb.start();
            assertThat(p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as(example.command()).isTrue();
            String out = Files.readString(dir.resolve("out"));
            String err = Files.readString(dir.resolve("err"));
            String what = example.command() + "\nprinted:\n" + out + err;

            assertThat(p.exitValue()).as(what).isEqualTo(example.exitCode());
            example.errorText().ifPresent(text -> assertThat(err).as(what).contains(text));
            DOCUMENTED.forEach((piece, printed) -> {
                if (example.command().contains(piece)) {
                    assertThat(example.comment()).as("the README's comment on " + example.command()).contains(printed);
                    assertThat(out.lines()).as(what).contains(printed);
                    documentedSeen.put(piece, printed);
                }
            });
            run++;
        }

        Files.delete(sharedLink);
        assertThat(documentedSeen).as("documented outputs checked").isEqualTo(DOCUMENTED);
        assertThat(run).as("examples run, of " + examples.size()).isGreaterThanOrEqualTo(25);
    }
}
