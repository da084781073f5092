package org.ozworkbench.core.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Expressions to evaluate in order in one image, read from resources: one expression a line;
 * blank lines and lines that are only a comment ({@code "..."}) are skipped; a line {@code method
 * CLASS>>SOURCE} is a method to install into the image before (see {@link #methods()}). State
 * may carry from one expression to the next, so the order is part of the corpus.
 *
 * @param methods     methods to install first, as {@code CLASS>>SOURCE} (CLASS may be {@code Foo class})
 * @param expressions the expressions, in order
 */
record Corpus(String name, List<String> methods, List<String> expressions) {
    private static final String METHOD = "method ";

    Corpus {
        methods = List.copyOf(methods);
        expressions = List.copyOf(expressions);
    }

    /**
     * The image itself when the corpus has no methods, else a copy in {@code dir} with them
     * installed ({@code CLASS>>SOURCE}; a class the image lacks is looked for with Candle's
     * prefix PC).
     */
    Path installedInto(Path image, Path dir) {
        if (methods.isEmpty()) {
            return image;
        }
        ObjectSpace space = ObjectSpace.load(image);
        Compiler compiler = Compiler.on(space);
        for (String method : methods) {
            String[] parts = method.split(">>", 2);
            String[] name = parts[0].strip().split(" ");
            ClassMirror cls = space.classNamed(name[0]).or(() -> space.classNamed("PC" + name[0]))
                    .orElseThrow(() -> new IllegalArgumentException("no class " + name[0] + " for " + method));
            compiler.install(name.length > 1 ? cls.metaclass() : cls, parts[1]);
        }
        Path copy = dir.resolve("with-methods-" + image.getFileName());
        space.save(copy);
        return copy;
    }

    /** The methods and expressions of several resources, one after the other. */
    static Corpus resources(String... names) {
        List<String> methods = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        for (String name : names) {
            Corpus one = resource(name);
            methods.addAll(one.methods());
            expressions.addAll(one.expressions());
        }
        return new Corpus(String.join(" + ", names), methods, expressions);
    }

    static Corpus resource(String name) {
        String path = "/conformance/" + name;
        try (InputStream in = Corpus.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus resource " + path);
            }
            List<String> methods = new ArrayList<>();
            List<String> expressions = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String text = line.strip();
                if (text.startsWith(METHOD)) {
                    methods.add(text.substring(METHOD.length()));
                } else if (!text.isEmpty() && !isComment(text)) {
                    expressions.add(text);
                }
            }
            return new Corpus(name, methods, expressions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static boolean isComment(String line) {
        return line.length() > 1 && line.startsWith("\"") && line.endsWith("\"") && line.indexOf('"', 1) == line.length() - 1;
    }

    int size() {
        return expressions.size();
    }
}
