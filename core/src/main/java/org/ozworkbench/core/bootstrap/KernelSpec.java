package org.ozworkbench.core.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ozworkbench.core.compiler.MethodHint;
import org.ozworkbench.core.compiler.chunk.Chunk;
import org.ozworkbench.core.compiler.chunk.ChunkFormatException;
import org.ozworkbench.core.compiler.chunk.ChunkReader;
import org.ozworkbench.core.contract.Contract;
import org.ozworkbench.core.image.ImageFormat;

/**
 * A kernel described as source: a folder of chunk-format files (class definitions, methods,
 * doIts) and a {@code manifest} of {@code key = value} lines naming the image format, the
 * dialect's contract, the classes the VM and the seed need ({@code class.smallInteger =
 * SmallInteger}...), the files in file-in order ({@code files}, relative to the folder; all
 * {@code *.st} files by name when absent) and the expression the first process runs at boot ({@code boot}, at
 * {@code boot.priority}). Optional: {@code processor.priorities} (the scheduler's number of
 * priorities, 8 by default), {@code compactClasses} ({@code index:Class} pairs, when the dialect's
 * compact classes are not Squeak's) and {@code specialSelectors.nil} (the special selectors the
 * dialect's array leaves nil, so that its compiler sends them as ordinary selectors) and
 * {@code globals} (variables the methods refer to that are neither classes nor Processor: each
 * declared, nil), {@code compiledMethod.classFormat = bytes} (the CompiledMethod class keeps a byte format), {@code window} (the header's window size, 640x480 by default), {@code classVariables} (a file of class variables' values: {@link ClassVariable}) and what {@link Fidelity} reads.
 */
public final class KernelSpec {
    public static final String MANIFEST = "manifest";
    private static final int DEFAULT_BOOT_PRIORITY = 4;
    private static final int DEFAULT_PRIORITIES = 8;
    private static final String DEFAULT_WINDOW = "640x480";
    static final String COMPILED_METHOD_CLASS_FORMAT = "compiledMethod.classFormat";
    private static final String COMPILED_METHOD_FORMAT = "compiledMethod";
    static final String BYTES_FORMAT = "bytes";
    static final String METHOD_HINTS = "methodHints";
    static final String CLASS_FORMAT_PREFIX = "classFormat.";
    static final String HEADER_FLAGS = "header.flags";
    static final String SPECIAL_OBJECTS_SIZE = "specialObjects.size";
    static final String SPECIAL_OBJECT_PREFIX = "specialObject.";
    /** A window side fits the header word's 16 bits. */
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,4})x(\\d{1,4})");
    /** The compact classes array has 31 slots (V3-FACTS section 4). */
    private static final int MAX_COMPACT_INDEX = 31;
    /** The contracts a kernel can be built with. */
    private static final List<String> CONTRACTS = List.of("squeak3", "candle");

    /**
     * A class variable's value, from the file the manifest's {@code classVariables} names: a chunk
     * {@code ClassName VariableName := literal} (a literal, or a class's name), set after the files
     * are filed in.
     */
    public record ClassVariable(String className, String name, String source, String file, int line) {
    }

    private static final Pattern CLASS_VARIABLE = Pattern.compile("(\\S+)\\s+(\\S+)\\s*:=\\s*(.+)", Pattern.DOTALL);

    /** One chunk file of the spec, read. */
    public record SpecFile(String name, String text, List<Chunk> chunks) {
    }

    private final Path folder;
    private final ImageFormat format;
    private final Contract contract;
    private final String bootExpression;
    private final int bootPriority;
    private final int bootLine;
    private final int priorities;
    private final Map<String, Integer> compactIndices;
    private final Set<String> nilSpecialSelectors;
    private final Map<Role, String> roles;
    private final List<SpecFile> files;
    private final Map<String, Chunk.ClassDefinition> definitions;
    private final Map<String, String> definedIn;
    private final Map<String, List<String>> classSideVariables;
    private final List<String> globals;
    private final List<ClassVariable> classVariables;
    private final boolean compiledMethodClassBytes;
    private final int windowWidth;
    private final int windowHeight;
    private final Fidelity fidelity;

    /**
     * What a spec exported from an image carries besides source, so that the image built is that
     * image's own where source cannot say it: the methods' hints (the manifest's {@code methodHints}
     * file, see {@link MethodHint}), the format words no class definition gives ({@code
     * classFormat.Name = word}: Candle's PCBitBlt, 128, which declares -1 instance variables), and
     * the header's flags word ({@code header.flags}).
     *
     * @param methodHints  each hinted method ({@code Class>>selector}) and its hint
     * @param hintLines    the line of each hinted method's first hint in {@code hintsFile}
     * @param hintsFile    the hints file, or null
     * @param classFormats a class's format word, by class name
     * @param headerFlags  the header's flags word (0 by default)
     * @param specialObjects the slots of the special objects array the seed does not fill itself, by
     *                     their index from 1 ({@code specialObject.N}: {@link SpecialObjectValue})
     * @param specialObjectLines the manifest line of each of those
     * @param specialObjectsSize the special objects array's size ({@code specialObjects.size}), 0 for the seed's
     */
    public record Fidelity(Map<String, MethodHint> methodHints, Map<String, Integer> hintLines, String hintsFile,
                           Map<String, Integer> classFormats, int headerFlags,
                           Map<Integer, SpecialObjectValue> specialObjects, Map<Integer, Integer> specialObjectLines,
                           int specialObjectsSize) {
        static final Fidelity NONE = new Fidelity(Map.of(), Map.of(), null, Map.of(), 0, Map.of(), Map.of(), 0);
    }

    private KernelSpec(Path folder, ImageFormat format, Contract contract, String bootExpression, int bootPriority,
                       int bootLine, int priorities, Map<String, Integer> compactIndices, Set<String> nilSpecialSelectors,
                       Map<Role, String> roles, List<SpecFile> files, Map<String, Chunk.ClassDefinition> definitions,
                       Map<String, String> definedIn, Map<String, List<String>> classSideVariables,
                       List<String> globals, List<ClassVariable> classVariables, int[] window,
                       boolean compiledMethodClassBytes, Fidelity fidelity) {
        this.folder = folder;
        this.format = format;
        this.contract = contract;
        this.bootExpression = bootExpression;
        this.bootPriority = bootPriority;
        this.bootLine = bootLine;
        this.priorities = priorities;
        this.compactIndices = compactIndices;
        this.nilSpecialSelectors = nilSpecialSelectors;
        this.roles = roles;
        this.files = files;
        this.definitions = definitions;
        this.definedIn = definedIn;
        this.classSideVariables = classSideVariables;
        this.globals = globals;
        this.classVariables = classVariables;
        this.compiledMethodClassBytes = compiledMethodClassBytes;
        this.windowWidth = window[0];
        this.windowHeight = window[1];
        this.fidelity = fidelity;
    }

    /**
     * Reads the spec in {@code folder}.
     *
     * @throws SpecException naming the file and line of the first thing that is wrong
     */
    public static KernelSpec read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new SpecException(folder + ": is not a folder: expected a kernel spec (a folder with a manifest)");
        }
        Path manifestFile = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new SpecException(manifestFile + ": no such file: a kernel spec has a manifest");
        }
        Map<String, Integer> lines = new HashMap<>();
        Map<String, String> manifest = parseManifest(manifestFile, lines);
        String m = manifestFile.toString();
        ImageFormat format = ImageFormat.ofVersion(parseInt(m, manifest, lines, "format", -1))
                .orElseThrow(() -> SpecException.at(m, lines.getOrDefault("format", 0), "unknown image format '"
                        + manifest.get("format") + "': expected 6502, 6504 or 6505"));
        String contractName = manifest.getOrDefault("contract", "squeak3");
        if (!CONTRACTS.contains(contractName)) {
            throw SpecException.at(m, lines.getOrDefault("contract", 0), "contract '" + contractName
                    + "': expected one of " + String.join(", ", CONTRACTS));
        }
        Contract contract = Contract.builtIn(contractName);
        String boot = manifest.get("boot");
        if (boot == null || boot.isBlank()) {
            throw SpecException.at(m, 0, "no 'boot' line: expected the expression the first process runs at boot");
        }
        int priorities = parseInt(m, manifest, lines, "processor.priorities", DEFAULT_PRIORITIES);
        if (priorities < 1) {
            throw SpecException.at(m, lines.get("processor.priorities"), "processor.priorities " + priorities
                    + ": expected at least 1");
        }
        int priority = parseInt(m, manifest, lines, "boot.priority", Math.min(DEFAULT_BOOT_PRIORITY, priorities));
        if (priority < 1 || priority > priorities) {
            throw SpecException.at(m, lines.get("boot.priority"), "boot.priority " + priority + ": expected 1.."
                    + priorities);
        }
        List<SpecFile> files = readFiles(folder, manifest, lines);
        Map<String, Chunk.ClassDefinition> definitions = new LinkedHashMap<>();
        Map<String, String> definedIn = new HashMap<>();
        for (SpecFile f : files) {
            for (Chunk c : f.chunks()) {
                if (c instanceof Chunk.ClassDefinition d) {
                    if (definitions.containsKey(d.className())) {
                        throw SpecException.at(f.name(), d.line(), "class " + d.className() + " is defined twice (first in "
                                + definedIn.get(d.className()) + ")");
                    }
                    definitions.put(d.className(), d);
                    definedIn.put(d.className(), f.name());
                }
            }
        }
        Map<String, List<String>> classSide = new HashMap<>();
        for (SpecFile f : files) {
            for (Chunk c : f.chunks()) {
                if (c instanceof Chunk.ClassSideDefinition d) {
                    if (!definitions.containsKey(d.className())) {
                        throw SpecException.at(f.name(), d.line(), "class-side instance variables of " + d.className()
                                + ", which no file of the spec defines");
                    }
                    classSide.put(d.className(), d.instanceVariableNames());
                }
            }
        }
        Map<Role, String> roles = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            if (!r.neededBy(format, contract)) {
                continue;
            }
            String key = "class." + r.key();
            String name = manifest.get(key);
            if (name == null && r.optionalIn(contract)) {
                continue;
            }
            if (name == null) {
                throw SpecException.at(m, 0, "no '" + key + "' line: expected the name of the kernel's " + r.key()
                        + " class");
            }
            if (!definitions.containsKey(name)) {
                throw SpecException.at(m, lines.get(key), key + " names " + name + ", which no file of the spec defines");
            }
            roles.put(r, name);
        }
        Map<String, Integer> compact = compactIndices(m, manifest, lines, roles, definitions);
        Set<String> nilSelectors = new LinkedHashSet<>(words(manifest.get("specialSelectors.nil")));
        return new KernelSpec(folder, format, contract, boot.strip(), priority, lines.get("boot"), priorities,
                Collections.unmodifiableMap(compact), Collections.unmodifiableSet(nilSelectors),
                Collections.unmodifiableMap(roles), List.copyOf(files), Collections.unmodifiableMap(definitions),
                definedIn, Collections.unmodifiableMap(classSide), words(manifest.get("globals")),
                readClassVariables(folder, manifest, lines, definitions), window(m, manifest, lines),
                compiledMethodClassFormat(m, manifest, lines), fidelity(folder, manifest, lines, definitions));
    }

    /** The manifest's {@code methodHints}, {@code classFormat.Name} and {@code header.flags} lines, read. */
    private static Fidelity fidelity(Path folder, Map<String, String> manifest, Map<String, Integer> lines,
                                     Map<String, Chunk.ClassDefinition> definitions) {
        String m = folder.resolve(MANIFEST).toString();
        Map<String, Integer> formats = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : manifest.entrySet()) {
            if (e.getKey().startsWith(CLASS_FORMAT_PREFIX)) {
                String name = e.getKey().substring(CLASS_FORMAT_PREFIX.length());
                if (!definitions.containsKey(name)) {
                    throw SpecException.at(m, lines.get(e.getKey()), e.getKey() + " names " + name
                            + ", which no file of the spec defines");
                }
                formats.put(name, parseInt(m, manifest, lines, e.getKey(), 0));
            }
        }
        int flags = parseInt(m, manifest, lines, HEADER_FLAGS, 0);
        int specialSize = parseInt(m, manifest, lines, SPECIAL_OBJECTS_SIZE, 0);
        Map<Integer, SpecialObjectValue> specials = new TreeMap<>();
        Map<Integer, Integer> specialLines = new HashMap<>();
        for (Map.Entry<String, String> e : manifest.entrySet()) {
            if (e.getKey().startsWith(SPECIAL_OBJECT_PREFIX)) {
                int line = lines.get(e.getKey());
                int index;
                try {
                    index = Integer.parseInt(e.getKey().substring(SPECIAL_OBJECT_PREFIX.length()));
                } catch (NumberFormatException notANumber) {
                    index = 0;
                }
                if (index < 1 || specialSize > 0 && index > specialSize) {
                    throw SpecException.at(m, line, e.getKey() + ": expected " + SPECIAL_OBJECT_PREFIX + "N, N from 1 to"
                            + " the special objects array's size" + (specialSize > 0 ? " (" + specialSize + ")" : ""));
                }
                try {
                    specials.put(index, SpecialObjectValue.parse(e.getValue()));
                } catch (IllegalArgumentException bad) {
                    throw SpecException.at(m, line, e.getKey() + " " + bad.getMessage());
                }
                specialLines.put(index, line);
            }
        }
        Map<Integer, SpecialObjectValue> specialObjects = Collections.unmodifiableMap(specials);
        String name = manifest.get(METHOD_HINTS);
        if (name == null) {
            return new Fidelity(Map.of(), Map.of(), null, Map.copyOf(formats), flags, specialObjects,
                    Map.copyOf(specialLines), specialSize);
        }
        Path p = folder.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw SpecException.at(m, lines.get(METHOD_HINTS), METHOD_HINTS + ": " + name
                    + " is not a file (names are relative to the spec folder)");
        }
        Map<String, MethodHint> hints = new LinkedHashMap<>();
        Map<String, Integer> hintLines = new HashMap<>();
        List<String> text = readLines(p);
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            MethodHint.Line read;
            try {
                read = MethodHint.parse(line);
            } catch (IllegalArgumentException e) {
                throw SpecException.at(p.toString(), i + 1, e.getMessage());
            }
            hints.merge(read.method(), read.hint(), MethodHint::with);
            hintLines.putIfAbsent(read.method(), i + 1);
        }
        return new Fidelity(Collections.unmodifiableMap(hints), Map.copyOf(hintLines), p.toString(), Map.copyOf(formats),
                flags, specialObjects, Map.copyOf(specialLines), specialSize);
    }

    /** The compact index of each class that has one: the manifest's {@code compactClasses}, else the roles' (Squeak's). */
    private static Map<String, Integer> compactIndices(String m, Map<String, String> manifest, Map<String, Integer> lines,
                                                       Map<Role, String> roles, Map<String, Chunk.ClassDefinition> definitions) {
        Map<String, Integer> result = new LinkedHashMap<>();
        String listed = manifest.get("compactClasses");
        if (listed == null) {
            roles.forEach((r, name) -> {
                if (r.compactIndex() != 0) {
                    result.put(name, r.compactIndex());
                }
            });
            return result;
        }
        for (String pair : listed.split("\\s+")) {
            int colon = pair.indexOf(':');
            int index;
            try {
                index = colon > 0 ? Integer.parseInt(pair.substring(0, colon)) : -1;
            } catch (NumberFormatException e) {
                index = -1;
            }
            String name = pair.substring(colon + 1);
            if (index < 1 || index > MAX_COMPACT_INDEX) {
                throw SpecException.at(m, lines.get("compactClasses"), "compactClasses: '" + pair
                        + "': expected index:ClassName with an index from 1 to " + MAX_COMPACT_INDEX);
            }
            if (!definitions.containsKey(name)) {
                throw SpecException.at(m, lines.get("compactClasses"), "compactClasses names " + name
                        + ", which no file of the spec defines");
            }
            result.put(name, index);
        }
        return result;
    }

    /** The values of the file the manifest's {@code classVariables} names, each of a class variable the spec declares. */
    private static List<ClassVariable> readClassVariables(Path folder, Map<String, String> manifest,
                                                          Map<String, Integer> lines,
                                                          Map<String, Chunk.ClassDefinition> definitions) {
        String name = manifest.get("classVariables");
        if (name == null) {
            return List.of();
        }
        Path p = folder.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw SpecException.at(folder.resolve(MANIFEST).toString(), lines.get("classVariables"), "classVariables: "
                    + name + " is not a file (names are relative to the spec folder)");
        }
        // read whole: a literal may hold a carriage return ($<CR> in Candle's CharacterTable), which lines would lose
        String text;
        try {
            text = Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
        List<Chunk> chunks;
        try {
            chunks = ChunkReader.read(text, p.toString());
        } catch (ChunkFormatException e) {
            throw new SpecException(e.getMessage(), e);
        }
        List<ClassVariable> result = new ArrayList<>();
        for (Chunk c : chunks) {
            Matcher m = c instanceof Chunk.DoItChunk d ? CLASS_VARIABLE.matcher(d.source().strip()) : null;
            int line = c instanceof Chunk.DoItChunk d ? d.line() : 0;
            if (m == null || !m.matches()) {
                throw SpecException.at(p.toString(), line, "expected 'ClassName VariableName := literal'");
            }
            Chunk.ClassDefinition d = definitions.get(m.group(1));
            if (d == null || !d.classVariableNames().contains(m.group(2))) {
                throw SpecException.at(p.toString(), line, m.group(1) + " " + m.group(2)
                        + ": no class of the spec declares this class variable");
            }
            result.add(new ClassVariable(m.group(1), m.group(2), m.group(3), p.toString(), line));
        }
        return List.copyOf(result);
    }

    /** The {@code window = WIDTHxHEIGHT} the image header records (what the VM opens, the screen size the guest sees). */
    private static int[] window(String m, Map<String, String> manifest, Map<String, Integer> lines) {
        String v = manifest.getOrDefault("window", DEFAULT_WINDOW);
        Matcher w = WINDOW.matcher(v);
        if (!w.matches()) {
            throw SpecException.at(m, lines.get("window"), "window = '" + v + "': expected WIDTHxHEIGHT, e.g. "
                    + DEFAULT_WINDOW);
        }
        return new int[] {Integer.parseInt(w.group(1)), Integer.parseInt(w.group(2))};
    }

    /**
     * {@code compiledMethod.classFormat = bytes}: the CompiledMethod class keeps the byte format its
     * definition gives (Candle's bootstrapper left it so) instead of the CompiledMethod format.
     */
    private static boolean compiledMethodClassFormat(String m, Map<String, String> manifest, Map<String, Integer> lines) {
        String v = manifest.getOrDefault(COMPILED_METHOD_CLASS_FORMAT, COMPILED_METHOD_FORMAT);
        if (!v.equals(COMPILED_METHOD_FORMAT) && !v.equals(BYTES_FORMAT)) {
            throw SpecException.at(m, lines.get(COMPILED_METHOD_CLASS_FORMAT), COMPILED_METHOD_CLASS_FORMAT + " = '" + v
                    + "': expected " + COMPILED_METHOD_FORMAT + " or " + BYTES_FORMAT);
        }
        return v.equals(BYTES_FORMAT);
    }

    /** The words of a manifest value, none when absent. */
    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
    }

    private static Map<String, String> parseManifest(Path file, Map<String, Integer> lines) {
        Map<String, String> result = new LinkedHashMap<>();
        List<String> text = readLines(file);
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw SpecException.at(file.toString(), i + 1, "expected 'key = value', found '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            if (result.containsKey(key)) {
                throw SpecException.at(file.toString(), i + 1, key + " is given twice (first at line " + lines.get(key) + ")");
            }
            result.put(key, line.substring(eq + 1).strip());
            lines.put(key, i + 1);
        }
        return result;
    }

    private static int parseInt(String manifestName, Map<String, String> manifest, Map<String, Integer> lines, String key, int absent) {
        String v = manifest.get(key);
        if (v == null) {
            return absent;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw SpecException.at(manifestName, lines.get(key), key + " = '" + v + "': expected a number");
        }
    }

    private static List<SpecFile> readFiles(Path folder, Map<String, String> manifest, Map<String, Integer> lines) {
        List<String> names = new ArrayList<>();
        String listed = manifest.get("files");
        if (listed != null) {
            for (String n : listed.split("\\s+")) {
                if (!n.isEmpty()) {
                    names.add(n);
                }
            }
        } else {
            try (Stream<Path> s = Files.list(folder)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".st")).sorted().forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<SpecFile> files = new ArrayList<>();
        for (String n : names) {
            Path p = folder.resolve(n);
            if (!Files.isRegularFile(p)) {
                throw SpecException.at(folder.resolve(MANIFEST).toString(), lines.getOrDefault("files", 0), "file " + n
                        + " is not a file (names are relative to the spec folder)");
            }
            String text = String.join("\n", readLines(p));
            try {
                files.add(new SpecFile(p.toString(), text, ChunkReader.read(text, p.toString())));
            } catch (ChunkFormatException e) {
                throw new SpecException(e.getMessage(), e);
            }
        }
        return files;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The number of priorities of the scheduler. */
    public int priorities() {
        return priorities;
    }

    /** The compact class index of {@code className}'s instances, or 0. */
    int compactIndexOf(String className) {
        return compactIndices.getOrDefault(className, 0);
    }

    /** The special selectors the dialect's special selectors array leaves nil. */
    Set<String> nilSpecialSelectors() {
        return nilSpecialSelectors;
    }

    /** The instance variables the class side of {@code className} adds ({@code Foo class instanceVariableNames: '...'}). */
    List<String> classSideVariablesOf(String className) {
        return classSideVariables.getOrDefault(className, List.of());
    }

    /** The global variables the spec declares (nil at first) besides its classes and Processor. */
    List<String> globals() {
        return globals;
    }

    /** The class variables' values, in their file's order. */
    public List<ClassVariable> classVariables() {
        return classVariables;
    }

    /** Whether the CompiledMethod class keeps its definition's byte format (else it gets the CompiledMethod format). */
    boolean compiledMethodClassBytes() {
        return compiledMethodClassBytes;
    }

    /** What the spec carries besides source: method hints, class format words, the header's flags. */
    public Fidelity fidelity() {
        return fidelity;
    }

    int windowWidth() {
        return windowWidth;
    }

    int windowHeight() {
        return windowHeight;
    }

    /** Whether the manifest names a class for {@code role}. */
    boolean has(Role role) {
        return roles.containsKey(role);
    }

    public Path folder() {
        return folder;
    }

    public ImageFormat format() {
        return format;
    }

    public Contract contract() {
        return contract;
    }

    public String bootExpression() {
        return bootExpression;
    }

    public int bootPriority() {
        return bootPriority;
    }

    /** The manifest line of the boot expression. */
    int bootLine() {
        return bootLine;
    }

    public List<SpecFile> files() {
        return files;
    }

    /** Every class definition of the spec, by name, in file-in order. */
    public Map<String, Chunk.ClassDefinition> definitions() {
        return definitions;
    }

    /** The file that defines {@code className}. */
    String fileOf(String className) {
        return definedIn.get(className);
    }

    /** The class the manifest names for {@code role}, or null when the format has no such role. */
    String classFor(Role role) {
        return roles.get(role);
    }
}
