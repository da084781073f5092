package org.ozworkbench.core.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodBuilder;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.mirror.WordObjectMirror;

class ObjectCreationTest {
    private final ObjectSpace space = ObjectSpace.load(Images.scratch());

    private ObjectMirror newInstance(String className, int indexable) {
        return space.instantiate(space.classNamed(className).orElseThrow(), indexable);
    }

    /** The object as a fresh load of the saved bytes sees it. */
    private GuestObject afterSaveAndReload(ObjectMirror created) {
        ObjectSpace reloaded = ObjectSpace.read(Images.scratch(), space.toBytes());
        int index = space.memory().objects().indexOf(created.guestObject());
        return reloaded.memory().objects().get(index);
    }

    @Test
    void instancesOfEveryFormatAreCreatedAsTheVmWouldAndSurviveASave() {
        record Case(String className, int indexable, int format) {
        }
        List<Case> cases = List.of(
                new Case("Object", 0, ObjectFormat.EMPTY),
                new Case("Point", 0, ObjectFormat.FIXED_POINTERS),
                new Case("Array", 5, ObjectFormat.INDEXABLE_POINTERS),
                new Case("MethodContext", 22, ObjectFormat.FIXED_AND_INDEXABLE_POINTERS),
                new Case("WeakArray", 3, ObjectFormat.WEAK_POINTERS),
                new Case("Bitmap", 4, ObjectFormat.WORDS),
                new Case("ByteArray", 5, ObjectFormat.BYTES + 3),
                new Case("String", 8, ObjectFormat.BYTES));

        for (Case c : cases) {
            ObjectMirror created = newInstance(c.className(), c.indexable());
            GuestObject reread = afterSaveAndReload(created);
            assertThat(reread.format()).as(c.className()).isEqualTo(c.format());
            assertThat(reread.cls().pointerAt(6)).as(c.className()).isNotNull();
            assertThat(space.mirror(created.guestObject()).classMirror().name()).isEqualTo(c.className());
            assertThat(created.basicSize()).as(c.className()).isEqualTo(c.indexable());
        }
    }

    @Test
    void largeObjectsGetThreeWordHeadersAndSmallNonCompactOnesTwo() {
        ObjectMirror big = newInstance("Array", 1000);
        ObjectMirror bytes = newInstance("ByteArray", 300);
        ObjectMirror set = newInstance("Set", 0);

        assertThat(big.guestObject().headerWords()).isEqualTo(3);
        assertThat(bytes.guestObject().headerWords()).isEqualTo(3);
        assertThat(set.guestObject().headerWords()).isEqualTo(2);
        assertThat(afterSaveAndReload(big).pointerCount()).isEqualTo(1000);
        assertThat(afterSaveAndReload(bytes).byteCount()).isEqualTo(300);
    }

    @Test
    void byteAndWordObjectsAreWrittenThroughTheirMirrors() {
        ByteObjectMirror s = space.newString("abc");
        WordObjectMirror bitmap = (WordObjectMirror) newInstance("Bitmap", 2);

        s.byteAtPut(1, 'X');
        bitmap.wordAtPut(1, 0xCAFEBABEL);

        assertThat(s.asString()).isEqualTo("aXc");
        assertThat(bitmap.wordAt(1)).isEqualTo(0xCAFEBABEL);
        assertThat(afterSaveAndReload(bitmap).words()[1]).isEqualTo(0xCAFEBABE);
    }

    @Test
    void aMethodAssembledInTheHostReadsBackWithItsHeaderLiteralsAndBytecodes() {
        MethodMirror m = MethodBuilder.on(space).arguments(1).temporaries(2)
                .pushTemp(0).pushConstant(SmallInteger.of(100)).send("+", 1).returnTop().build();

        MethodMirror reread = new MethodMirror(space, m.guestObject());
        assertThat(reread.numArgs()).isEqualTo(1);
        assertThat(reread.numTemps()).isEqualTo(2);
        assertThat(reread.literals()).hasSize(2).startsWith(SmallInteger.of(100));
        assertThat(reread.disassemble()).contains("pushTemp: 0", "pushConstant: 100", "send: #+ (1 args)", "returnTop");
        assertThat(afterSaveAndReload(m).isCompiledMethod()).isTrue();
        assertThat(m.guestObject().headerWords()).as("CompiledMethod is compact").isEqualTo(1);
    }

    @Test
    void changingTheClassOfAnObjectKeepsItsShapeAndFixesTheHeader() {
        ClassMirror point = space.classNamed("Point").orElseThrow();
        ObjectMirror association = newInstance("Association", 0);
        ObjectMirror lookupKeyInstance = newInstance("LookupKey", 0);

        assertThat(association.guestObject().headerWords()).isEqualTo(1);

        association.changeClassTo(point);

        assertThat(association.classMirror()).isEqualTo(point);
        assertThat(afterSaveAndReload(association).cls().snapshotOop()).isEqualTo(point.guestObject().snapshotOop());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lookupKeyInstance.changeClassTo(point))
                .hasMessageContaining("cannot change the class");
    }
}
