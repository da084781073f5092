package org.ozworkbench.core.bytecode;

import java.util.Arrays;

/**
 * The trailer at the end of a CompiledMethod's byte part (V3-FACTS section 7), told by its last
 * byte L: 0 → no source (the trailing zero bytes, at most four, are the trailer); 1..251 → L bytes
 * of compressed temp names followed by L; 252..255 → a 4-byte source pointer.
 *
 * <p>Every trailer knows how many bytecode bytes precede it ({@link #bytecodeCount()}), so callers
 * can cut the bytecodes off with {@link #bytecodes(byte[])} or get Squeak's {@link #endPc(int)}.
 * Reading never fails: a trailer claiming more bytes than the byte part has leaves no bytecodes.
 */
public sealed interface Trailer {

    /** Last-byte values: below this, temp names of that length; from it on, a source pointer. */
    int FIRST_SOURCE_POINTER_FLAG = 252;
    int SOURCE_POINTER_BYTES = 4;
    int MAX_ZERO_TRAILER_BYTES = 4;

    /** Bytecode bytes before the trailer, at the start of the byte part. */
    int bytecodeCount();

    /** Bytes the trailer occupies at the end of the byte part. */
    int size();

    /**
     * Reads the trailer of a method's byte part: the bytes after the header and literals, in file
     * order.
     */
    static Trailer read(byte[] bytePart) {
        int n = bytePart.length;
        if (n == 0) {
            return new NoSource(0, 0);
        }
        int flag = bytePart[n - 1] & Bytecode.BYTE_MASK;
        if (flag == 0) {
            int zeros = 0;
            while (zeros < MAX_ZERO_TRAILER_BYTES && zeros < n && bytePart[n - 1 - zeros] == 0) {
                zeros++;
            }
            return new NoSource(n - zeros, zeros);
        }
        if (flag < FIRST_SOURCE_POINTER_FLAG) {
            return new TempNames(Math.max(0, n - flag - 1), flag);
        }
        int pointer = (flag - FIRST_SOURCE_POINTER_FLAG + 1) << 24
                | byteAt(bytePart, n - 2) << 16
                | byteAt(bytePart, n - 3) << 8
                | byteAt(bytePart, n - 4);
        return new SourcePointer(Math.max(0, n - SOURCE_POINTER_BYTES), pointer);
    }

    /** The bytecode bytes of a byte part, without this trailer. */
    default byte[] bytecodes(byte[] bytePart) {
        return Arrays.copyOf(bytePart, bytecodeCount());
    }

    /**
     * Squeak's {@code endPC}: the 1-based pc of the last bytecode byte, for a method whose first
     * bytecode is at {@code initialPc} ({@link MethodHeader#initialPc()}).
     */
    default int endPc(int initialPc) {
        return initialPc + bytecodeCount() - 1;
    }

    /** L = 0: no source; {@code zeroBytes} (1-4) trailing zeros, as the guest compiler's {@code #(0 0 0 0)}. */
    record NoSource(int bytecodeCount, int zeroBytes) implements Trailer {
        @Override
        public int size() {
            return zeroBytes;
        }
    }

    /** L = 1..251: {@code length} bytes of compressed temp names, then the length byte. */
    record TempNames(int bytecodeCount, int length) implements Trailer {
        @Override
        public int size() {
            return length + 1;
        }
    }

    /**
     * L = 252..255: a source pointer {@code (L-251)<<24 | b[-2]<<16 | b[-3]<<8 | b[-4]}.
     */
    record SourcePointer(int bytecodeCount, int pointer) implements Trailer {
        private static final int HIGH_SHIFT = 24;
        private static final int POSITION_MASK = 0xFF_FFFF;
        /** Files beyond this index hold positions past 2^24 in a lower-numbered file. */
        private static final int FILES = 2;

        @Override
        public int size() {
            return SOURCE_POINTER_BYTES;
        }

        /** Which source file, the Scratch/Squeak 3 SourceFiles way: 1 = sources, 2 = changes. */
        public int fileIndex() {
            int high = pointer >>> HIGH_SHIFT;
            return high <= FILES ? high : high - FILES;
        }

        /** Byte position in {@link #fileIndex()}'s file. */
        public int filePosition() {
            int high = pointer >>> HIGH_SHIFT;
            int low = pointer & POSITION_MASK;
            return high <= FILES ? low : low + (1 << HIGH_SHIFT);
        }
    }

    private static int byteAt(byte[] bytes, int index) {
        return index >= 0 ? bytes[index] & Bytecode.BYTE_MASK : 0;
    }
}
