package org.ozworkbench.core.space;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.MembraneException;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.SmallInteger;

/** The host-to-guest and guest-to-host value conversions of {@link ObjectSpace}. */
final class Conversions {
    private static final int CHARACTER_VALUE_SLOT = 0;
    private static final int LATIN1_LIMIT = 256;

    private Conversions() {
    }

    static GuestValue toGuest(ObjectSpace space, Object host) {
        if (host == null) {
            return space.nilObject();
        }
        if (host instanceof GuestValue v) {
            space.unwrap(v);
            return v;
        }
        if (host instanceof Boolean b) {
            return b ? space.trueObject() : space.falseObject();
        }
        if (host instanceof Integer || host instanceof Long || host instanceof Short || host instanceof Byte) {
            return integer(space, BigInteger.valueOf(((Number) host).longValue()));
        }
        if (host instanceof BigInteger big) {
            return integer(space, big);
        }
        if (host instanceof Character c) {
            return character(space, c);
        }
        if (host instanceof Symbol s) {
            return space.intern(s.name());
        }
        if (host instanceof String s) {
            return space.newString(s);
        }
        if (host instanceof Double || host instanceof Float) {
            return newFloat(space, ((Number) host).doubleValue());
        }
        if (host instanceof Object[] array) {
            return array(space, Arrays.asList(array));
        }
        if (host instanceof List<?> list) {
            return array(space, list);
        }
        throw MembraneException.hostObject(host);
    }

    private static GuestValue array(ObjectSpace space, List<?> elements) {
        List<GuestValue> values = new ArrayList<>(elements.size());
        for (Object e : elements) {
            values.add(toGuest(space, e));
        }
        return space.newArray(values);
    }

    private static GuestValue integer(ObjectSpace space, BigInteger value) {
        if (value.bitLength() <= 31 && SmallInteger.fits(value.longValue())) {
            return SmallInteger.of(value.intValueExact());
        }
        GuestObject cls = value.signum() > 0 ? space.specialGuestObject(SpecialObject.CLASS_LARGE_POSITIVE_INTEGER)
                : largeNegativeClass(space);
        byte[] bigEndian = value.abs().toByteArray();
        int start = bigEndian[0] == 0 ? 1 : 0;
        byte[] littleEndian = new byte[bigEndian.length - start];
        for (int i = 0; i < littleEndian.length; i++) {
            littleEndian[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return space.mirror(space.membrane().create(cls, ObjectFormat.BYTES, new Object[0], new int[0], littleEndian));
    }

    private static GuestObject largeNegativeClass(ObjectSpace space) {
        GuestObject special = space.specialGuestObject(SpecialObject.CLASS_LARGE_NEGATIVE_INTEGER);
        if (special != null) {
            return special;
        }
        return space.classNamed("LargeNegativeInteger").map(ClassMirror::guestObject)
                .orElseThrow(() -> MembraneException.invalid("this image has no class LargeNegativeInteger"));
    }

    private static GuestValue character(ObjectSpace space, char c) {
        if (c >= LATIN1_LIMIT) {
            throw MembraneException.invalid("character U+" + Integer.toHexString(c)
                    + " is not one of the 256 Characters of a V3 image");
        }
        GuestObject table = space.specialGuestObject(SpecialObject.CHARACTER_TABLE);
        return space.valueOf(table.pointerAt(c));
    }

    private static GuestValue newFloat(ObjectSpace space, double d) {
        long bits = Double.doubleToRawLongBits(d);
        int hi = (int) (bits >>> 32);
        int lo = (int) bits;
        int[] words = space.format().floatsLowWordFirst() ? new int[] {lo, hi} : new int[] {hi, lo};
        GuestObject cls = space.specialGuestObject(SpecialObject.CLASS_FLOAT);
        return space.mirror(space.membrane().create(cls, ObjectFormat.WORDS, new Object[0], words, new byte[0]));
    }

    static Object toHost(ObjectSpace space, GuestValue value) {
        if (value instanceof SmallInteger s) {
            return s.value();
        }
        GuestObject o = space.unwrapObject((ObjectMirror) value);
        var memory = space.memory();
        if (o == memory.nil()) {
            return null;
        }
        if (o == memory.trueObject()) {
            return Boolean.TRUE;
        }
        if (o == memory.falseObject()) {
            return Boolean.FALSE;
        }
        GuestObject cls = o.cls();
        if (cls == space.specialGuestObject(SpecialObject.CLASS_CHARACTER) && o.pointerCount() > CHARACTER_VALUE_SLOT
                && o.pointerAt(CHARACTER_VALUE_SLOT) instanceof Integer code) {
            return (char) code.intValue();
        }
        if (o.isBytes()) {
            if (space.isSymbol(o)) {
                return Symbol.of(space.stringOf(o));
            }
            if (space.isString(o)) {
                return space.stringOf(o);
            }
            if (cls == space.specialGuestObject(SpecialObject.CLASS_LARGE_POSITIVE_INTEGER)) {
                return magnitude(o);
            }
            if (cls == space.specialGuestObject(SpecialObject.CLASS_LARGE_NEGATIVE_INTEGER)
                    || space.classMirror(cls).name().equals("LargeNegativeInteger")) {
                return magnitude(o).negate();
            }
        }
        if (space.isFloat(o)) {
            return space.floatValue(o);
        }
        if (cls == space.specialGuestObject(SpecialObject.CLASS_ARRAY)) {
            List<Object> elements = new ArrayList<>(o.pointerCount());
            for (Object p : o.pointers()) {
                elements.add(toHost(space, space.valueOf(p)));
            }
            return elements;
        }
        return value;
    }

    private static BigInteger magnitude(GuestObject o) {
        byte[] little = Arrays.copyOf(o.bytes(), o.byteCount());
        byte[] big = new byte[little.length + 1];
        for (int i = 0; i < little.length; i++) {
            big[big.length - 1 - i] = little[i];
        }
        return new BigInteger(big);
    }
}
