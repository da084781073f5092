package org.ozworkbench.core.mirror;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.space.ObjectSpace;

/** A mirror of a byte object: String, Symbol, ByteArray, LargeIntegers... Indices are 0-based. */
public class ByteObjectMirror extends ObjectMirror {

    public ByteObjectMirror(ObjectSpace space, GuestObject object) {
        super(space, object);
        if (!object.isBytes()) {
            throw new IllegalArgumentException(object + " is not a byte object");
        }
    }

    public int byteCount() {
        return object.byteCount();
    }

    public int byteAt(int index) {
        if (index < 0 || index >= object.byteCount()) {
            throw new IndexOutOfBoundsException("byte " + index + " of " + this + " (" + object.byteCount() + " bytes)");
        }
        return object.bytes()[index] & 0xFF;
    }

    public void byteAtPut(int index, int value) {
        space.membrane().storeByte(object, index, value);
    }

    /** The bytes (a copy), without the padding of the last word. */
    public byte[] bytes() {
        return Arrays.copyOf(object.bytes(), object.byteCount());
    }

    /** The bytes read as ISO-8859-1 characters, as Squeak's String does. */
    public String asString() {
        return new String(object.bytes(), 0, object.byteCount(), StandardCharsets.ISO_8859_1);
    }

    public boolean isSymbol() {
        return space.isSymbol(object);
    }

    @Override
    public String describe() {
        if (isSymbol()) {
            return "#" + asString();
        }
        if (space.isString(object)) {
            return "'" + asString().replace("'", "''") + "'";
        }
        return super.describe();
    }
}
