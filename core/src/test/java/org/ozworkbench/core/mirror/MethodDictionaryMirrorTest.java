package org.ozworkbench.core.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.space.ObjectSpace;

class MethodDictionaryMirrorTest {
    private final ObjectSpace space = ObjectSpace.load(Images.scratch());

    /** A method answering {@code value}, which it keeps as its one literal (so values below 3 are shifted). */
    private MethodMirror answering(int value) {
        return MethodBuilder.on(space).pushConstant(SmallInteger.of(value)).returnTop().build();
    }

    @Test
    void everyInstalledMethodIsFoundByTheVmLookupRule() {
        int entries = 0;
        for (ClassMirror c : space.classes()) {
            for (ClassMirror side : List.of(c, c.metaclass())) {
                for (MethodDictionaryMirror.Entry e : side.methodDictionary().entries()) {
                    assertThat(side.compiledMethodAt(e.selector())).as(side.name() + ">>" + e.selector()).contains(e.method());
                    entries++;
                }
            }
        }
        assertThat(entries).isEqualTo(16249);
    }

    @Test
    void addingSelectorsGrowsTheDictionaryAsTheGuestDoesAndKeepsEveryEntryFindable() {
        ClassMirror point = space.classNamed("Point").orElseThrow();
        MethodDictionaryMirror before = point.methodDictionary();
        List<String> oldSelectors = before.selectors();
        int capacity = before.capacity();
        List<String> added = new ArrayList<>();

        for (int i = 0; point.methodDictionary().capacity() == capacity; i++) {
            String selector = "ozwAdded" + i;
            point.addMethod(selector, answering(i));
            added.add(selector);
        }

        MethodDictionaryMirror after = point.methodDictionary();
        assertThat(after).isNotEqualTo(before);
        assertThat(after.capacity()).isEqualTo(capacity * 2);
        assertThat(after.tally()).isEqualTo(oldSelectors.size() + added.size());
        assertThat(capacity - (after.tally() - 1)).as("the guest grows when fewer than a quarter would stay free")
                .isGreaterThanOrEqualTo(Math.max(capacity / 4, 1));
        for (String s : oldSelectors) {
            assertThat(after.at(s)).as(s).isPresent();
        }
        for (int i = 0; i < added.size(); i++) {
            MethodMirror m = after.at(added.get(i)).orElseThrow();
            assertThat(m.literals()).containsExactly(SmallInteger.of(i));
        }
        ObjectSpace reloaded = ObjectSpace.read(Images.scratch(), space.toBytes());
        assertThat(reloaded.classNamed("Point").orElseThrow().selectors()).containsExactlyInAnyOrderElementsOf(
                after.selectors());
    }

    @Test
    void replacingAMethodKeepsTheDictionaryAndItsTally() {
        ClassMirror point = space.classNamed("Point").orElseThrow();
        MethodDictionaryMirror md = point.methodDictionary();
        int tally = md.tally();
        MethodMirror replacement = answering(7);

        point.addMethod("x", replacement);

        assertThat(point.methodDictionary()).isEqualTo(md);
        assertThat(md.tally()).isEqualTo(tally);
        assertThat(point.compiledMethodAt("x")).contains(replacement);
    }

    @Test
    void removingASelectorRePlacesTheCollidingEntriesSoAllOthersAreStillFound() {
        for (String className : List.of("Object", "String", "Morph")) {
            ClassMirror cls = space.classNamed(className).orElseThrow();
            List<String> selectors = cls.selectors();
            for (String removed : selectors.subList(0, Math.min(40, selectors.size()))) {
                assertThat(cls.removeMethod(removed)).isTrue();
                assertThat(cls.compiledMethodAt(removed)).isEmpty();
            }
            for (String kept : selectors.subList(Math.min(40, selectors.size()), selectors.size())) {
                assertThat(cls.compiledMethodAt(kept)).as(className + ">>" + kept).isPresent();
            }
            assertThat(cls.methodDictionary().tally()).isEqualTo(selectors.size() - Math.min(40, selectors.size()));
        }
        assertThat(space.classNamed("Object").orElseThrow().removeMethod("ozwNoSuchSelector")).isFalse();
    }

    @Test
    void lookupFollowsTheSuperclassChain() {
        ClassMirror array = space.classNamed("Array").orElseThrow();

        MethodMirror found = array.lookup("printString").orElseThrow();

        assertThat(space.methodLocation(found).orElseThrow().toString()).isEqualTo("Object>>printString");
    }

    @Test
    void aMethodDisassemblesWithSymbolicNames() {
        MethodMirror m = space.classNamed("Object").orElseThrow().compiledMethodAt("printString").orElseThrow();

        String listing = m.disassemble();

        assertThat(listing).contains("pushConstant: 50000").contains("send: #printStringLimitedTo: (1 args)")
                .contains("returnTop");
        assertThat(m.numArgs()).isZero();
    }
}
