package org.ozworkbench.core.image;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The header of a V3 image file, exactly as read: every word is kept so that an unchanged
 * image writes back the same bytes. Offsets are those of the file (see V3-FACTS section 1).
 *
 * @param format            the image format (word 0)
 * @param byteOrder         the byte order the file was written in
 * @param headerSize        bytes before the first object (word 1; 64 in every image seen)
 * @param dataSize          bytes of object memory (word 2)
 * @param oldBaseAddress    address of the first object when the image was saved (word 3)
 * @param specialObjectsOop oop of the special objects array, in old-base space (word 4)
 * @param lastHash          seed of the identity-hash generator (word 5)
 * @param savedWindowSize   width &lt;&lt; 16 | height (word 6)
 * @param flags             full-screen and VM flags (word 7)
 * @param extraVmMemory     word 8
 * @param rest              the bytes from offset 36 to the end of the header, kept verbatim
 */
public record ImageHeader(ImageFormat format, ByteOrder byteOrder, int headerSize, int dataSize,
                          int oldBaseAddress, int specialObjectsOop, int lastHash, int savedWindowSize,
                          int flags, int extraVmMemory, byte[] rest) {

    /** Bytes of the fixed part of the header that has named words. */
    public static final int NAMED_WORDS_BYTES = 36;
    /** The header size every 3.x VM writes. */
    public static final int STANDARD_SIZE = 64;

    public ImageHeader {
        rest = rest.clone();
    }

    @Override
    public byte[] rest() {
        return rest.clone();
    }

    public int windowWidth() {
        return savedWindowSize >>> 16;
    }

    public int windowHeight() {
        return savedWindowSize & 0xFFFF;
    }

    public ImageHeader withData(int newDataSize, int newSpecialObjectsOop, int newLastHash) {
        return new ImageHeader(format, byteOrder, headerSize, newDataSize, oldBaseAddress,
                newSpecialObjectsOop, newLastHash, savedWindowSize, flags, extraVmMemory, rest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageHeader h && format == h.format && byteOrder.equals(h.byteOrder)
                && headerSize == h.headerSize && dataSize == h.dataSize && oldBaseAddress == h.oldBaseAddress
                && specialObjectsOop == h.specialObjectsOop && lastHash == h.lastHash
                && savedWindowSize == h.savedWindowSize && flags == h.flags
                && extraVmMemory == h.extraVmMemory && Arrays.equals(rest, h.rest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {format.hashCode(), byteOrder.hashCode(), headerSize, dataSize,
                oldBaseAddress, specialObjectsOop, lastHash, Arrays.hashCode(rest)});
    }

    @Override
    public String toString() {
        return "ImageHeader[format=" + format.version() + ", " + byteOrder + ", headerSize=" + headerSize
                + ", dataSize=" + dataSize + ", oldBase=0x" + Integer.toHexString(oldBaseAddress)
                + ", specialObjects=0x" + Integer.toHexString(specialObjectsOop) + ", lastHash=" + lastHash
                + ", window=" + windowWidth() + "x" + windowHeight() + ", flags=0x" + Integer.toHexString(flags)
                + ", extraVmMemory=" + extraVmMemory + ", rest=" + HexFormat.of().formatHex(rest) + "]";
    }
}
