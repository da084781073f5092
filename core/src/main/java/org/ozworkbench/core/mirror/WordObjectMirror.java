package org.ozworkbench.core.mirror;

import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.space.ObjectSpace;

/** A mirror of a word object: Bitmap, Float (2 words)... Indices are 0-based. */
public class WordObjectMirror extends ObjectMirror {

    public WordObjectMirror(ObjectSpace space, GuestObject object) {
        super(space, object);
        if (!object.isWords()) {
            throw new IllegalArgumentException(object + " is not a word object");
        }
    }

    public int wordCount() {
        return object.words().length;
    }

    /** The 32-bit word at {@code index}, as an unsigned value. */
    public long wordAt(int index) {
        if (index < 0 || index >= object.words().length) {
            throw new IndexOutOfBoundsException("word " + index + " of " + this + " (" + object.words().length + " words)");
        }
        return object.words()[index] & 0xFFFFFFFFL;
    }

    public void wordAtPut(int index, long value) {
        if (value < Integer.MIN_VALUE || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("word value " + value + " does not fit 32 bits");
        }
        space.membrane().storeWord(object, index, (int) value);
    }

    public boolean isFloat() {
        return space.isFloat(object);
    }

    /** The double a Float holds, in the image's own word order. */
    public double asDouble() {
        if (!isFloat()) {
            throw new IllegalStateException(this + " is not a Float");
        }
        return space.floatValue(object);
    }

    @Override
    public String describe() {
        return isFloat() ? Double.toString(asDouble()) : super.describe();
    }
}
