package org.ozworkbench.core.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectMemory;

/**
 * The membrane configuration of paper sections 3.6 and 4.6: what the host must know of a
 * dialect's object layouts. One descriptor per dialect, kept as data in a properties file
 * ({@code org/ozworkbench/core/contract/<dialect>.properties}), detected from the image and
 * overridable by the user with a file of the same keys. Immutable.
 */
public final class Contract {
    /** The dialects shipped with the workbench, in detection order. */
    public static final List<String> BUILT_IN = List.of("squeak3", "squeak2", "candle");
    private static final String RESOURCE_DIR = "/org/ozworkbench/core/contract/";
    /** What a class without instance or class variables holds for them: {@code nil} (Squeak) or {@code empty}. */
    private static final String EMPTY_VARIABLES = "class.emptyVariables";

    /** How the dialect interns a new Symbol. */
    public enum SymbolTable {
        /** Squeak 3: reuse a nil slot of the bucket, else grow the bucket by one. */
        S3,
        /** Squeak 2: always store a copy of the bucket one slot longer. */
        S2,
        /** No table: creating the Symbol is enough (Candle). */
        NONE
    }

    /** What the dialect's compiler puts in a method's literal frame besides the literals its code uses. */
    public enum MethodLiterals {
        /** Squeak 2/3: only the class binding, last, and only when the method sends to super. */
        SUPER_BINDING,
        /**
         * Squeak 4/Pharo (Candle): every method, quick ones too, ends with the selectors its compiler
         * inlined (ifTrue:, whileTrue:... those not otherwise literals), then its own selector, then its
         * class binding.
         */
        SELECTOR_AND_CLASS
    }

    private final String dialect;
    private final String description;
    private final int detectClassSlots;
    private final SymbolTable symbols;
    private final MethodLiterals methodLiterals;
    private final Map<String, Integer> inlinedSelectorHashes;
    private final Set<Integer> largeFramePrimitives;
    private final boolean emptyVariablesHeld;
    private final Map<Slot, Integer> slots;

    private Contract(String dialect, String description, int detectClassSlots, SymbolTable symbols,
                     MethodLiterals methodLiterals, Map<String, Integer> inlinedSelectorHashes,
                     Set<Integer> largeFramePrimitives, boolean emptyVariablesHeld, Map<Slot, Integer> slots) {
        this.dialect = dialect;
        this.description = description;
        this.detectClassSlots = detectClassSlots;
        this.symbols = symbols;
        this.methodLiterals = methodLiterals;
        this.inlinedSelectorHashes = inlinedSelectorHashes;
        this.largeFramePrimitives = largeFramePrimitives;
        this.emptyVariablesHeld = emptyVariablesHeld;
        this.slots = slots;
    }

    /** A built-in descriptor by dialect name. */
    public static Contract builtIn(String dialect) {
        try (InputStream in = Contract.class.getResourceAsStream(RESOURCE_DIR + dialect + ".properties")) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in contract for dialect '" + dialect + "'; known: " + BUILT_IN);
            }
            Properties p = new Properties();
            p.load(in);
            return fromProperties(p, dialect + ".properties");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a contract file. When it names a built-in {@code base} dialect, its keys override
     * that dialect's; otherwise it must be complete.
     */
    public static Contract load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read contract " + file + ": " + e.getMessage(), e);
        }
        String base = p.getProperty("base");
        if (base != null) {
            Properties merged = new Properties();
            try (InputStream in = Contract.class.getResourceAsStream(RESOURCE_DIR + base + ".properties")) {
                if (in == null) {
                    throw new IllegalArgumentException(file + ": unknown base dialect '" + base + "'; known: " + BUILT_IN);
                }
                merged.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            merged.putAll(p);
            p = merged;
        }
        return fromProperties(p, file.toString());
    }

    static Contract fromProperties(Properties p, String source) {
        Map<Slot, Integer> slots = new EnumMap<>(Slot.class);
        for (Slot s : Slot.values()) {
            String v = p.getProperty(s.key());
            if (v != null) {
                try {
                    slots.put(s, Integer.parseInt(v.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + ": " + s.key() + " = '" + v + "' is not a number");
                }
            }
        }
        for (Slot required : List.of(Slot.CLASS_SUPERCLASS, Slot.CLASS_METHOD_DICT, Slot.CLASS_FORMAT, Slot.CLASS_NAME,
                Slot.METACLASS_THIS_CLASS)) {
            if (!slots.containsKey(required)) {
                throw new IllegalArgumentException(source + ": missing required key " + required.key());
            }
        }
        String dialect = p.getProperty("dialect", source);
        int detect = Integer.parseInt(p.getProperty("detect.classSlots", "-1").trim());
        SymbolTable symbols = SymbolTable.valueOf(p.getProperty("symbols", "none").trim().toUpperCase());
        String literals = p.getProperty("compiler.methodLiterals", "superBinding").trim();
        MethodLiterals methodLiterals = switch (literals) {
            case "superBinding" -> MethodLiterals.SUPER_BINDING;
            case "selectorAndClass" -> MethodLiterals.SELECTOR_AND_CLASS;
            default -> throw new IllegalArgumentException(source + ": compiler.methodLiterals = '" + literals
                    + "' is neither superBinding nor selectorAndClass");
        };
        String empty = p.getProperty(EMPTY_VARIABLES, "nil").trim();
        if (!empty.equals("nil") && !empty.equals("empty")) {
            throw new IllegalArgumentException(source + ": " + EMPTY_VARIABLES + " = '" + empty
                    + "' is neither nil nor empty");
        }
        return new Contract(dialect, p.getProperty("description", dialect), detect, symbols, methodLiterals,
                inlinedSelectorHashes(p, source), largeFramePrimitives(p, source), empty.equals("empty"), slots);
    }

    /** {@code compiler.largeFramePrimitives = 84}: primitive indices, each a number. */
    private static Set<Integer> largeFramePrimitives(Properties p, String source) {
        String value = p.getProperty("compiler.largeFramePrimitives", "").trim();
        Set<Integer> primitives = new HashSet<>();
        for (String index : value.isEmpty() ? new String[0] : value.split("\\s+")) {
            try {
                primitives.add(Integer.parseInt(index));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": compiler.largeFramePrimitives: '" + index
                        + "' is not a primitive index");
            }
        }
        return Set.copyOf(primitives);
    }

    /** {@code compiler.inlinedSelectorHashes = ifTrue:=3 and:=1 ...}: selector, '=', hash. */
    private static Map<String, Integer> inlinedSelectorHashes(Properties p, String source) {
        String value = p.getProperty("compiler.inlinedSelectorHashes", "").trim();
        Map<String, Integer> hashes = new HashMap<>();
        for (String pair : value.isEmpty() ? new String[0] : value.split("\\s+")) {
            int eq = pair.lastIndexOf('=');
            try {
                hashes.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)));
            } catch (IndexOutOfBoundsException | NumberFormatException e) {
                throw new IllegalArgumentException(source + ": compiler.inlinedSelectorHashes: '" + pair
                        + "' is not selector=hash");
            }
        }
        return Map.copyOf(hashes);
    }

    /**
     * Detects the dialect from the image: the number of slots of class Array (special object 7)
     * tells Squeak 3 (10), Squeak 2.2 (9) and Candle (14) apart.
     */
    public static Optional<Contract> detect(ObjectMemory memory) {
        Object arrayClass = memory.specialObject(SpecialObject.CLASS_ARRAY.index());
        if (!(arrayClass instanceof GuestObject cls) || !cls.isPointers()) {
            return Optional.empty();
        }
        for (String name : BUILT_IN) {
            Contract c = builtIn(name);
            if (c.detectClassSlots == cls.pointerCount()) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public String dialect() {
        return dialect;
    }

    public String description() {
        return description;
    }

    public SymbolTable symbolTable() {
        return symbols;
    }

    public MethodLiterals methodLiterals() {
        return methodLiterals;
    }

    /**
     * With {@link MethodLiterals#SELECTOR_AND_CLASS}: the hashes the compiler's Set of inlined
     * selectors placed them by (those of its Symbols, measured from the image's methods), which
     * order the selectors it lists. Empty when not known.
     */
    public Map<String, Integer> inlinedSelectorHashes() {
        return inlinedSelectorHashes;
    }

    /**
     * The primitives whose methods the dialect's compiler always gives the large frame, however
     * shallow their stack (Squeak 3.9's {@code needsFrameSize:}: 84, {@code perform:withArguments:},
     * whose primitive pushes the array's elements as arguments). Empty for older compilers.
     */
    public Set<Integer> largeFramePrimitives() {
        return largeFramePrimitives;
    }

    /**
     * Whether a class that adds no instance variables or declares no class variables still holds an
     * empty Array of names and an empty class pool (Candle: {@code class.emptyVariables = empty}),
     * where Squeak's hold nil.
     */
    public boolean emptyVariablesHeld() {
        return emptyVariablesHeld;
    }

    public boolean has(Slot slot) {
        return slots.containsKey(slot);
    }

    /** The slot index (or size) for {@code slot}; throws when the dialect has no such slot. */
    public int get(Slot slot) {
        Integer v = slots.get(slot);
        if (v == null) {
            throw new UnsupportedOperationException("the " + dialect + " contract has no " + slot.key());
        }
        return v;
    }

    public OptionalInt find(Slot slot) {
        Integer v = slots.get(slot);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    @Override
    public String toString() {
        return "Contract[" + dialect + ": " + description + "]";
    }
}
