package org.ozworkbench.core.space.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodDictionaryMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.space.ObjectSpace;

/** Names on Scratch.image: what gets a name, and that every name leads back to its object. */
class SymbolicNamesTest {
    private static ObjectSpace space;
    private static SymbolicNames names;

    @BeforeAll
    static void load() {
        space = ObjectSpace.load(Images.scratch());
        names = SymbolicNames.of(space);
    }

    /** The objects the issue says must be named, by kind. */
    static Map<String, List<GuestObject>> codeAndBindings(ObjectSpace space) {
        Map<String, List<GuestObject>> kinds = new LinkedHashMap<>();
        List<GuestObject> classes = new ArrayList<>();
        List<GuestObject> metaclasses = new ArrayList<>();
        List<GuestObject> methods = new ArrayList<>();
        List<GuestObject> classVariables = new ArrayList<>();
        for (ClassMirror c : space.classes()) {
            classes.add(c.guestObject());
            metaclasses.add(c.metaclass().guestObject());
            for (ClassMirror side : List.of(c, c.metaclass())) {
                for (MethodDictionaryMirror.Entry e : side.methodDictionary().entries()) {
                    methods.add(e.method().guestObject());
                }
            }
            c.classPool().ifPresent(pool -> pool.associations().values().forEach(a -> classVariables.add(a.guestObject())));
        }
        List<GuestObject> symbols = new ArrayList<>();
        for (GuestObject o : space.memory().objects()) {
            if (space.isSymbol(o)) {
                symbols.add(o);
            }
        }
        List<GuestObject> globals = new ArrayList<>();
        space.smalltalk().ifPresent(s -> space.dictionaryAssociations(s).values()
                .forEach(a -> globals.add(a.guestObject())));
        kinds.put("class", classes);
        kinds.put("metaclass", metaclasses);
        kinds.put("method", methods);
        kinds.put("symbol", symbols);
        kinds.put("global binding", globals);
        kinds.put("class-variable binding", classVariables);
        return kinds;
    }

    @Test
    void everyClassMethodSymbolAndBindingOfScratchHasANameThatLeadsBackToIt() {
        Map<String, List<GuestObject>> kinds = codeAndBindings(space);
        List<String> failures = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (var kind : kinds.entrySet()) {
            int ok = 0;
            for (GuestObject o : kind.getValue()) {
                Optional<ObjectName> name = names.nameOf(o);
                if (name.isEmpty()) {
                    failures.add(kind.getKey() + " " + o + " has no name");
                } else if (names.resolve(name.get()).orElse(null) != o) {
                    failures.add(kind.getKey() + " " + name.get() + ": " + names.resolution(name.get()));
                } else {
                    ok++;
                }
            }
            report.append(kind.getKey()).append(' ').append(ok).append('/').append(kind.getValue().size()).append("; ");
        }
        System.out.println("Scratch names: " + report);
        System.out.println("Scratch index: " + names.statistics());
        assertThat(failures).isEmpty();
        assertThat(kinds.get("class")).hasSize(604);
    }

    @Test
    void everyNamedObjectOfScratchResolvesBackToItselfAndItsTextParsesBack() {
        int named = 0;
        List<String> failures = new ArrayList<>();
        for (GuestObject o : space.memory().objects()) {
            Optional<ObjectName> name = names.nameOf(o);
            if (name.isPresent()) {
                named++;
                ObjectName n = name.get();
                if (!ObjectName.parse(n.toString()).equals(n)) {
                    failures.add("text " + n + " parses as " + ObjectName.parse(n.toString()));
                }
                if (names.resolve(n).orElse(null) != o) {
                    failures.add(n + " leads to " + names.resolution(n) + ", not " + o);
                }
            }
        }
        System.out.println("Scratch: " + named + " of " + space.memory().objectCount() + " objects named");
        assertThat(failures).isEmpty();
        assertThat(named).isEqualTo(names.statistics().named());
    }

    /** The shared images beside Scratch (Squeak 2.2 minis, Candle). */
    static java.util.stream.Stream<Path> otherImages() {
        return Images.allV3().map(Images.Facts::path).skip(1);
    }

    @ParameterizedTest
    @MethodSource("otherImages")
    void onTheOtherImagesTooEveryNameLeadsBackToItsObject(Path image) {
        ObjectSpace other = ObjectSpace.load(image);
        try (SymbolicNames otherNames = SymbolicNames.of(other)) {
            List<String> failures = new ArrayList<>();
            for (GuestObject o : other.memory().objects()) {
                otherNames.nameOf(o).filter(n -> otherNames.resolve(n).orElse(null) != o)
                        .ifPresent(n -> failures.add(n + ": " + otherNames.resolution(n)));
            }
            int classes = other.classes().size();
            long namedClasses = other.classes().stream().filter(c -> otherNames.nameOf(c).isPresent()).count();
            System.out.println(image.getFileName() + ": " + otherNames.statistics() + ", classes named "
                    + namedClasses + "/" + classes);
            assertThat(failures).isEmpty();
            assertThat(namedClasses).isEqualTo(classes);
        }
    }

    @Test
    void wellKnownObjectsGetTheNamesTheGrammarPromises() {
        assertThat(nameOf(space.nilObject())).isEqualTo("special:nil");
        assertThat(nameOf(space.specialObjectsArray())).isEqualTo("special:objects");
        assertThat(nameOf(space.classNamed("Array").orElseThrow())).isEqualTo("Array");
        assertThat(nameOf(space.classNamed("Array class").orElseThrow())).isEqualTo("Array class");
        assertThat(nameOf(space.symbolNamed("do:").orElseThrow())).isEqualTo("#do:");
        assertThat(nameOf(space.classNamed("Collection").orElseThrow().compiledMethodAt("do:").orElseThrow()))
                .isEqualTo("Collection>>do:");
        assertThat(nameOf(space.globalAssociation("Transcript").orElseThrow())).isEqualTo("Smalltalk@Transcript");
        assertThat(nameOf((ObjectMirror) space.globalNamed("Transcript").orElseThrow())).isEqualTo("Smalltalk@Transcript/value");
        ObjectMirror otherTable = space.classNamed("Symbol").orElseThrow().classPool().orElseThrow()
                .associations().get("OtherTable");
        assertThat(nameOf(otherTable)).isEqualTo("Symbol.OtherTable");
        assertThat(nameOf((ObjectMirror) space.toGuest('a'))).isEqualTo("$a");
        assertThat(nameOf(space.classNamed("Point").orElseThrow().methodDictionary())).isEqualTo("Point/methodDict");
    }

    private static String nameOf(ObjectMirror m) {
        return names.nameOf(m).map(ObjectName::toString).orElse("<none>");
    }

    @Test
    void aNameTwoObjectsAnswerToIsRefusedAsAmbiguousAndAMissingOneIsReportedByName() {
        ObjectSpace own = ObjectSpace.load(Images.scratch());
        try (SymbolicNames ownNames = SymbolicNames.of(own)) {
            ObjectName doSymbol = ObjectName.parse("#do:");
            assertThat(ownNames.resolve(doSymbol)).isPresent();

            own.membrane().create(own.symbolClass(), ObjectFormat.BYTES, new Object[0], new int[0],
                    "do:".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

            Resolution r = ownNames.resolution(doSymbol);
            assertThat(r).isInstanceOf(Resolution.Unresolved.class);
            assertThat(((Resolution.Unresolved) r).failure()).isEqualTo(Resolution.Failure.AMBIGUOUS);
            assertThat(r.toString()).contains("#do:").contains("2 Symbols");
            assertThat(ownNames.resolution(ObjectName.parse("Collection>>do:")).object()).isPresent();
            assertThatThrownBy(() -> ownNames.require(ObjectName.parse("NoSuchClass>>foo")))
                    .isInstanceOf(UnresolvedNameException.class)
                    .hasMessage("NoSuchClass>>foo does not resolve (missing): no class named 'NoSuchClass'");
            assertThat(ownNames.resolution(ObjectName.parse("Smalltalk@Transcript/value/noSuchField")).toString())
                    .contains("at Smalltalk@Transcript/value: its class").contains("no instance variable noSuchField");
        }
    }

    @Test
    void aClassDefinedAfterTheIndexWasBuiltResolvesByName() {
        ObjectSpace own = ObjectSpace.load(Images.scratch());
        try (SymbolicNames ownNames = SymbolicNames.of(own)) {
            assertThat(ownNames.resolve(ObjectName.parse("OzwNamed"))).isEmpty();
            ClassMirror cls = own.defineClass("OzwNamed", own.classNamed("Object").orElseThrow(), "subclass:",
                    List.of("a"), List.of("Shared"), "Ozw-Names");
            cls.compile("a  ^ a");

            assertThat(ownNames.resolve(ObjectName.parse("OzwNamed"))).contains(cls.guestObject());
            assertThat(ownNames.resolve(ObjectName.parse("OzwNamed>>a")))
                    .contains(cls.compiledMethodAt("a").orElseThrow().guestObject());
            assertThat(ownNames.resolve(ObjectName.parse("OzwNamed.Shared"))).isPresent();
            ownNames.refresh();
            assertThat(ownNames.nameOf(cls)).contains(ObjectName.parse("OzwNamed"));
        }
    }

    /**
     * The old value of a store along its own path has lost that path: {@link SymbolicNames#nameOf}
     * builds the whole index again to find out (what a journaled surgery's recorder paid several
     * times per surgery), {@link SymbolicNames#ownNameOf} does not, and a name of its own still answers.
     */
    @Test
    void ownNamesAreAnsweredWithoutBuildingTheIndexAgainForABrokenPath() {
        try (ObjectSpace s = ObjectSpace.load(Images.scratch())) {
            SymbolicNames fresh = SymbolicNames.of(s);
            GuestObject organization = fresh.require(ObjectName.parse("Point/organization"));
            GuestObject categories = (GuestObject) organization.pointerAt(1);
            assertThat(fresh.nameOf(categories)).map(Object::toString).contains("Point/organization/categoryArray");
            GuestObject pointClass = fresh.require(ObjectName.parse("Point"));
            Duration built = fresh.statistics().buildTime();

            s.memory().membrane().storePointer(organization, 1, s.memory().nil());

            assertThat(fresh.ownNameOf(categories)).isEmpty();
            assertThat(fresh.ownNameOf(pointClass)).map(Object::toString).contains("Point");
            assertThat(fresh.statistics().buildTime()).isSameAs(built);
            assertThat(fresh.nameOf(categories)).isEmpty(); // what it costs: the index built again
            assertThat(fresh.statistics().buildTime()).isNotSameAs(built);
        }
    }
}
