package org.ozworkbench.core.export;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ozworkbench.core.decompiler.Decompiler;
import org.ozworkbench.core.memory.StagedFile;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Exports classes of a space as chunk-format files, one per system category ({@code
 * Scratch-Blocks.st}), that {@code ozw filein} and the guest's own file-in accept: in each file the
 * class definitions in superclass order, then each class's class side, comment and methods (see
 * {@link ChunkWriter}). Methods that refer to a variable declared nowhere in the image (a binding
 * in no pool and not in Smalltalk, which no compiler files in without a warning) go apart, into a
 * last file {@code _undeclared.st}, so that the others file in cleanly. The files come in an order where a class's superclass is defined in the
 * same file or an earlier one; categories whose classes inherit from each other both ways cannot
 * be so ordered, and the definitions that come before their superclass's are named in
 * {@link Result#forwardSuperclasses()}.
 *
 * <pre>{@code
 * ImageExport.Result r = ImageExport.of(space, classes).write(Path.of("out"));
 * }</pre>
 *
 * <p>Files are written whole to temporary files in the folder first and renamed into place only
 * when every one is written: a failure leaves the folder as it was.
 */
public final class ImageExport {
    private static final String EXTENSION = ".st";
    /** The last file's name: the methods that refer to variables declared nowhere. */
    private static final String UNDECLARED = "_undeclared";
    /** ISO-8859-1, as V3 Strings and {@code ozw filein} have it. */
    private static final Charset CHARSET = StandardCharsets.ISO_8859_1;

    /**
     * One file of an export.
     *
     * @param name     the file's name in the folder ({@code Scratch-Blocks.st})
     * @param category the system category of its classes
     * @param classes  its classes, in the order they are defined
     * @param methods  how many methods (both sides) it holds
     * @param text     the chunk text
     */
    public record ExportFile(String name, String category, List<String> classes, int methods, String text) {
        public ExportFile {
            classes = List.copyOf(classes);
        }
    }

    /**
     * What an export wrote.
     *
     * @param files               the files, in the order to file them in
     * @param classes             how many classes
     * @param methods             how many methods, both sides
     * @param comments            how many class comments (only those the image holds as text)
     * @param fallbacks           methods written as a commented disassembly: {@code Class>>selector: reason}
     * @param undeclared          methods that refer to variables declared nowhere in the image, written
     *                            apart in the last file ({@code _undeclared.st}), which neither compiler
     *                            files in without a warning: {@code Class>>selector (variables)}
     * @param forwardSuperclasses classes defined in a file before the file that defines their superclass
     * @param methodHints         for a kernel spec, the hints of the methods whose source alone does not
     *                            compile back to them ({@link org.ozworkbench.core.compiler.MethodHint}'s lines)
     */
    public record Result(List<ExportFile> files, int classes, int methods, int comments, List<String> fallbacks,
                         List<String> undeclared, List<String> forwardSuperclasses, List<String> methodHints) {
        public Result {
            files = List.copyOf(files);
            fallbacks = List.copyOf(fallbacks);
            undeclared = List.copyOf(undeclared);
            forwardSuperclasses = List.copyOf(forwardSuperclasses);
            methodHints = List.copyOf(methodHints);
        }

        /** How many methods have a hint. */
        public long hintedMethods() {
            return methodHints.stream().map(line -> line.substring(0, line.indexOf(' ', line.indexOf(">>")))).distinct()
                    .count();
        }
    }

    private final ObjectSpace space;
    private final List<ClassMirror> classes;
    private final boolean kernelSpec;

    private ImageExport(ObjectSpace space, List<ClassMirror> classes, boolean kernelSpec) {
        this.space = space;
        this.classes = classes;
        this.kernelSpec = kernelSpec;
    }

    /** An export of {@code classes} (instance sides; their class sides go with them). */
    public static ImageExport of(ObjectSpace space, Collection<ClassMirror> classes) {
        return new ImageExport(space, inSuperclassOrder(classes), false);
    }

    /** This export as a kernel spec's files: with the methods' hints ({@link ChunkWriter#forKernelSpec}). */
    public ImageExport asKernelSpec() {
        return new ImageExport(space, classes, true);
    }

    /**
     * The classes of the space that Smalltalk holds under their own name: the ones a file-in can
     * define again (an obsolete class, out of Smalltalk, would be filed in as a new global). An
     * image without Smalltalk (Candle) answers all its classes.
     */
    public static List<ClassMirror> globalClasses(ObjectSpace space) {
        if (space.smalltalk().isEmpty()) {
            return space.classes();
        }
        List<ClassMirror> result = new ArrayList<>();
        for (ClassMirror c : space.classes()) {
            if (space.globalNamed(c.name()).filter(c::equals).isPresent()) {
                result.add(c);
            }
        }
        return result;
    }

    /**
     * {@code classes} with every class after its superclass (when that is among them), else by
     * name: each class in name order, preceded by those of its superclasses not yet placed.
     */
    public static List<ClassMirror> inSuperclassOrder(Collection<ClassMirror> classes) {
        Set<ClassMirror> given = new HashSet<>(classes);
        Set<ClassMirror> placed = new LinkedHashSet<>();
        for (ClassMirror c : ObjectSpace.sortedByName(given)) {
            Deque<ClassMirror> chain = new ArrayDeque<>();
            for (ClassMirror s : c.withAllSuperclasses()) {
                if (given.contains(s) && !placed.contains(s)) {
                    chain.push(s);
                }
            }
            placed.addAll(chain);
        }
        return List.copyOf(placed);
    }

    /** The files' texts, in memory. */
    public Result render() {
        ChunkWriter writer = kernelSpec ? ChunkWriter.forKernelSpec(space) : ChunkWriter.on(space);
        Map<String, List<ClassMirror>> byCategory = new LinkedHashMap<>();
        for (ClassMirror c : classes) {
            byCategory.computeIfAbsent(c.category().orElse(Decompiler.UNCLASSIFIED), k -> new ArrayList<>()).add(c);
        }
        List<String> order = categoryOrder(byCategory);
        List<String> forward = forwardSuperclasses(byCategory, order);
        List<ExportFile> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String category : order) {
            List<ClassMirror> members = byCategory.get(category);
            int before = writer.methodCount();
            StringBuilder text = new StringBuilder();
            members.forEach(c -> text.append(writer.definition(c)));
            members.forEach(c -> text.append(writer.classSideDefinition(c)));
            for (ClassMirror c : members) {
                text.append(writer.comment(c)).append(writer.methods(c)).append(writer.methods(c.metaclass()));
            }
            files.add(new ExportFile(fileName(category, names), category, members.stream().map(ClassMirror::name).toList(),
                    writer.methodCount() - before, text.toString()));
        }
        String undeclared = writer.undeclaredMethods();
        if (!undeclared.isEmpty()) {
            files.add(new ExportFile(fileName(UNDECLARED, names), UNDECLARED, List.of(), writer.undeclared().size(),
                    undeclared));
        }
        return new Result(files, classes.size(), writer.methodCount(), writer.commentCount(), writer.fallbacks(),
                writer.undeclared(), forward, writer.hintLines());
    }

    /**
     * Renders the files and writes them into {@code folder} (made if needed), each through a
     * temporary file; they are renamed into place only once all are written.
     *
     * @throws java.io.UncheckedIOException naming the file that could not be written
     */
    public Result write(Path folder) {
        Result result = render();
        List<StagedFile> staged = new ArrayList<>();
        try {
            for (ExportFile f : result.files()) {
                staged.add(StagedFile.write(folder.resolve(f.name()), f.text().getBytes(CHARSET)));
            }
            staged.forEach(StagedFile::publish);
        } finally {
            staged.forEach(StagedFile::close);
        }
        return result;
    }

    /**
     * Categories ordered so that one defining a superclass comes before those defining its
     * subclasses, else by name; within a cycle, the first by name goes first.
     */
    private static List<String> categoryOrder(Map<String, List<ClassMirror>> byCategory) {
        Map<String, Set<String>> needs = new LinkedHashMap<>();
        Map<ClassMirror, String> categoryOf = new HashMap<>();
        byCategory.forEach((category, members) -> members.forEach(c -> categoryOf.put(c, category)));
        byCategory.forEach((category, members) -> {
            Set<String> before = new TreeSet<>();
            for (ClassMirror c : members) {
                c.superclass().map(categoryOf::get).filter(s -> !s.equals(category)).ifPresent(before::add);
            }
            needs.put(category, before);
        });
        List<String> order = new ArrayList<>();
        TreeSet<String> left = new TreeSet<>(byCategory.keySet());
        while (!left.isEmpty()) {
            String next = left.stream().filter(c -> order.containsAll(needs.get(c))).findFirst().orElse(left.first());
            order.add(next);
            left.remove(next);
        }
        return order;
    }

    private static List<String> forwardSuperclasses(Map<String, List<ClassMirror>> byCategory, List<String> order) {
        Map<ClassMirror, Integer> fileOf = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            for (ClassMirror c : byCategory.get(order.get(i))) {
                fileOf.put(c, i);
            }
        }
        List<String> forward = new ArrayList<>();
        fileOf.forEach((c, file) -> c.superclass().filter(s -> fileOf.getOrDefault(s, -1) > file)
                .ifPresent(s -> forward.add(c.name() + " (" + order.get(file) + ") under " + s.name() + " ("
                        + order.get(fileOf.get(s)) + ")")));
        forward.sort(Comparator.naturalOrder());
        return forward;
    }

    /**
     * The category as a file name: letters, digits, {@code - _ .} kept, anything else (a space, a
     * slash) made {@code _}; a name a case-insensitive file system would confuse with one already
     * taken gets {@code -2}, {@code -3}...
     */
    private static String fileName(String category, Set<String> taken) {
        StringBuilder sb = new StringBuilder();
        for (char ch : category.toCharArray()) {
            sb.append(ch < 128 && (Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.') ? ch : '_');
        }
        String base = sb.isEmpty() || sb.charAt(0) == '.' ? "_" + sb : sb.toString();
        String name = base;
        for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
            name = base + "-" + n;
        }
        return name + EXTENSION;
    }
}
