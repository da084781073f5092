package org.ozworkbench.workbench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The page's files as a folder of their own, named by its absolute path: the classes folder's
 * {@code webroot/} when the workbench runs from one, else a private temporary copy of the jar's.
 * Vert.x's static handler given a relative {@code "webroot"} would look in the working directory
 * first, so a {@code webroot} folder there (planted, or the user's own) would be served as the
 * workbench's page, token and all.
 */
final class Webroot implements AutoCloseable {
    private static final String INDEX = "/webroot/index.html";
    private final Path dir;
    private final boolean temporary;

    private Webroot(Path dir, boolean temporary) {
        this.dir = dir;
        this.temporary = temporary;
    }

    static Webroot open() {
        try {
            URI index = WorkbenchServer.class.getResource(INDEX).toURI();
            if ("file".equals(index.getScheme())) {
                return new Webroot(Path.of(index).getParent(), false);
            }
            Path copy = Files.createTempDirectory("ozw-webroot");
            FileSystem jar = jarFileSystem(index);
            Path root = jar.getPath("/webroot");
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    Path target = copy.resolve(root.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
            return new Webroot(copy, true);
        } catch (IOException e) {
            throw new UncheckedIOException("the page's files cannot be read from the jar", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FileSystem jarFileSystem(URI inJar) throws IOException {
        try {
            return FileSystems.newFileSystem(inJar, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(inJar);
        }
    }

    /** The folder's absolute path. */
    Path dir() {
        return dir;
    }

    /** Deletes the temporary copy, if this is one. */
    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : deepestFirst) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is the system's to clean
        }
    }
}
