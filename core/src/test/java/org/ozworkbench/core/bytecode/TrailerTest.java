package org.ozworkbench.core.bytecode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrailerTest {

    private static final int INITIAL_PC = 9;

    @Test
    void fourTrailingZerosAreANoSourceTrailer() {
        byte[] part = bytes(0x70, 0x7C, 0, 0, 0, 0);

        Trailer trailer = Trailer.read(part);

        assertThat(trailer).isEqualTo(new Trailer.NoSource(2, 4));
        assertThat(trailer.bytecodes(part)).containsExactly(bytes(0x70, 0x7C));
        assertThat(trailer.endPc(INITIAL_PC)).isEqualTo(10);
    }

    @Test
    void aSingleTrailingZeroIsANoSourceTrailerOfOneByte() {
        assertThat(Trailer.read(bytes(0x78, 0))).isEqualTo(new Trailer.NoSource(1, 1));
    }

    @Test
    void noMoreThanFourZerosBelongToTheTrailer() {
        assertThat(Trailer.read(bytes(0x78, 0, 0, 0, 0, 0))).isEqualTo(new Trailer.NoSource(2, 4));
    }

    @Test
    void aLastByteBelow252CountsTheTempNameBytesBeforeIt() {
        byte[] part = bytes(0x10, 0x7C, 0x41, 0x42, 0x43, 3);

        Trailer trailer = Trailer.read(part);

        assertThat(trailer).isEqualTo(new Trailer.TempNames(2, 3));
        assertThat(trailer.size()).isEqualTo(4);
        assertThat(trailer.endPc(INITIAL_PC)).isEqualTo(10);
    }

    @Test
    void aLastByteFrom252OnIsASourcePointerInTheSourcesFile() {
        Trailer trailer = Trailer.read(bytes(0x78, 0x34, 0x12, 0x05, 252));

        assertThat(trailer).isInstanceOf(Trailer.SourcePointer.class);
        Trailer.SourcePointer pointer = (Trailer.SourcePointer) trailer;
        assertThat(pointer.pointer()).isEqualTo(1 << 24 | 0x05_12_34);
        assertThat(pointer.fileIndex()).isEqualTo(1);
        assertThat(pointer.filePosition()).isEqualTo(0x05_12_34);
        assertThat(pointer.bytecodeCount()).isEqualTo(1);
    }

    @Test
    void flag253PointsIntoTheChangesFile() {
        Trailer.SourcePointer pointer = (Trailer.SourcePointer) Trailer.read(bytes(0x78, 0x01, 0x00, 0x00, 253));

        assertThat(pointer.fileIndex()).isEqualTo(2);
        assertThat(pointer.filePosition()).isEqualTo(1);
    }

    @Test
    void flags254And255AddTwoToThe24thToThePosition() {
        Trailer.SourcePointer sources = (Trailer.SourcePointer) Trailer.read(bytes(0x78, 0x10, 0, 0, 254));
        Trailer.SourcePointer changes = (Trailer.SourcePointer) Trailer.read(bytes(0x78, 0x10, 0, 0, 255));

        assertThat(sources.fileIndex()).isEqualTo(1);
        assertThat(sources.filePosition()).isEqualTo((1 << 24) + 0x10);
        assertThat(changes.fileIndex()).isEqualTo(2);
        assertThat(changes.filePosition()).isEqualTo((1 << 24) + 0x10);
    }

    @Test
    void trailersLongerThanTheBytePartLeaveNoBytecodesInsteadOfFailing() {
        assertThat(Trailer.read(bytes()).bytecodeCount()).isZero();
        assertThat(Trailer.read(bytes(9)).bytecodeCount()).isZero();
        assertThat(Trailer.read(bytes(1, 252)).bytecodeCount()).isZero();
        assertThat(Trailer.read(bytes(0, 0)).bytecodeCount()).isZero();
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
