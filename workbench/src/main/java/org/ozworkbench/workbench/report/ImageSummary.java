package org.ozworkbench.workbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.image.ImageHeader;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectMemory;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * What {@code ozw inspect} tells about an image: file, format, dialect, header and object counts.
 * The JSON field names are part of the command line's contract: add fields, never rename them.
 *
 * @param file                  the image file as named by the user
 * @param sizeBytes             its size
 * @param format                the image format (6502, 6504, 6505)
 * @param closures              whether the format has closure bytecodes
 * @param byteOrder             {@code LITTLE_ENDIAN} or {@code BIG_ENDIAN}
 * @param dialect               the contract's dialect ({@code squeak3}, {@code squeak2}, {@code candle})
 * @param dialectDescription    the contract's description of it
 * @param header                the header words
 * @param counts                objects by kind
 * @param activeProcessPriority the priority of the scheduler's active process
 */
public record ImageSummary(String file, long sizeBytes, int format, boolean closures, String byteOrder, String dialect,
                           String dialectDescription, Header header, Counts counts, int activeProcessPriority) {

    /** The named words of the image header; addresses in hex. */
    public record Header(int headerSize, int dataSize, String oldBaseAddress, String specialObjectsOop, int lastHash,
                         int windowWidth, int windowHeight, int flags, int extraVmMemory) {
        static Header of(ImageHeader h) {
            return new Header(h.headerSize(), h.dataSize(), Refs.hex(h.oldBaseAddress()),
                    Refs.hex(h.specialObjectsOop()), h.lastHash(), h.windowWidth(), h.windowHeight(), h.flags(),
                    h.extraVmMemory());
        }
    }

    /**
     * Objects by kind. {@code globals} is 0 when the image has no Smalltalk (SystemDictionary);
     * {@code processes} counts every instance of Process (special object 27), scheduled or not.
     */
    public record Counts(int objects, int oneWordHeaders, int twoWordHeaders, int threeWordHeaders, int classes,
                         int compiledMethods, int globals, int processes, boolean hasSmalltalk) {
    }

    public static ImageSummary of(Path file, ObjectSpace space) {
        ObjectMemory memory = space.memory();
        int[] byHeaderWords = new int[4];
        int methods = 0;
        int processes = 0;
        Object processClass = memory.specialObject(SpecialObject.CLASS_PROCESS.index());
        for (GuestObject o : memory.objects()) {
            byHeaderWords[o.headerWords()]++;
            if (o.isCompiledMethod()) {
                methods++;
            }
            if (o.cls() == processClass) {
                processes++;
            }
        }
        boolean hasSmalltalk = space.smalltalk().isPresent();
        Counts counts = new Counts(memory.objectCount(), byHeaderWords[1], byHeaderWords[2], byHeaderWords[3],
                space.classes().size(), methods, space.globals().size(), processes, hasSmalltalk);
        ImageHeader h = space.header();
        return new ImageSummary(file.toString(), sizeOf(file), h.format().version(), h.format().hasClosures(),
                h.byteOrder().toString(), space.contract().dialect(), space.contract().description(), Header.of(h),
                counts, space.scheduler().activeProcess().priority());
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }
}
