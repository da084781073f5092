package org.ozworkbench.core.interpreter;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;

/**
 * FilePlugin's file primitives (primitive 117, module {@code FilePlugin}), confined to one folder
 * of the host the user grants. Every name the guest gives is resolved against that folder
 * (relative names) or must lie in it (absolute ones); a name that leaves it, lexically
 * ({@code ..}) or through a symbolic link, fails the primitive as a file the real VM cannot open
 * does, and so does every file primitive when no folder was granted. While a folder is granted
 * the guest sees its image inside it: primitive 121 answers the folder's path and the image's file
 * name, so an image that writes beside itself (Candle's {@code log.txt}) writes into the folder.
 *
 * <p>A file handle is a ByteArray the host makes, as the real VM's SQFile is: the primitives take
 * only that very object, still holding the slot and serial number it was given, so the guest
 * cannot forge one nor use one after its close. The guest is bounded by {@link Limits}: files open
 * at once, files created, and bytes written in all (a write past the cap, or past that size in a
 * file, fails and writes nothing). The image being run is never opened for writing.
 *
 * <pre>{@code
 * try (FilePrimitives files = FilePrimitives.grant(space.execution().interpreter(), folder, Limits.DEFAULT)) {
 *     space.execution().evaluate("PCSystem start");   // appends to folder/log.txt
 * }
 * }</pre>
 */
public final class FilePrimitives implements AutoCloseable {
    static final String MODULE = "FilePlugin";
    /** Bytes of a handle: its slot in the table and its serial number, 32-bit little-endian each. */
    private static final int HANDLE_BYTES = 8;
    private static final int WORD_BYTES = 4;
    private static final char FIRST_NAME_CHAR = ' ';
    private static final char LAST_NAME_CHAR = '~';

    /**
     * What the guest may do with files: at most {@code openFiles} open at once, {@code filesCreated}
     * new files and {@code bytesWritten} bytes written in the whole grant (no file grows past it).
     */
    public record Limits(long bytesWritten, int openFiles, int filesCreated) {
        public static final int DEFAULT_MEBIBYTES_WRITTEN = 64;
        public static final int DEFAULT_OPEN_FILES = 16;
        public static final int DEFAULT_FILES_CREATED = 256;
        /** 64 MiB written, 16 files open, 256 files created. */
        public static final Limits DEFAULT = new Limits((long) DEFAULT_MEBIBYTES_WRITTEN << 20, DEFAULT_OPEN_FILES,
                DEFAULT_FILES_CREATED);

        public Limits {
            if (bytesWritten < 0 || openFiles < 0 || filesCreated < 0) {
                throw new IllegalArgumentException("file limits are not negative: " + bytesWritten + " bytes, "
                        + openFiles + " open files, " + filesCreated + " created files");
            }
        }
    }

    private record OpenFile(GuestObject handle, int serial, FileChannel channel, boolean writable) {
    }

    private final Interpreter vm;
    private final Path root;
    private final Limits limits;
    private final Path image;
    private final GuestObject byteArrayClass;
    private final Map<Integer, OpenFile> open = new HashMap<>();
    private int serials;
    private long written;
    private int created;

    private FilePrimitives(Interpreter vm, Path root, Limits limits) {
        this.vm = vm;
        this.root = root;
        this.limits = limits;
        this.image = realPathOrSelf(vm.memory.source());
        this.byteArrayClass = vm.special(SpecialObject.CLASS_BYTE_ARRAY);
    }

    /**
     * Lets {@code vm}'s guest use the files in {@code folder} (which must exist) within {@code
     * limits}, until the answer is closed; closing it closes the files the guest left open and
     * makes every file primitive fail again.
     *
     * @throws IllegalArgumentException when {@code folder} is not a folder
     * @throws IllegalStateException    when {@code vm} has a folder granted already
     */
    public static FilePrimitives grant(Interpreter vm, Path folder, Limits limits) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + ": not a folder: expected the folder the guest may use files in");
        }
        if (vm.primitives.files != null) {
            throw new IllegalStateException("the interpreter has a folder for files already");
        }
        Path root;
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(folder + ": cannot be read: " + e.getMessage(), e);
        }
        FilePrimitives files = new FilePrimitives(vm, root, limits);
        vm.primitives.files = files;
        return files;
    }

    /** Closes the files the guest left open and takes the folder back. */
    @Override
    public void close() {
        for (OpenFile f : open.values()) {
            closeQuietly(f.channel());
        }
        open.clear();
        if (vm.primitives.files == this) {
            vm.primitives.files = null;
        }
    }

    /** The image's path as the guest sees it (primitive 121): its file name in the granted folder. */
    String imageName() {
        return root.resolve(vm.memory.source().getFileName()).toString();
    }

    /**
     * Runs FilePlugin's {@code function}; answers whether it succeeded. Those here are the ones
     * Candle's PCFile and Squeak 3's StandardFileStream call; the others (delete, rename, flush,
     * truncate, the directory functions) fail.
     */
    boolean call(String function, int argCount) {
        return switch (function) {
            case "primitiveFileOpen" -> argCount == 2 && open();
            case "primitiveFileClose" -> argCount == 1 && closeFile();
            case "primitiveFileWrite" -> argCount == 4 && write();
            case "primitiveFileRead" -> argCount == 4 && read();
            case "primitiveFileSize" -> argCount == 1 && answerOfHandle(FileChannel::size);
            case "primitiveFileGetPosition" -> argCount == 1 && answerOfHandle(FileChannel::position);
            case "primitiveFileSetPosition" -> argCount == 2 && setPosition();
            case "primitiveFileAtEnd" -> argCount == 1 && atEnd();
            default -> false;
        };
    }

    // ---- the primitives: each leaves the stack as it found it when it fails ----

    /** {@code primOpen: name writable: aBoolean}: a new handle; a writable open creates the file when missing. */
    private boolean open() {
        Object flag = vm.top();
        if (!(vm.stackValue(1) instanceof GuestObject name) || !name.isBytes() || name.isCompiledMethod()
                || (flag != vm.trueObject && flag != vm.falseObject) || byteArrayClass == null
                || open.size() >= limits.openFiles()) {
            return false;
        }
        boolean writable = flag == vm.trueObject;
        Path path = resolve(vm.primitives.stringOf(name));
        if (path == null || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                || (writable && path.equals(image))) {
            return false;
        }
        boolean creates = writable && !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        if (creates && created >= limits.filesCreated()) {
            return false;
        }
        Set<OpenOption> options = writable
                ? Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS)
                : Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, options);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
        if (creates) {
            created++;
        }
        int slot = freeSlot();
        int serial = ++serials;
        byte[] id = ByteBuffer.allocate(HANDLE_BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(slot).putInt(serial).array();
        GuestObject handle = vm.heap.newBytes(byteArrayClass, id);
        open.put(slot, new OpenFile(handle, serial, channel, writable));
        vm.popThenPush(3, handle);
        return true;
    }

    /** {@code primClose: handle}: answers the receiver. */
    private boolean closeFile() {
        OpenFile f = fileAt(vm.top());
        if (f == null) {
            return false;
        }
        open.remove(slotOf(f.handle()));
        closeQuietly(f.channel());
        vm.drop(1);
        return true;
    }

    /** {@code primWrite: handle from: bytesOrWords startingAt: index count: n}: answers the elements written. */
    private boolean write() {
        OpenFile f = fileAt(vm.stackValue(3));
        if (f == null || !f.writable() || rangeBytes(vm.stackValue(2), vm.stackValue(1), vm.top()) < 0) {
            return false;
        }
        byte[] bytes = elements((GuestObject) vm.stackValue(2), (Integer) vm.stackValue(1), (Integer) vm.top());
        try {
            long position = f.channel().position();
            if (written + bytes.length > limits.bytesWritten() || position + bytes.length > limits.bytesWritten()) {
                return false;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                written += f.channel().write(buffer);
            }
        } catch (IOException e) {
            return false;
        }
        Object count = vm.top();
        vm.popThenPush(5, count);
        return true;
    }

    /** {@code primRead: handle into: bytesOrWords startingAt: index count: n}: answers the elements read. */
    private boolean read() {
        OpenFile f = fileAt(vm.stackValue(3));
        int length = rangeBytes(vm.stackValue(2), vm.stackValue(1), vm.top());
        if (f == null || length < 0) {
            return false;
        }
        GuestObject target = (GuestObject) vm.stackValue(2);
        int elementSize = target.isWords() ? WORD_BYTES : 1;
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try {
            int got = 0;
            while (buffer.hasRemaining() && got >= 0) {
                got = f.channel().read(buffer);
            }
        } catch (IOException e) {
            return false;
        }
        int elements = buffer.position() / elementSize;
        int start = (Integer) vm.stackValue(1) - 1;
        if (target.isWords()) {
            buffer.flip();
            buffer.order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < elements; i++) {
                target.words()[start + i] = buffer.getInt();
            }
        } else {
            System.arraycopy(buffer.array(), 0, target.bytes(), start, elements);
        }
        if (elements > 0) {
            target.bodyChanged();
        }
        vm.popThenPush(5, elements);
        return true;
    }

    /** {@code primSetPosition: handle to: position}: answers the receiver. */
    private boolean setPosition() {
        OpenFile f = fileAt(vm.stackValue(1));
        BigInteger position = vm.primitives.largeIntegers().positive64(vm.top());
        if (f == null || position == null || position.bitLength() >= Long.SIZE) {
            return false;
        }
        try {
            f.channel().position(position.longValue());
        } catch (IOException e) {
            return false;
        }
        vm.drop(2);
        return true;
    }

    private boolean atEnd() {
        OpenFile f = fileAt(vm.top());
        if (f == null) {
            return false;
        }
        try {
            vm.popThenPush(2, vm.bool(f.channel().position() >= f.channel().size()));
        } catch (IOException e) {
            return false;
        }
        return true;
    }

    // ---- helpers ----

    /** What a primitive reads from an open file's channel. */
    @FunctionalInterface
    private interface ChannelQuery {
        long ask(FileChannel channel) throws IOException;
    }

    /** Answers what {@code query} reads from the file of the handle, the primitive's one argument. */
    private boolean answerOfHandle(ChannelQuery query) {
        OpenFile f = fileAt(vm.top());
        if (f == null) {
            return false;
        }
        Object value;
        try {
            value = vm.primitives.largeIntegers().of(BigInteger.valueOf(query.ask(f.channel())));
        } catch (IOException e) {
            return false;
        }
        vm.popThenPush(2, value);
        return true;
    }

    /** The open file {@code handle} stands for: only the very object {@link #open} answered, unchanged, while open. */
    private OpenFile fileAt(Object handle) {
        if (!(handle instanceof GuestObject h) || !h.isBytes() || h.byteCount() != HANDLE_BYTES) {
            return null;
        }
        OpenFile f = open.get(slotOf(h));
        return f != null && f.handle() == h && serialOf(h) == f.serial() ? f : null;
    }

    private static int slotOf(GuestObject handle) {
        return ByteBuffer.wrap(handle.bytes()).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    private static int serialOf(GuestObject handle) {
        return ByteBuffer.wrap(handle.bytes()).order(ByteOrder.LITTLE_ENDIAN).getInt(WORD_BYTES);
    }

    private int freeSlot() {
        int slot = 0;
        while (open.containsKey(slot)) {
            slot++;
        }
        return slot;
    }

    /**
     * The bytes that elements {@code start} to {@code start + count - 1} of a byte or word object
     * take, or -1 when the arguments are not such an object and a range inside it.
     */
    private static int rangeBytes(Object array, Object start, Object count) {
        if (!(array instanceof GuestObject a) || !(a.isBytes() || a.isWords()) || a.isCompiledMethod()
                || !(start instanceof Integer s) || !(count instanceof Integer n)) {
            return -1;
        }
        int size = a.isWords() ? a.words().length : a.byteCount();
        if (s < 1 || n < 0 || (long) s + n - 1 > size) {
            return -1;
        }
        return a.isWords() ? n * WORD_BYTES : n;
    }

    /** The bytes of that range (see {@link #rangeBytes}); words little-endian, as the real VM holds them on this host. */
    private static byte[] elements(GuestObject array, int start, int count) {
        if (array.isBytes()) {
            return Arrays.copyOfRange(array.bytes(), start - 1, start - 1 + count);
        }
        ByteBuffer buffer = ByteBuffer.allocate(count * WORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            buffer.putInt(array.words()[start - 1 + i]);
        }
        return buffer.array();
    }

    /**
     * The host path the guest's {@code name} stands for, inside the granted folder, or null when
     * it is not one: an empty name, a character outside printable ASCII, a name that leaves the
     * folder lexically, a folder on the way that is a link out of it, or a link (dangling or
     * pointing out) as the file itself. A link to a file inside the folder resolves to that file.
     */
    private Path resolve(String name) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c >= FIRST_NAME_CHAR && c <= LAST_NAME_CHAR)) {
            return null;
        }
        try {
            Path given = Path.of(name);
            Path path = (given.isAbsolute() ? given : root.resolve(given)).normalize();
            if (!path.startsWith(root) || path.equals(root)) {
                return null;
            }
            Path parent = path.getParent().toRealPath();
            if (!parent.startsWith(root)) {
                return null;
            }
            Path file = parent.resolve(path.getFileName());
            if (Files.isSymbolicLink(file)) {
                file = file.toRealPath();
                if (!file.startsWith(root)) {
                    return null;
                }
            }
            return file;
        } catch (InvalidPathException | IOException e) {
            return null;
        }
    }

    private static Path realPathOrSelf(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the guest's file is gone or its disk failed: nothing left to do for it
        }
    }
}
