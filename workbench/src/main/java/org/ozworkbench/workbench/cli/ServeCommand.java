package org.ozworkbench.workbench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.server.WorkbenchServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ozw serve IMAGE... [--journal DIR] [--port N] [--bind ADDR] [--allow-remote]
 * [--token-file F] [--out-dir DIR]}: the long-lived workbench ({@link WorkbenchServer}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the web workbench and its JSON API over live images and their journals, until Ctrl-C.",
                "Prints first one line: the page's URL with the access token. Each IMAGE is opened on its journal as"
                + " 'ozw surgery' opens it (the committed surgeries replayed); the journal's writer lock is held only"
                + " while a request changes the space, so 'ozw surgery' and 'ozw rollback' may write the same journal"
                + " meanwhile, and what they commit shows up live."})
public final class ServeCommand implements Callable<Integer> {
    private static final int TOKEN_BYTES = 24;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Base images (Squeak V3).")
    List<Path> images;

    @Option(names = "--journal", paramLabel = "DIR", description = "The journal folder (with several images: a"
            + " folder holding one journal per image, named after it). Default: a new temporary folder.")
    Path journal;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "The port (0: a free one;"
            + " default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "The address to listen on (default ${DEFAULT-VALUE}); another than a loopback address"
                    + " needs --allow-remote.")
    String bind;

    @Option(names = "--allow-remote", description = "Allow --bind to name an address other machines reach.")
    boolean allowRemote;

    @Option(names = "--token-file", paramLabel = "F", description = "Read the access token from F (default: a new"
            + " random one each start).")
    Path tokenFile;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "The folder POST /save writes images into"
            + " (without it, saving is refused).")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw BadInputException.because("--port " + port + ": expected 0..65535");
        }
        try {
            WorkbenchServer.checkBind(bind, allowRemote);
        } catch (IllegalArgumentException e) {
            throw BadInputException.because(e.getMessage());
        }
        if (outDir != null && !Files.isDirectory(outDir)) {
            throw BadInputException.because("--out-dir " + outDir + ": not a folder");
        }
        String token = token();
        List<WorkbenchServer.SpaceSource> sources = sources();
        WorkbenchServer server = WorkbenchServer.start(sources,
                new WorkbenchServer.Options(bind, port, token, outDir, allowRemote));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "ozw-serve-stop"));
        spec.commandLine().getOut().println(server.url());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    private String token() throws IOException {
        if (tokenFile == null) {
            byte[] bytes = new byte[TOKEN_BYTES];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
        String token = new String(InputFile.read(tokenFile), StandardCharsets.UTF_8).strip();
        if (token.isEmpty() || !token.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw BadInputException.because(tokenFile + ": expected a token of printable ASCII characters, no spaces");
        }
        return token;
    }

    private List<WorkbenchServer.SpaceSource> sources() throws IOException {
        for (Path image : images) {
            if (!Files.exists(image)) {
                throw BadInputException.noSuchFile(image);
            }
            ObjectSpace.probe(image);
        }
        Path journals = journal != null ? journal : Files.createTempDirectory("ozw-serve-");
        List<WorkbenchServer.SpaceSource> sources = new ArrayList<>();
        for (Path image : images) {
            Path dir = images.size() == 1 ? journals : journals.resolve(stem(image));
            Journals.requireJournalOrNew(dir);
            sources.add(new WorkbenchServer.SpaceSource(image, dir));
        }
        return sources;
    }

    private static String stem(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
