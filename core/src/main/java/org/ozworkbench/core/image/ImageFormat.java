package org.ozworkbench.core.image;

import java.util.Optional;

/** The Squeak V3 image formats we read and write: all 32-bit. */
public enum ImageFormat {
    /** Pre-closure V3 (Squeak 2.x/3.x). */
    V3_PRE_CLOSURE(6502, false, false),
    /** V3 with closure bytecodes 138-143 and BlockClosure. */
    V3_CLOSURE(6504, true, false),
    /** 6504 plus Floats stored in the platform's word order (least significant word first). */
    V3_CLOSURE_NATIVE_FLOATS(6505, true, true);

    private final int version;
    private final boolean closures;
    private final boolean nativeFloatWordOrder;

    ImageFormat(int version, boolean closures, boolean nativeFloatWordOrder) {
        this.version = version;
        this.closures = closures;
        this.nativeFloatWordOrder = nativeFloatWordOrder;
    }

    public int version() {
        return version;
    }

    public boolean hasClosures() {
        return closures;
    }

    /** True when word 0 of a Float holds the least significant half of the double. */
    public boolean floatsLowWordFirst() {
        return nativeFloatWordOrder;
    }

    public static Optional<ImageFormat> ofVersion(int version) {
        for (ImageFormat f : values()) {
            if (f.version == version) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
