package org.ozworkbench.core.compiler.conformance;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.ozworkbench.core.bytecode.MethodHeader;

/**
 * A CompiledMethod as the guest described it: its header, the printString of each literal, and its
 * bytecodes (bytes initialPC..endPC, trailer excluded).
 *
 * <p>Literals are the guest's own printStrings, so their spelling is the dialect's (Squeak 2.2 prints
 * a Symbol without {@code #}). An Association prints as {@code key printString->value}, where the
 * value is written as a class's name, the printString of nil, true, false or a SmallInteger, and
 * {@code <a ClassName>} for anything else; a printString that failed reads
 * {@code <printString failed: message>}.
 *
 * @param header    the header word's SmallInteger value
 * @param literals  one printString per literal, in literal-frame order
 * @param bytecodes the bytes from initialPC to the guest's endPC; the record keeps its own copy. One
 *                  correction: a body that is only the 0 0 0 0 trailer (the quick methods the guest
 *                  compilers make) has no bytecodes, where the guest's endPC answers size - 1
 */
public record GuestCode(int header, List<String> literals, byte[] bytecodes) {

    public GuestCode {
        literals = List.copyOf(literals);
        bytecodes = bytecodes.clone();
        int declared = MethodHeader.decode(header).numLiterals();
        if (declared != literals.size()) {
            throw new IllegalArgumentException("header " + header + " declares " + declared + " literals, "
                    + literals.size() + " given");
        }
    }

    @Override
    public byte[] bytecodes() {
        return bytecodes.clone();
    }

    public MethodHeader decodedHeader() {
        return MethodHeader.decode(header);
    }

    public int numLiterals() {
        return literals.size();
    }

    public boolean isQuick() {
        return decodedHeader().isQuick();
    }

    public boolean sameBytecodes(byte[] other) {
        return Arrays.equals(bytecodes, other);
    }

    public boolean sameBytecodes(GuestCode other) {
        return Arrays.equals(bytecodes, other.bytecodes);
    }

    /** The bytecodes as lower-case hex, two digits a byte, as the corpus file has them. */
    public String bytecodesHex() {
        return HexFormat.of().formatHex(bytecodes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GuestCode c && header == c.header && literals.equals(c.literals)
                && Arrays.equals(bytecodes, c.bytecodes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, literals, Arrays.hashCode(bytecodes));
    }

    @Override
    public String toString() {
        return "GuestCode[header=" + header + ", literals=" + literals + ", bytecodes=" + bytecodesHex() + "]";
    }
}
