package org.ozworkbench.core.decompiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.compiler.CompiledMethodSpec;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.compiler.Literal;
import org.ozworkbench.core.compiler.LiteralMatch;
import org.ozworkbench.core.compiler.conformance.GuestCorpus;
import org.ozworkbench.core.compiler.conformance.GuestMethod;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MethodDictionaryMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Issue 15's round trip on the original methods: every CompiledMethod of an image is decompiled
 * by ours and the source compiled by ours in the same class (without installing it); header,
 * literals and bytecodes are compared with the ORIGINAL method. Beside it, on every image with a
 * Decompiler of its own, the guest's own round trip of the same methods in the real VM: the
 * {@link GuestCorpus} (one boot per image, cached under {@code target/guest-corpus/}) holds, per
 * method, the guest's verdict on its recompile of its own decompiled text, judged in the guest
 * object by object. Ours must reach the guest's rate, and 99.5% on the methods the guest gets back;
 * Candle, which has no Decompiler, 99%. The rates and every difference, grouped by cause (each
 * cause says why no source gives the original back) with examples, are printed; the rates must
 * stay at or above the floors measured. What the decompiler gives always compiles.
 */
class DecompilerRoundTripTest {
    private static final int EXAMPLES = Integer.getInteger("ozw.roundTrip.examples", 2);
    private static final double ON_GUEST_GOOD_TARGET = 0.995;
    private static final double WITHOUT_GUEST_DECOMPILER_TARGET = 0.99;
    private static final String TRAILING_LITERALS = "identical but for the selector and class binding a closure"
            + " image's compiler puts last (our compiler does not add them)";

    /**
     * Why no source gives the original back, by the start of a cause: printed under each cause.
     * On Candle, whose compiler ours follows only since issue 15, some are still gaps of ours.
     */
    private static final Map<String, String> WHY = new LinkedHashMap<>();

    static {
        WHY.put("same literals in another order", "the original's compiler reserved its literals in another order than"
                + " the image's compiler does (the guest's own round trip misses these too); on Candle, an inlined"
                + " selector order the fitted Set hashes miss (PCLargeNegativeInteger>>normalize)");
        WHY.put("bytecodes of another length", "older compilers: a send popped before the final return, pushNil"
                + " returnTop after whileTrue:, a jump after a returning arm; the image's compiler makes none of them;"
                + " on Candle, block shapes of the closure compiler not matched yet");
        WHY.put("the class binding of super sends", "compiled while the class was not bound in Smalltalk (a nil-keyed"
                + " Association); any source compiled in the installed class binds the global Association");
        WHY.put("header: large-frame bit only", "an older compiler sized the frame otherwise; same code and literals"
                + " (on Candle, a primitive method whose stack our compiler counts one deeper)");
        WHY.put("our compiler refused: undeclared variable", "refers to a global the image no longer has: our"
                + " compiler refuses the undeclared name, where the guest's declares it in Undeclared");
        WHY.put("literal Selector", "Candle: the order of the inlined selectors its compiler lists (the order of a Set"
                + " of them, whose hashes, fitted to Candle's methods, miss 5 of 115, all with five or more, where the"
                + " Set grew) or an inlined selector the text spells another way");
        WHY.put("not decompiled: a literal that source cannot", "a literal no source spells (Float infinity, a"
                + " LargePositiveInteger the reader would make a SmallInteger)");
        WHY.put("not decompiled", "bytecodes no compiler produces (hand-assembled test methods, code after the final"
                + " return, a jump into an expression): a commented disassembly that compiles");
        WHY.put("bytecodes (same length)", "older compilers' temporary numbering or jump shapes");
        WHY.put("bytecodes and literal count", "older compilers' duplicated or missing literals (caseOf:, a second"
                + " class binding)");
        WHY.put("literal count", "older compilers' duplicated or missing literals");
    }

    /** {@code -Dozw.roundTrip.image=candle-6505.image} runs one image's part only (to iterate on it). */
    private static final String ONLY = System.getProperty("ozw.roundTrip.image", "");

    /**
     * The causes of methods no source can give (Candle's): a slot the class's format lacks, a literal
     * no source spells. The rate without a guest Decompiler is also given over the other methods.
     */
    private static final List<String> NO_SOURCE = List.of("not decompiled: instance variable",
            "not decompiled: a quick return of instance", "not decompiled: a literal that source cannot");

    /**
     * Image, whether it has a Decompiler of its own, and the floor of identical methods (the rate
     * measured, rounded down); Candle's is the 99% issue 15 asks for, also checked on the methods
     * some source can express (below).
     */
    static Stream<Arguments> images() {
        return Stream.of(
                Arguments.of("mini-6502.image", true, 0.976),
                Arguments.of("Scratch.image", true, 0.956),
                Arguments.of("jittest-6502.image", true, 0.947),
                Arguments.of("squeakjs-bigendian-6502.image", true, 0.976),
                Arguments.of("candle-6505.image", false, 0.992))
                .filter(a -> ONLY.isEmpty() || a.get()[0].equals(ONLY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void decompiledSourceCompilesBackToTheOriginalMethod(String imageName, boolean guestDecompiles, double floor) {
        Path path = Images.assumeImage(imageName);
        Optional<GuestCorpus> corpus = guestDecompiles ? Optional.of(GuestCorpus.of(path)) : Optional.empty();
        try (ObjectSpace space = ObjectSpace.load(path)) {
            Decompiler decompiler = Decompiler.on(space);
            Compiler compiler = Compiler.on(space);
            Map<String, String> causes = new HashMap<>();
            Map<String, List<String>> examples = new LinkedHashMap<>();
            int methods = 0;
            long decompileNanos = 0;
            for (ClassMirror instanceSide : space.classes()) {
                for (ClassMirror cls : List.of(instanceSide, instanceSide.metaclass())) {
                    for (MethodDictionaryMirror.Entry e : cls.methodDictionary().entries()) {
                        methods++;
                        String key = cls.name() + ">>" + e.selector();
                        long start = System.nanoTime();
                        String source;
                        try {
                            source = decompiler.decompile(cls, e.selector(), e.method());
                        } catch (DecompileException ex) {
                            note(causes, examples, key, "not decompiled: " + firstWords(ex.getMessage()),
                                    ex.getMessage());
                            String fallback = decompiler.source(cls, e.selector(), e.method());
                            compiler.compile(cls, fallback);
                            continue;
                        } finally {
                            decompileNanos += System.nanoTime() - start;
                        }
                        CompiledMethodSpec ours;
                        try {
                            ours = compiler.compile(cls, source);
                        } catch (RuntimeException ex) {
                            note(causes, examples, key, "our compiler refused: " + firstWords(ex.getMessage()),
                                    ex.getMessage() + "\n" + source);
                            continue;
                        }
                        String cause = difference(space, cls, e.method(), ours);
                        if (cause != null) {
                            note(causes, examples, key, cause, source + "original:\n" + e.method().disassemble()
                                    + "ours: header " + Integer.toHexString(ours.header().encode()) + " was "
                                    + Integer.toHexString(e.method().header().encode()) + ", bytecodes "
                                    + HexFormat.of().formatHex(ours.bytecodes()));
                        }
                    }
                }
            }
            double rate = (double) (methods - causes.size()) / methods;
            StringBuilder report = new StringBuilder(String.format("%s: %d of %d methods decompile and compile back"
                    + " identical (%.2f%%); %.0f methods decompiled per second%n", imageName, methods - causes.size(),
                    methods, 100 * rate, methods / (decompileNanos / 1e9)));
            Set<String> guestGood = new HashSet<>();
            corpus.ifPresent(c -> report.append(guestFigures(c, causes, guestGood)));
            Map<String, Integer> onGuestGood = new HashMap<>();
            causes.forEach((key, cause) -> onGuestGood.merge(cause, guestGood.contains(key) ? 1 : 0, Integer::sum));
            examples.entrySet().stream().sorted((a, b) -> b.getValue().size() - a.getValue().size())
                    .forEach(d -> report.append(String.format("  %5d  %s%s%n         why: %s%n", d.getValue().size(),
                            d.getKey(), corpus.isEmpty() ? "" : String.format(" [%d the guest gets back]",
                                    onGuestGood.get(d.getKey())), why(d.getKey()))));
            examples.forEach((cause, list) -> {
                report.append("--- ").append(cause).append('\n');
                list.stream().limit(EXAMPLES).forEach(x -> report.append(x).append('\n'));
            });
            System.out.println(report);
            assertThat(rate).as(report.toString()).isGreaterThanOrEqualTo(floor);
            if (corpus.isPresent()) {
                GuestCorpus c = corpus.get();
                assertThat(ourRateOn(c.imageMethods(), causes, m -> true)).as(report.toString())
                        .isGreaterThanOrEqualTo(guestRate(c));
                assertThat(ourRateOn(c.imageMethods(), causes, GuestMethod::guestRoundTripIsSame))
                        .as(report.toString()).isGreaterThanOrEqualTo(ON_GUEST_GOOD_TARGET);
            } else {
                Map<String, String> noSource = new TreeMap<>();
                causes.forEach((key, cause) -> {
                    if (NO_SOURCE.stream().anyMatch(cause::startsWith)) {
                        noSource.put(key, cause);
                    }
                });
                int expressible = methods - noSource.size();
                double expressibleRate = (double) (expressible - (causes.size() - noSource.size())) / expressible;
                StringBuilder excluded = new StringBuilder(String.format("%s: %.2f%% of all %d methods; %.2f%% of the %d"
                                + " some source can express, without these %d:%n", imageName, 100 * rate, methods,
                        100 * expressibleRate, expressible, noSource.size()));
                noSource.forEach((key, cause) -> excluded.append("  ").append(key).append(": ").append(cause)
                        .append('\n'));
                System.out.println(excluded);
                assertThat(expressibleRate).as(excluded.toString()).isGreaterThanOrEqualTo(WITHOUT_GUEST_DECOMPILER_TARGET);
            }
        }
    }

    /**
     * The guest's own round trip against ours on the same methods (the image's own, without those
     * the host patched before the boot); fills {@code guestGood} with the keys the guest gets back.
     */
    private static String guestFigures(GuestCorpus corpus, Map<String, String> causes, Set<String> guestGood) {
        List<GuestMethod> methods = corpus.imageMethods();
        methods.stream().filter(GuestMethod::guestRoundTripIsSame).forEach(m -> guestGood.add(m.key()));
        Map<String, Long> guestCauses = new TreeMap<>(methods.stream().filter(m -> !m.guestRoundTripIsSame())
                .collect(Collectors.groupingBy(DecompilerRoundTripTest::guestCause, Collectors.counting())));
        return String.format("  the guest's own Decompiler and Compiler in the real VM, on the same %d methods: %d"
                        + " (%.2f%%) back as they were (%s); ours %.2f%% on them, %.2f%% on the %d the guest gets back%n",
                methods.size(), guestGood.size(), 100 * guestRate(corpus), guestCauses,
                100 * ourRateOn(methods, causes, m -> true),
                100 * ourRateOn(methods, causes, GuestMethod::guestRoundTripIsSame), guestGood.size());
    }

    private static String why(String cause) {
        return WHY.entrySet().stream().filter(w -> cause.startsWith(w.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse("not analysed");
    }

    private static String guestCause(GuestMethod m) {
        if (m.decompileError().isPresent()) {
            return "not decompiled";
        }
        if (m.compileError().isPresent()) {
            return "not recompiled";
        }
        return m.roundTrip().orElseThrow().replaceAll("\\d+", "N");
    }

    private static double guestRate(GuestCorpus corpus) {
        List<GuestMethod> methods = corpus.imageMethods();
        return (double) methods.stream().filter(GuestMethod::guestRoundTripIsSame).count() / methods.size();
    }

    private static double ourRateOn(List<GuestMethod> methods, Map<String, String> causes,
                                    Predicate<GuestMethod> which) {
        List<GuestMethod> chosen = methods.stream().filter(which).toList();
        return (double) chosen.stream().filter(m -> !causes.containsKey(m.key())).count() / chosen.size();
    }

    /** Null when ours is the original method, else the first way it differs. */
    private static String difference(ObjectSpace space, ClassMirror cls, MethodMirror original, CompiledMethodSpec ours) {
        boolean sameBytes = Arrays.equals(original.bytecodes(), ours.bytecodes());
        List<GuestValue> theirs = original.literals();
        List<Literal> our = ours.literals();
        if (theirs.size() != our.size()) {
            if (sameBytes && space.hasClosures() && sameButTrailingLiterals(space, cls, theirs, our)) {
                return TRAILING_LITERALS;
            }
            return sameBytes ? "literal count" : "bytecodes and literal count";
        }
        if (!sameBytes) {
            if (original.bytecodes().length != ours.bytecodes().length) {
                return "bytecodes of another length (e.g. an older compiler's pop-less sends before a return)";
            }
            return samePermuted(space, cls, theirs, our) ? "same literals in another order, so other bytecodes"
                    + " (an older compiler's literal order)" : "bytecodes (same length)";
        }
        for (int i = 0; i < our.size(); i++) {
            if (!same(space, cls, theirs.get(i), our.get(i))) {
                return our.get(i) instanceof Literal.MethodClass ? "the class binding of super sends is another"
                        + " Association (the original's nil-keyed one)" : "literal " + kind(our.get(i));
            }
        }
        if (original.header().encode() == ours.header().encode()) {
            return null;
        }
        return original.header().largeFrame() != ours.header().largeFrame() ? "header: large-frame bit only"
                : "header only";
    }

    /**
     * A closure image's compiler ends every method with its selector and class binding; ours adds
     * the binding only for super sends. Same bytecodes and the literals before those: the same method
     * but for them.
     */
    private static boolean sameButTrailingLiterals(ObjectSpace space, ClassMirror cls, List<GuestValue> theirs,
                                                   List<Literal> our) {
        int shared = our.isEmpty() || !(our.get(our.size() - 1) instanceof Literal.MethodClass) ? our.size()
                : our.size() - 1;
        if (theirs.size() != shared + 2) {
            return false;
        }
        for (int i = 0; i < shared; i++) {
            if (!same(space, cls, theirs.get(i), our.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePermuted(ObjectSpace space, ClassMirror cls, List<GuestValue> theirs, List<Literal> our) {
        List<GuestValue> left = new ArrayList<>(theirs);
        for (Literal l : our) {
            int match = -1;
            for (int i = 0; i < left.size() && match < 0; i++) {
                match = same(space, cls, left.get(i), l) ? i : -1;
            }
            if (match < 0) {
                return false;
            }
            left.remove(match);
        }
        return true;
    }

    private static String kind(Literal literal) {
        return literal.getClass().getSimpleName();
    }

    private static boolean same(ObjectSpace space, ClassMirror cls, GuestValue original, Literal ours) {
        return LiteralMatch.same(space, cls, original, ours);
    }

    private static void note(Map<String, String> causes, Map<String, List<String>> examples, String key, String cause,
                             String example) {
        causes.put(key, cause);
        examples.computeIfAbsent(cause, k -> new ArrayList<>()).add(key + "\n" + example);
    }

    private static String firstWords(String message) {
        String m = String.valueOf(message).replaceAll("^line \\d+:\\d+: ", "").replaceAll("\\d+", "N");
        String[] words = m.split("\\s+");
        return String.join(" ", Arrays.copyOf(words, Math.min(5, words.length)));
    }
}
