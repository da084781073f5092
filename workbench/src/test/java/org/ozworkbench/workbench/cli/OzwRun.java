package org.ozworkbench.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.ImageFacts;
import org.ozworkbench.fixtures.SharedImage;
import org.ozworkbench.fixtures.TestImages;
import org.ozworkbench.workbench.Ozw;
import picocli.CommandLine;

/** One run of {@code ozw} in-process, with what it printed. */
record OzwRun(int exitCode, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static OzwRun ozw(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Ozw());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] strings = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        int code = cli.execute(strings);
        return new OzwRun(code, out.toString(), err.toString());
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + out, e);
        }
    }

    /** Scratch.image: always there for these tests (the fixtures fetch it when the package is missing). */
    static Path scratch() {
        return TestImages.scratchImage();
    }

    /** The file behind a row of the README's table; skips the test when a shared image is missing. */
    static Path imageOf(ImageFacts facts) {
        if (facts == ImageFacts.SCRATCH) {
            return scratch();
        }
        Optional<SharedImage> shared = Arrays.stream(SharedImage.values())
                .filter(s -> s.fileName().equals(facts.fileName())).findFirst();
        return ImageAssumptions.assumeSharedImage(shared.orElseThrow());
    }
}
