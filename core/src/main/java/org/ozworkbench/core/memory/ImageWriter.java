package org.ozworkbench.core.memory;

import java.nio.ByteBuffer;
import java.util.List;
import org.ozworkbench.core.image.ImageHeader;

/**
 * Writes an {@link ObjectMemory} as a V3 image in the byte order and at the base address it was
 * read with. Objects keep their order (created objects follow the loaded ones) and their header
 * details, so an unchanged memory writes the very bytes it was read from.
 */
final class ImageWriter {
    private static final int WORD = 4;

    private ImageWriter() {
    }

    static byte[] write(ObjectMemory memory) {
        List<GuestObject> objects = memory.objects();
        ImageHeader old = memory.header();
        int base = old.oldBaseAddress();
        long offset = 0;
        for (GuestObject o : objects) {
            offset += (long) (o.headerWords() - 1) * WORD;
            o.writeAddress = base + (int) offset;
            offset += (long) (o.bodyWords() + 1) * WORD;
        }
        if (offset > Integer.MAX_VALUE - old.headerSize()) {
            throw new IllegalStateException("object memory of " + offset + " bytes is too large for a 32-bit image");
        }
        int dataSize = (int) offset;
        ImageHeader header = old.withData(dataSize, memory.specialObjects().writeAddress, memory.lastHash());
        byte[] after = memory.bytesAfterData();
        ByteBuffer out = ByteBuffer.allocate(header.headerSize() + dataSize + after.length).order(header.byteOrder());
        writeHeader(out, header);
        for (GuestObject o : objects) {
            writeObject(out, o);
        }
        out.put(after);
        return out.array();
    }

    private static void writeHeader(ByteBuffer out, ImageHeader h) {
        out.putInt(h.format().version()).putInt(h.headerSize()).putInt(h.dataSize()).putInt(h.oldBaseAddress())
                .putInt(h.specialObjectsOop()).putInt(h.lastHash()).putInt(h.savedWindowSize()).putInt(h.flags())
                .putInt(h.extraVmMemory()).put(h.rest());
    }

    private static void writeObject(ByteBuffer out, GuestObject o) {
        if (o.headerWords() == 3) {
            out.putInt((o.bodyWords() + 1) * WORD | HeaderBits.TYPE_THREE_WORDS);
        }
        if (o.headerWords() >= 2) {
            int typeBits = o.headerWords() == 2 ? HeaderBits.TYPE_TWO_WORDS : HeaderBits.TYPE_THREE_WORDS;
            out.putInt(o.cls().writeAddress | typeBits);
        }
        out.putInt(HeaderBits.baseHeader(o));
        for (Object p : o.pointers()) {
            out.putInt(p instanceof Integer i ? (i << 1) | 1 : ((GuestObject) p).writeAddress);
        }
        for (int w : o.words()) {
            out.putInt(w);
        }
        out.put(o.bytes());
    }
}
