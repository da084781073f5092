package org.ozworkbench.core.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.Images.Facts;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.MembraneException;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.SmallInteger;

class ObjectSpaceTest {

    static Stream<Facts> images() {
        return Images.allV3();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void theSpaceCountsTheClassesAndGlobalsTheIndependentParserFound(Facts image) {
        ObjectSpace space = ObjectSpace.load(image.path());

        assertThat(space.contract().dialect()).isEqualTo(image.dialect());
        assertThat(space.classes()).hasSize(image.expected().classes());
        assertThat(space.globals()).hasSize(image.expected().globals().orElse(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void everyClassIsFoundByItsNameAndItsMetaclassPointsBackToIt(Facts image) {
        ObjectSpace space = ObjectSpace.load(image.path());

        for (ClassMirror c : space.classes()) {
            assertThat(space.classNamed(c.name())).contains(c);
            assertThat(c.metaclass().thisClass()).isEqualTo(c);
            assertThat(space.classNamed(c.name() + " class")).contains(c.metaclass());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void everySymbolSitsInTheBucketTheGuestsOwnInternRuleLooksIn(Facts image) {
        ObjectSpace space = ObjectSpace.load(image.path());
        if (space.contract().symbolTable() == org.ozworkbench.core.contract.Contract.SymbolTable.NONE) {
            return;
        }
        GuestObject symbolClass = space.symbolClass();

        long symbols = space.memory().objects().stream().filter(o -> o.cls() == symbolClass)
                .peek(o -> assertThat(space.symbolTable().isWhereGuestLooks(o)).as(space.stringOf(o)).isTrue())
                .count();

        assertThat(symbols).isGreaterThan(1000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void interningAnExistingSymbolAnswersItAndANewOneGoesWhereTheGuestWillFindIt(Facts image) {
        ObjectSpace space = ObjectSpace.load(image.path());
        int before = space.memory().objectCount();

        ByteObjectMirror existing = space.intern("printString");
        assertThat(space.memory().objectCount()).isEqualTo(before);
        ByteObjectMirror created = space.intern("ozwNeverSeenBefore:with:");

        assertThat(existing.isSymbol()).isTrue();
        assertThat(created.asString()).isEqualTo("ozwNeverSeenBefore:with:");
        assertThat(space.intern("ozwNeverSeenBefore:with:")).isEqualTo(created);
        if (space.contract().symbolTable() != org.ozworkbench.core.contract.Contract.SymbolTable.NONE) {
            assertThat(space.symbolTable().isWhereGuestLooks(created.guestObject())).isTrue();
        }
        ObjectSpace reloaded = ObjectSpace.read(image.path(), space.toBytes());
        assertThat(reloaded.symbolNamed("ozwNeverSeenBefore:with:")).isPresent();
    }

    @Test
    void hostValuesConvertIntoTheGuestAndBack() {
        ObjectSpace space = ObjectSpace.load(Images.scratch());
        List<Object> values = List.of(0, 42, -7, SmallInteger.MAX, SmallInteger.MIN, 'a', "hello 'world'",
                Symbol.of("at:put:"), 1.5, -0.1, 1e300, true, false,
                List.of(1, "two", Symbol.of("three"), List.of('4')));

        for (Object v : values) {
            assertThat(space.toHost(space.toGuest(v))).as(String.valueOf(v)).isEqualTo(v);
        }
        assertThat(space.toGuest(null)).isEqualTo(space.nilObject());
    }

    @Test
    void integersOutsideTheSmallIntegerRangeBecomeLargeIntegers() {
        ObjectSpace space = ObjectSpace.load(Images.scratch());

        GuestValue big = space.toGuest(1L << 30);
        GuestValue negative = space.toGuest(-(1L << 40) - 5);
        GuestValue huge = space.toGuest(BigInteger.TEN.pow(40));

        assertThat(((org.ozworkbench.core.mirror.ObjectMirror) big).classMirror().name())
                .isEqualTo("LargePositiveInteger");
        assertThat(((ByteObjectMirror) big).bytes()).containsExactly(0, 0, 0, 0x40);
        assertThat(((org.ozworkbench.core.mirror.ObjectMirror) negative).classMirror().name())
                .isEqualTo("LargeNegativeInteger");
        assertThat(space.toHost(big)).isEqualTo(BigInteger.ONE.shiftLeft(30));
        assertThat(space.toHost(negative)).isEqualTo(BigInteger.valueOf(-(1L << 40) - 5));
        assertThat(space.toHost(huge)).isEqualTo(BigInteger.TEN.pow(40));
    }

    @Test
    void aCharacterIsTheGuestsOwnCanonicalCharacter() {
        ObjectSpace space = ObjectSpace.load(Images.scratch());
        GuestObject table = (GuestObject) space.memory().specialObject(SpecialObject.CHARACTER_TABLE.index());

        assertThat(space.unwrap(space.toGuest('A'))).isSameAs(table.pointerAt('A'));
        assertThatThrownBy(() -> space.toGuest('\u20ac')).isInstanceOf(MembraneException.class);
    }

    @Test
    void candleFloatsKeepTheirLowWordFirstAndSqueakFloatsTheirHighWordFirst() {
        ObjectSpace scratch = ObjectSpace.load(Images.scratch());
        double pi = Math.PI;

        var f = (org.ozworkbench.core.mirror.WordObjectMirror) scratch.toGuest(pi);

        assertThat(f.wordAt(0)).isEqualTo(Double.doubleToLongBits(pi) >>> 32);
        Images.sharedImage("candle-6505.image").ifPresent(candle -> {
            ObjectSpace c = ObjectSpace.load(candle);
            var cf = (org.ozworkbench.core.mirror.WordObjectMirror) c.toGuest(pi);
            assertThat(cf.wordAt(0)).isEqualTo(Double.doubleToLongBits(pi) & 0xFFFFFFFFL);
            assertThat(c.toHost(cf)).isEqualTo(pi);
        });
    }

    @Test
    void anUnknownHostTypeIsRefused() {
        ObjectSpace space = ObjectSpace.load(Images.scratch());

        assertThatThrownBy(() -> space.toGuest(new Object())).isInstanceOf(MembraneException.class)
                .hasMessageContaining("cannot enter the guest");
    }
}
