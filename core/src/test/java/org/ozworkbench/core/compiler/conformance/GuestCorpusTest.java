package org.ozworkbench.core.compiler.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodDictionaryMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;

/**
 * The guest corpus against the host's own reading of the same image, and the guest compiler's
 * round trip against the figures in V3-FACTS ("Guest compiler round trip").
 */
class GuestCorpusTest {
    private static final Map<CorpusImage, ObjectSpace> SPACES = new HashMap<>();
    private static final Map<CorpusImage, RoundTripTable> TABLES = new TreeMap<>();

    /**
     * The images, with what V3-FACTS (for jittest: the first run here) measured. The lower bounds
     * leave a little slack: which named primitives have run (their cache index is a literal) and
     * which globals exist can differ from run to run. jittest's Decompiler fails on 37 methods that
     * carry bytecodes after their final return (BitBltSimTest>>test1..16, Pen>>up...).
     */
    enum CorpusImage {
        SCRATCH(null, 0, 16249, 16249, 16240, 15900, 15400),
        MINI(SharedImage.MINI, 13, 4585, 4585, 4580, 4340, 4340),
        JITTEST(SharedImage.JITTEST, 13, 4641, 4604, 4600, 4270, 4270);

        private final SharedImage shared;
        private final int patched;
        private final int imageMethods;
        private final int decompiled;
        private final int minRecompiled;
        private final int minSameCode;
        private final int minSameLiterals;

        CorpusImage(SharedImage shared, int patched, int imageMethods, int decompiled, int minRecompiled,
                    int minSameCode, int minSameLiterals) {
            this.shared = shared;
            this.patched = patched;
            this.imageMethods = imageMethods;
            this.decompiled = decompiled;
            this.minRecompiled = minRecompiled;
            this.minSameCode = minSameCode;
            this.minSameLiterals = minSameLiterals;
        }

        /** Scratch.image always; a shared image or a skip with a plain message. */
        Path path() {
            return shared == null ? Images.scratch() : ImageAssumptions.assumeSharedImage(shared);
        }

        String fileName() {
            return path().getFileName().toString();
        }
    }

    @BeforeAll
    static void needsTheRealVm() {
        ImageAssumptions.assumeRealVm();
    }

    @AfterAll
    static void printTheRoundTripTable() {
        if (TABLES.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("\nGuest compiler round trip (the image's own Decompiler and Compiler,"
                + " in the real VM)\n").append(RoundTripTable.heading()).append('\n');
        TABLES.values().forEach(t -> sb.append(t.row()).append('\n'));
        TABLES.values().forEach(t -> sb.append(t.differenceReport()));
        System.out.println(sb);
    }

    private static ObjectSpace space(CorpusImage image) {
        return SPACES.computeIfAbsent(image, i -> ObjectSpace.load(i.path()));
    }

    /** Every method-dictionary entry of every class and metaclass, by "Class>>selector", as the host reads them. */
    private static Map<String, MethodMirror> hostMethods(ObjectSpace space) {
        Map<String, MethodMirror> methods = new LinkedHashMap<>();
        for (ClassMirror cls : space.classes()) {
            for (ClassMirror side : List.of(cls, cls.metaclass())) {
                for (MethodDictionaryMirror.Entry e : side.methodDictionary().entries()) {
                    methods.put(GuestMethod.key(side.name(), e.selector()), e.method());
                }
            }
        }
        return methods;
    }

    @ParameterizedTest
    @EnumSource(CorpusImage.class)
    void theCorpusHoldsOneRecordForEveryMethodDictionaryEntryOfTheImage(CorpusImage image) {
        Map<String, MethodMirror> host = hostMethods(space(image));

        GuestCorpus corpus = GuestCorpus.of(image.path());

        System.out.printf("%s: %d methods in the corpus (%d patched by the host), %d method-dictionary entries read"
                + " by the host; %s; real VM %s%n", image.fileName(), corpus.methods().size(),
                corpus.methods().size() - corpus.imageMethods().size(), host.size(), corpus.timings(),
                corpus.vmWallTime().map(d -> d.toMillis() + " ms").orElse("not run (disk cache)"));
        assertThat(corpus.recordErrors()).isEmpty();
        assertThat(corpus.methods()).extracting(GuestMethod::key).containsExactlyInAnyOrderElementsOf(host.keySet());
        assertThat(corpus.methods()).filteredOn(GuestMethod::patchedByHost).hasSize(image.patched);
    }

    @ParameterizedTest
    @EnumSource(CorpusImage.class)
    void theGuestReadsEveryMethodOfTheImageAsTheHostReadsIt(CorpusImage image) {
        Map<String, MethodMirror> host = hostMethods(space(image));
        GuestCorpus corpus = GuestCorpus.of(image.path());

        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (GuestMethod m : corpus.imageMethods()) {
            MethodMirror mirror = host.get(m.key());
            if (mirror == null) {
                mismatches.add(m.key() + ": not in the host's method dictionaries");
                continue;
            }
            GuestCode guest = m.original();
            if (guest.header() != mirror.header().encode()) {
                mismatches.add(m.key() + ": header " + guest.header() + " in the guest, " + mirror.header().encode()
                        + " in the host");
            }
            if (guest.numLiterals() != mirror.literals().size()) {
                mismatches.add(m.key() + ": " + guest.numLiterals() + " literals in the guest, "
                        + mirror.literals().size() + " in the host");
            }
            if (!guest.sameBytecodes(mirror.bytecodes())) {
                mismatches.add(m.key() + ": bytecodes " + guest.bytecodesHex() + " in the guest, "
                        + HexFormat.of().formatHex(mirror.bytecodes()) + " in the host");
            }
            compared++;
        }

        System.out.printf("%s: header, literal count and bytecodes of %d methods compared with the real VM's%n",
                image.fileName(), compared);
        assertThat(mismatches).as("methods the host reads otherwise than the real VM").isEmpty();
        assertThat(compared).isEqualTo(host.size() - image.patched);
    }

    @ParameterizedTest
    @EnumSource(CorpusImage.class)
    void theGuestCompilersOwnRoundTripIsWhatV3FactsMeasured(CorpusImage image) {
        GuestCorpus corpus = GuestCorpus.of(image.path());

        RoundTripTable table = RoundTripTable.of(image.fileName(), corpus);
        TABLES.put(image, table);

        System.out.println(table.row());
        assertThat(table.methods()).isEqualTo(image.imageMethods);
        assertThat(table.decompiled()).isEqualTo(image.decompiled);
        assertThat(table.recompiled()).isGreaterThanOrEqualTo(image.minRecompiled);
        assertThat(table.sameBytecodesAndNumLiterals()).isGreaterThanOrEqualTo(image.minSameCode);
        assertThat(table.sameLiteralsToo()).isGreaterThanOrEqualTo(image.minSameLiterals);
    }
}
