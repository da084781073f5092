package org.ozworkbench.core.interpreter;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestHeap;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.memory.ObjectMemory;

/**
 * The numbered primitives headless guest code needs, as the Squeak V3 VM defines them. A
 * primitive takes the receiver and arguments from the stack; on success it pops them and pushes
 * its result and answers true; on failure it leaves the stack as it found it and answers false,
 * so the method's own bytecodes run (its fallback code), exactly as on the real VM. Primitives
 * the host does not have (display, sound, sockets, most named ones; files unless the host grants a
 * folder) fail.
 */
final class Primitives {
    private final Interpreter vm;
    private final GuestHeap heap;
    private final ObjectMemory memory;
    private final GuestObject floatClass;
    private final GuestObject largePositiveClass;
    private final GuestObject largeNegativeClass;
    private final GuestObject characterClass;
    private final GuestObject pointClass;
    private final GuestObject stringClass;
    private final GuestObject semaphoreClass;
    private final Object[] characterTable;
    private final boolean floatsLowWordFirst;
    private final LargeIntegers largeIntegers;
    private final LargeIntegersPlugin largeIntegersPlugin;
    /** FilePlugin's file primitives, confined to the folder the host granted; null while none is (they fail). */
    FilePrimitives files;

    Primitives(Interpreter vm) {
        this.vm = vm;
        this.heap = vm.heap;
        this.memory = vm.memory;
        this.floatClass = vm.special(SpecialObject.CLASS_FLOAT);
        this.largePositiveClass = vm.special(SpecialObject.CLASS_LARGE_POSITIVE_INTEGER);
        this.largeNegativeClass = vm.special(SpecialObject.CLASS_LARGE_NEGATIVE_INTEGER);
        this.characterClass = vm.special(SpecialObject.CLASS_CHARACTER);
        this.pointClass = vm.special(SpecialObject.CLASS_POINT);
        this.stringClass = vm.special(SpecialObject.CLASS_STRING);
        this.semaphoreClass = vm.special(SpecialObject.CLASS_SEMAPHORE);
        this.characterTable = ((GuestObject) memory.specialObject(SpecialObject.CHARACTER_TABLE.index())).pointers();
        this.floatsLowWordFirst = memory.header().format().floatsLowWordFirst();
        this.largeIntegers = new LargeIntegers(heap, largePositiveClass, largeNegativeClass);
        this.largeIntegersPlugin = new LargeIntegersPlugin(vm, largeIntegers);
    }

    /** Runs primitive {@code index} of {@code method} with {@code argCount} arguments; answers whether it succeeded. */
    boolean call(int index, int argCount, GuestObject method) {
        return switch (index) {
            case 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 -> smallIntegerOp(index, argCount);
            case 18 -> makePoint(argCount);
            case 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37 -> largeIntegerOp(index - 20, argCount);
            case 40 -> asFloat(argCount);
            case 41, 42, 43, 44, 45, 46, 47, 48, 49, 50 -> floatOp(index - 40, argCount);
            case 51, 52, 53, 54, 55, 56, 57, 58, 59 -> floatFunction(index, argCount);
            case 60 -> at(argCount, false);
            case 61 -> atPut(argCount, false);
            case 62 -> size(argCount);
            case 63 -> at(argCount, true);
            case 64 -> atPut(argCount, true);
            case 68 -> objectAt(argCount);
            case 69 -> objectAtPut(argCount);
            case 70 -> basicNew(argCount);
            case 71 -> basicNewSized(argCount);
            case 73 -> instVarAt(argCount);
            case 74 -> instVarAtPut(argCount);
            case 75, 171 -> identityHash(argCount);
            case 77 -> someInstance(argCount);
            case 78 -> nextInstance(argCount);
            case 79 -> newMethod(argCount);
            case 80 -> blockCopy(argCount);
            case 81 -> vm.closures ? closureValue(argCount, vm.stackValue(argCount), null) : blockValue(argCount, null);
            case 82 -> valueWithArguments(argCount);
            case 83 -> perform(argCount);
            case 84 -> performWithArguments(argCount, null);
            case 85 -> signal(argCount);
            case 86 -> semaphoreWait(argCount);
            case 87 -> resume(argCount);
            case 88 -> suspend(argCount);
            case 89, 116, 119 -> {
                vm.flushMethodCache();
                yield succeedSelf(argCount);
            }
            case 94 -> noEvent(argCount);
            case 100 -> performInSuperclass(argCount);
            case 105 -> replace(argCount);
            case 90, 91, 93, 95, 101, 102, 106, 107, 108, 109, 126, 127, 133, 134, 140 -> nullDisplay(index, argCount);
            case 254 -> vmParameter(argCount);
            case 125 -> lowSpaceThreshold(argCount);
            case 143 -> shortAt(argCount);
            case 144 -> shortAtPut(argCount);
            case 121 -> argCount == 0 && replace1(string(files != null ? files.imageName()
                    : memory.source().toAbsolutePath().toString()));
            case 124 -> registerSemaphore(SpecialObject.LOW_SPACE_SEMAPHORE, argCount);
            case 110 -> equivalent(argCount);
            case 111 -> argCount == 0 && replace1(vm.classOf(vm.top()));
            case 112 -> argCount == 0 && replace1(ObjectMemory.SMALL_INTEGER_MAX);
            case 113 -> quit(false);
            case 114 -> quit(true);
            case 115 -> changeClass(argCount);
            case 117 -> namedPrimitive(method, argCount);
            case 128 -> arrayBecome(argCount);
            case 129 -> argCount == 0 && replace1(memory.specialObjects());
            case 130, 131 -> argCount == 0 && replace1(ObjectMemory.SMALL_INTEGER_MAX);
            case 135 -> argCount == 0 && replace1(Clock.guestMillis());
            case 136 -> signalAtMilliseconds(argCount);
            case 137 -> argCount == 0 && replace1(largeIntegers.of(BigInteger.valueOf(
                    System.currentTimeMillis() / 1000 + SQUEAK_EPOCH_OFFSET)));
            case 138 -> argCount == 0 && replace1(memory.objects().get(0));
            case 139 -> nextObject(argCount);
            case 148 -> shallowCopy(argCount);
            case 167 -> yieldPrimitive(argCount);
            case 170 -> charValue(argCount);
            case 188 -> executeMethod(argCount);
            case 195, 196, 197 -> false;
            case 198, 199 -> false;
            // closureCopy:copiedValues: — the images here make closures with bytecode 143 only
            case 200 -> false;
            case 201, 202, 203, 204, 205 -> closureValue(argCount, vm.stackValue(argCount), null);
            case 206 -> closureValueWithArguments(argCount);
            case 210 -> contextAt(argCount);
            case 211 -> contextAtPut(argCount);
            case 212 -> contextSize(argCount);
            case 230 -> relinquish(argCount);
            default -> false;
        };
    }

    /** Indexes of / and @ among the special selectors. */
    private static final int BYTES_PER_WORD = 4;
    private static final int DIVIDE_SELECTOR = 9;
    private static final int MAKE_POINT_SELECTOR = 11;
    /** Fields of an event record (primitive 94). */
    private static final int EVENT_FIELDS = 8;

    /** Seconds from the Squeak epoch (1901-01-01) to the Unix epoch. */
    private static final long SQUEAK_EPOCH_OFFSET = 2177452800L;

    private boolean succeedSelf(int argCount) {
        vm.drop(argCount);
        return true;
    }

    /** Replaces the receiver (no arguments) with {@code value}. */
    private boolean replace1(Object value) {
        vm.popThenPush(1, value);
        return true;
    }

    private boolean answer(int argCount, Object value) {
        vm.popThenPush(argCount + 1, value);
        return true;
    }

    // ---- display and input: what the real VM does with -vm-display-null ----

    /**
     * The display, cursor, keyboard and mouse primitives as the real VM answers them with its
     * null display: the screen is the image's saved window size, no mouse button is down, no key
     * and no event ever arrives, and showing, deferring, beeping or setting a cursor succeed and
     * do nothing. The guest's startup and UI code run on as under the oracle.
     */
    private boolean nullDisplay(int index, int argCount) {
        switch (index) {
            case 90 -> {
                return argCount == 0 && replace1(point(0, 0));
            }
            case 91 -> {
                // supportsDisplayDepth:
                return argCount == 1 && vm.top() instanceof Integer d
                        && answer(1, vm.bool(d == 1 || d == 2 || d == 4 || d == 8 || d == 16 || d == 32));
            }
            case 95, 107 -> {
                return argCount == 0 && replace1(0);
            }
            case 102 -> {
                if (argCount != 0) {
                    return false;
                }
                memory.specialObjects().pointers()[SpecialObject.DISPLAY.index()] = vm.top();
                return true;
            }
            case 106 -> {
                int size = memory.header().savedWindowSize();
                return argCount == 0 && replace1(point(size >>> 16, size & 0xFFFF));
            }
            case 108, 109 -> {
                return argCount == 0 && replace1(vm.nil);
            }
            case 93 -> {
                return registerSemaphore(SpecialObject.INPUT_SEMAPHORE, argCount);
            }
            case 134 -> {
                return registerSemaphore(SpecialObject.USER_INTERRUPT_SEMAPHORE, argCount);
            }
            default -> {
                vm.drop(argCount);
                return true;
            }
        }
    }

    /**
     * {@code vmParameterAt:} / {@code vmParameterAt:put:} (primitive 254): this host has no GC
     * parameters or statistics to tune or report, so every parameter reads 0 and a write is
     * accepted and answers the old 0; with no argument, an Array of 40 zeros.
     */
    private boolean vmParameter(int argCount) {
        if (argCount == 0) {
            Object[] zeros = new Object[40];
            Arrays.fill(zeros, 0);
            return replace1(heap.newPointers(vm.arrayClass, 2, zeros));
        }
        if (argCount > 2 || !(vm.stackValue(argCount - 1) instanceof Integer index) || index < 1 || index > 40) {
            return false;
        }
        return answer(argCount, 0);
    }

    /**
     * {@code shortAt:} (primitive 143): the signed 16-bit element {@code index} of a word
     * object, in the little-endian order of the machines the real VM runs on (element 1 is the
     * low half of word 1).
     */
    private boolean shortAt(int argCount) {
        if (argCount != 1 || !(vm.stackValue(1) instanceof GuestObject o) || !o.isWords()
                || !(vm.top() instanceof Integer index) || index < 1 || index > 2 * o.words().length) {
            return false;
        }
        int word = o.words()[(index - 1) >> 1];
        return answer(1, (int) (short) ((index & 1) == 1 ? word : word >>> 16));
    }

    /** {@code shortAt:put:} (primitive 144), the store of {@link #shortAt}. */
    private boolean shortAtPut(int argCount) {
        if (argCount != 2 || !(vm.stackValue(2) instanceof GuestObject o) || !o.isWords()
                || !(vm.stackValue(1) instanceof Integer index) || index < 1 || index > 2 * o.words().length
                || !(vm.top() instanceof Integer value) || value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            return false;
        }
        int[] words = o.words();
        int i = (index - 1) >> 1;
        words[i] = (index & 1) == 1 ? (words[i] & 0xFFFF0000) | (value & 0xFFFF)
                : (words[i] & 0xFFFF) | (value << 16);
        return answer(2, value);
    }

    /**
     * Registers the argument (a Semaphore, or nil to forget it) as the special object the VM
     * signals on this event. This host never signals low space, input or the interrupt key; a
     * Squeak 3 style external-semaphore index is accepted and kept nowhere.
     */
    private boolean registerSemaphore(SpecialObject which, int argCount) {
        if (argCount != 1) {
            return false;
        }
        if (vm.top() instanceof GuestObject semaphore) {
            memory.specialObjects().pointers()[which.index()] = semaphore;
        }
        vm.drop(1);
        return true;
    }

    /**
     * {@code primSignalAtBytesLeft:} (primitive 125): the low-space semaphore is signalled when
     * free memory falls under this many bytes. This host has no such threshold (the heap ceiling
     * ends a run instead), so it accepts any non-negative number and keeps nothing.
     */
    private boolean lowSpaceThreshold(int argCount) {
        if (argCount != 1 || !(vm.top() instanceof Integer bytes) || bytes < 0) {
            return false;
        }
        vm.drop(1);
        return true;
    }

    private GuestObject string(String text) {
        return heap.newBytes(stringClass, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private GuestObject point(int x, int y) {
        GuestObject p = heap.instantiate(pointClass, 0);
        p.pointers()[0] = x;
        p.pointers()[1] = y;
        return p;
    }

    // ---- SmallInteger ----

    static Object shift(int value, int shift) {
        if (shift >= 0) {
            if (shift > 31) {
                return value == 0 ? (Object) 0 : null;
            }
            long shifted = (long) value << shift;
            return (shifted >> shift) == value ? Interpreter.smallOrNull(shifted) : null;
        }
        return value >> Math.min(31, -shift);
    }

    private boolean smallIntegerOp(int op, int argCount) {
        if (argCount != 1 || !(vm.stackValue(1) instanceof Integer a) || !(vm.top() instanceof Integer b)) {
            return false;
        }
        Object r = vm.smallIntegerOp(op, a, b);
        return r != null && answer(1, r);
    }

    /** Primitive 18: a Point of a SmallInteger or Float receiver and any argument. */
    private boolean makePoint(int argCount) {
        Object x = vm.stackValue(1);
        if (argCount != 1 || pointClass == null || !(x instanceof Integer || floatValue(x) != null)) {
            return false;
        }
        GuestObject p = heap.instantiate(pointClass, 0);
        p.pointers()[0] = vm.stackValue(1);
        p.pointers()[1] = vm.top();
        return answer(1, p);
    }

    /**
     * Primitive 117: a plugin's function named by the method's first literal, an Array (module
     * name, function name, ...). Only the LargeIntegers plugin is here, in part, FilePlugin's
     * path delimiter, and its file primitives while the host grants a folder ({@link
     * FilePrimitives}); every other one fails as a missing plugin does on the real VM, so the
     * method's fallback code runs (a file open answers nil, as for a missing file).
     */
    private boolean namedPrimitive(GuestObject method, int argCount) {
        Object[] literals = method.pointers();
        if (literals.length < 2 || !(literals[1] instanceof GuestObject description) || !description.isPointers()
                || description.pointerCount() < 2 || !(description.pointers()[0] instanceof GuestObject module)
                || !(description.pointers()[1] instanceof GuestObject function) || !module.isBytes() || !function.isBytes()) {
            return false;
        }
        String name = stringOf(function);
        if (stringOf(module).equals(LargeIntegersPlugin.MODULE)) {
            return largeIntegersPlugin.call(name, argCount);
        }
        // FilePlugin's path delimiter (spelled "Delimitor" in the older images): no file is touched
        if ((name.equals("primitiveDirectoryDelimiter") || name.equals("primitiveDirectoryDelimitor")) && argCount == 0) {
            return replace1(characterTable['/']);
        }
        return files != null && stringOf(module).equals(FilePrimitives.MODULE) && files.call(name, argCount);
    }

    // ---- LargeIntegers (64-bit range primitives 21-37) ----

    /**
     * Primitives 21-37 as the real VM (Squeak 4.10 interpreter) has them: comparisons read signed
     * 64-bit values; arithmetic and bitShift read sign and 64-bit magnitude (see {@link
     * LargeIntegers#magnitude64}) and fail when the result's magnitude needs more than 64 bits;
     * bit logic reads non-negative 64-bit values. Failing sends the method on to its Smalltalk code.
     */
    private boolean largeIntegerOp(int op, int argCount) {
        if (argCount != 1) {
            return false;
        }
        Object r;
        if (op >= 3 && op <= 8) {
            r = largeIntegerCompare(op, largeIntegers.signed64(vm.stackValue(1)), largeIntegers.signed64(vm.top()));
        } else if (op >= 14 && op <= 16) {
            r = largeIntegerLogic(op, largeIntegers.positive64(vm.stackValue(1)), largeIntegers.positive64(vm.top()));
        } else if (op == 17) {
            r = largeIntegerShift(largeIntegers.magnitude64(vm.stackValue(1)), vm.top());
        } else {
            r = largeIntegerArithmetic(op, largeIntegers.magnitude64(vm.stackValue(1)),
                    largeIntegers.magnitude64(vm.top()));
        }
        return r != null && answer(1, r);
    }

    private Object largeIntegerCompare(int op, BigInteger a, BigInteger b) {
        if (a == null || b == null) {
            return null;
        }
        int c = a.compareTo(b);
        return switch (op) {
            case 3 -> vm.bool(c < 0);
            case 4 -> vm.bool(c > 0);
            case 5 -> vm.bool(c <= 0);
            case 6 -> vm.bool(c >= 0);
            case 7 -> vm.bool(c == 0);
            default -> vm.bool(c != 0);
        };
    }

    private Object largeIntegerLogic(int op, BigInteger a, BigInteger b) {
        if (a == null || b == null) {
            return null;
        }
        return largeIntegers.of(op == 14 ? a.and(b) : op == 15 ? a.or(b) : a.xor(b));
    }

    private Object largeIntegerArithmetic(int op, BigInteger a, BigInteger b) {
        if (a == null || b == null || (op >= 10 && b.signum() == 0)) {
            return null;
        }
        BigInteger r = switch (op) {
            case 1 -> a.add(b);
            case 2 -> a.subtract(b);
            case 9 -> a.multiply(b);
            case 10 -> a.remainder(b).signum() == 0 ? a.divide(b) : null;
            case 11 -> floorMod(a, b);
            case 12 -> floorDiv(a, b);
            default -> a.divide(b);
        };
        return r != null && LargeIntegers.fits64(r) ? largeIntegers.of(r) : null;
    }

    /**
     * The real VM's bitShift of a 64-bit magnitude, with its 32-bit slips (Slang casts the shifted
     * operand to a 32-bit usqInt and x86 takes shift counts modulo 32): a left shift fails when
     * the magnitude exceeds {@code 0xFFFFFFFF >> (shift mod 32)}; a right shift shifts only the
     * magnitude's low 32 bits; a negative receiver's bits shifted out round its magnitude up.
     */
    private Object largeIntegerShift(BigInteger a, Object shiftArgument) {
        if (a == null || !(shiftArgument instanceof Integer shift)) {
            return null;
        }
        boolean negative = a.signum() < 0;
        long magnitude = a.abs().longValue();
        long result;
        if (shift >= 0) {
            long limit = 0xFFFFFFFFL >>> (shift & 31);
            if (shift >= 64 || Long.compareUnsigned(magnitude, limit) > 0) {
                return null;
            }
            result = magnitude << shift;
        } else {
            int right = -shift;
            result = right >= 64 ? 0 : (magnitude & 0xFFFFFFFFL) >>> (right & 31);
            if (negative && (right >= 64 ? 0 : result << right) != magnitude) {
                result++;
            }
        }
        BigInteger r = new BigInteger(Long.toUnsignedString(result));
        return largeIntegers.of(negative ? r.negate() : r);
    }

    static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() != 0 && qr[1].signum() != b.signum() ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    static BigInteger floorMod(BigInteger a, BigInteger b) {
        BigInteger r = a.remainder(b);
        return r.signum() != 0 && r.signum() != b.signum() ? r.add(b) : r;
    }

    // ---- Float ----

    Double floatValue(Object o) {
        if (o instanceof GuestObject g && g.cls() == floatClass && g.words().length == 2) {
            int[] w = g.words();
            long hi = floatsLowWordFirst ? w[1] : w[0];
            long lo = floatsLowWordFirst ? w[0] : w[1];
            return Double.longBitsToDouble((hi << 32) | (lo & 0xFFFFFFFFL));
        }
        return null;
    }

    GuestObject newFloat(double d) {
        long bits = Double.doubleToRawLongBits(d);
        int hi = (int) (bits >>> 32);
        int lo = (int) bits;
        return heap.newWords(floatClass, floatsLowWordFirst ? new int[] {lo, hi} : new int[] {hi, lo});
    }

    private Double numberAsDouble(Object o) {
        if (o instanceof Integer i) {
            return (double) i;
        }
        return floatValue(o);
    }

    private boolean asFloat(int argCount) {
        return argCount == 0 && vm.top() instanceof Integer i && replace1(newFloat(i));
    }

    /**
     * What the real VM does for an arithmetic special selector (bytecodes 176-191, {@code index}
     * 0-15) before it sends it, when not both operands are SmallIntegers (those the interpreter
     * does itself): {@code + - < > <= >= = ~= * /} with two operands that are each a SmallInteger
     * or a Float are done as Float primitives, and {@code @} makes a Point of a SmallInteger or
     * Float receiver, all with no lookup. Answers whether it did; otherwise the selector is sent.
     */
    boolean specialArithmetic(int index) {
        if (index == MAKE_POINT_SELECTOR) {
            return makePoint(1);
        }
        if (index > DIVIDE_SELECTOR || (vm.stackValue(1) instanceof Integer && vm.top() instanceof Integer)) {
            return false;
        }
        Double a = numberAsDouble(vm.stackValue(1));
        Double b = numberAsDouble(vm.top());
        return a != null && b != null && floatArithmetic(index + 1, a, b);
    }

    private boolean floatOp(int op, int argCount) {
        if (argCount != 1) {
            return false;
        }
        Double a = floatValue(vm.stackValue(1));
        Double b = numberAsDouble(vm.top());
        if (a == null || b == null) {
            return false;
        }
        return floatArithmetic(op, a, b);
    }

    private boolean floatArithmetic(int op, double x, double y) {
        Object r = switch (op) {
            case 1 -> newFloat(x + y);
            case 2 -> newFloat(x - y);
            case 3 -> vm.bool(x < y);
            case 4 -> vm.bool(x > y);
            case 5 -> vm.bool(x <= y);
            case 6 -> vm.bool(x >= y);
            case 7 -> vm.bool(x == y);
            case 8 -> vm.bool(x != y);
            case 9 -> newFloat(x * y);
            default -> y != 0 ? newFloat(x / y) : null;
        };
        return r != null && answer(1, r);
    }

    private boolean floatFunction(int index, int argCount) {
        Double receiver = floatValue(vm.stackValue(argCount));
        if (receiver == null) {
            return false;
        }
        double x = receiver;
        if (index == 54) {
            return argCount == 1 && vm.top() instanceof Integer n && answer(1, newFloat(Math.scalb(x, n)));
        }
        if (argCount != 0) {
            return false;
        }
        Object r = switch (index) {
            case 51 -> Double.isFinite(x) && Math.abs(x) < 1073741824.0 ? (Object) (int) x : null;
            case 52 -> newFloat(x - (x < 0 ? Math.ceil(x) : Math.floor(x)));
            case 53 -> x == 0 ? (Object) 0 : Math.getExponent(x);
            case 55 -> x >= 0 ? newFloat(Math.sqrt(x)) : null;
            case 56 -> newFloat(Math.sin(x));
            case 57 -> newFloat(Math.atan(x));
            case 58 -> x > 0 ? newFloat(Math.log(x)) : null;
            default -> newFloat(Math.exp(x));
        };
        return r != null && replace1(r);
    }

    // ---- indexing ----

    private static int instSize(GuestObject cls) {
        int spec = GuestHeap.classFormat(cls);
        return spec < 0 ? 0 : ((spec >> 10) & 0xC0) + ((spec >> 1) & 0x3F) - 1;
    }

    /** The number of indexable elements of {@code o} (what basicSize answers). */
    int indexableSize(GuestObject o) {
        int format = o.format();
        if (ObjectFormat.isPointers(format)) {
            return format >= 2 ? o.pointerCount() - instSize(o.cls()) : 0;
        }
        if (ObjectFormat.isWords(format)) {
            return o.words().length;
        }
        if (ObjectFormat.isCompiledMethod(format)) {
            // a method's indexable bytes count its header and literals too (initialPC is after them)
            return BYTES_PER_WORD * o.pointerCount() + o.byteCount();
        }
        if (ObjectFormat.isBytes(format)) {
            return o.byteCount();
        }
        return 0;
    }

    private boolean at(int argCount, boolean characters) {
        if (argCount != 1 || !(vm.stackValue(1) instanceof GuestObject o) || !(vm.top() instanceof Integer i)) {
            return false;
        }
        Object v = elementAt(o, i, characters);
        return v != null && answer(1, v);
    }

    Object elementAt(GuestObject o, int index, boolean characters) {
        int format = o.format();
        if (format == ObjectFormat.INDEXABLE_POINTERS) {
            // an Array's kind: every slot indexable, never a context (contexts have named fields)
            Object[] slots = o.pointers();
            return characters || index < 1 || index > slots.length ? null : slots[index - 1];
        }
        if (index < 1 || index > indexableSize(o)) {
            return null;
        }
        if (ObjectFormat.isPointers(format)) {
            if (vm.isContext(o)) {
                return null;
            }
            return characters ? null : o.pointers()[o.pointerCount() - indexableSize(o) + index - 1];
        }
        if (ObjectFormat.isWords(format)) {
            long w = o.words()[index - 1] & 0xFFFFFFFFL;
            return characters ? null : largeIntegers.of(BigInteger.valueOf(w));
        }
        int byteIndex = index - 1;
        if (o.isCompiledMethod()) {
            byteIndex -= BYTES_PER_WORD * o.pointerCount();
            if (byteIndex < 0) {
                return null;
            }
        }
        int b = o.bytes()[byteIndex] & 0xFF;
        return characters ? characterTable[b] : (Object) b;
    }

    private boolean atPut(int argCount, boolean characters) {
        if (argCount != 2 || !(vm.stackValue(2) instanceof GuestObject o) || !(vm.stackValue(1) instanceof Integer i)) {
            return false;
        }
        Object value = vm.top();
        return storeElement(o, i, value, characters) && answer(2, value);
    }

    boolean storeElement(GuestObject o, int index, Object value, boolean characters) {
        int format = o.format();
        if (format == ObjectFormat.INDEXABLE_POINTERS) {
            Object[] slots = o.pointers();
            if (characters || index < 1 || index > slots.length) {
                return false;
            }
            slots[index - 1] = value;
            return true;
        }
        if (index < 1 || index > indexableSize(o)) {
            return false;
        }
        if (ObjectFormat.isPointers(format)) {
            if (characters || vm.isContext(o)) {
                return false;
            }
            o.pointers()[o.pointerCount() - indexableSize(o) + index - 1] = value;
            return true;
        }
        if (ObjectFormat.isWords(format)) {
            BigInteger v = largeIntegers.valueOf(value);
            if (characters || v == null || v.signum() < 0 || v.bitLength() > 32) {
                return false;
            }
            o.words()[index - 1] = v.intValue();
            return true;
        }
        int byteValue;
        if (characters) {
            if (!(value instanceof GuestObject c) || c.cls() != characterClass || !(c.pointers()[0] instanceof Integer cv)) {
                return false;
            }
            byteValue = cv;
        } else {
            if (!(value instanceof Integer iv)) {
                return false;
            }
            byteValue = iv;
        }
        if (byteValue < 0 || byteValue > 255) {
            return false;
        }
        int byteIndex = index - 1;
        if (o.isCompiledMethod()) {
            byteIndex -= BYTES_PER_WORD * o.pointerCount();
            if (byteIndex < 0) {
                return false;
            }
        }
        o.bytes()[byteIndex] = (byte) byteValue;
        if (o.isCompiledMethod()) {
            o.bodyChanged();
        }
        return true;
    }

    private boolean size(int argCount) {
        if (argCount != 0) {
            return false;
        }
        Object r = vm.top();
        if (r instanceof Integer || vm.isContext((GuestObject) r)) {
            return false;
        }
        return replace1(indexableSize((GuestObject) r));
    }

    private boolean objectAt(int argCount) {
        if (argCount != 1 || !(vm.stackValue(1) instanceof GuestObject m) || !m.isCompiledMethod()
                || !(vm.top() instanceof Integer i) || i < 1 || i > m.pointerCount()) {
            return false;
        }
        return answer(1, m.pointers()[i - 1]);
    }

    private boolean objectAtPut(int argCount) {
        if (argCount != 2 || !(vm.stackValue(2) instanceof GuestObject m) || !m.isCompiledMethod()
                || !(vm.stackValue(1) instanceof Integer i) || i < 1 || i > m.pointerCount()) {
            return false;
        }
        Object value = vm.top();
        m.pointers()[i - 1] = value;
        if (i == 1) {
            m.bodyChanged();
        }
        return answer(2, value);
    }

    private boolean instVarAt(int argCount) {
        if (argCount != 1 || !(vm.stackValue(1) instanceof GuestObject o) || !(vm.top() instanceof Integer i)) {
            return false;
        }
        int fixed = instSize(o.cls());
        if (i < 1 || i > fixed + indexableSize(o)) {
            return false;
        }
        if (i <= fixed) {
            return answer(1, o.pointers()[i - 1]);
        }
        Object v = elementAt(o, i - fixed, false);
        return v != null && answer(1, v);
    }

    private boolean instVarAtPut(int argCount) {
        if (argCount != 2 || !(vm.stackValue(2) instanceof GuestObject o) || !(vm.stackValue(1) instanceof Integer i)) {
            return false;
        }
        int fixed = instSize(o.cls());
        Object value = vm.top();
        if (i < 1 || i > fixed + indexableSize(o)) {
            return false;
        }
        if (i <= fixed) {
            o.pointers()[i - 1] = value;
            return answer(2, value);
        }
        return storeElement(o, i - fixed, value, false) && answer(2, value);
    }

    private boolean replace(int argCount) {
        if (argCount != 4 || !(vm.stackValue(4) instanceof GuestObject dst) || !(vm.stackValue(3) instanceof Integer start)
                || !(vm.stackValue(2) instanceof Integer stop) || !(vm.stackValue(1) instanceof GuestObject src)
                || !(vm.top() instanceof Integer srcStart)) {
            return false;
        }
        int count = stop - start + 1;
        if (count <= 0) {
            return count == 0 && succeedSelf(4);
        }
        if (start < 1 || stop > indexableSize(dst) || srcStart < 1 || srcStart + count - 1 > indexableSize(src)
                || vm.isContext(dst) || vm.isContext(src)) {
            return false;
        }
        int df = dst.format();
        int sf = src.format();
        if (ObjectFormat.isPointers(df) && ObjectFormat.isPointers(sf)) {
            int d0 = dst.pointerCount() - indexableSize(dst) + start - 1;
            int s0 = src.pointerCount() - indexableSize(src) + srcStart - 1;
            System.arraycopy(src.pointers(), s0, dst.pointers(), d0, count);
        } else if (ObjectFormat.isWords(df) && ObjectFormat.isWords(sf)) {
            System.arraycopy(src.words(), srcStart - 1, dst.words(), start - 1, count);
        } else if (ObjectFormat.isBytes(df) && ObjectFormat.isBytes(sf) && !dst.isCompiledMethod() && !src.isCompiledMethod()) {
            System.arraycopy(src.bytes(), srcStart - 1, dst.bytes(), start - 1, count);
        } else if (dst.isCompiledMethod() && src.isCompiledMethod()) {
            // the real VM copies a method's raw bytes; here only those after the header and literals
            int d0 = start - 1 - BYTES_PER_WORD * dst.pointerCount();
            int s0 = srcStart - 1 - BYTES_PER_WORD * src.pointerCount();
            if (d0 < 0 || s0 < 0) {
                return false;
            }
            System.arraycopy(src.bytes(), s0, dst.bytes(), d0, count);
            dst.bodyChanged();
        } else {
            return false;
        }
        return succeedSelf(4);
    }

    // ---- objects ----

    private boolean basicNew(int argCount) {
        if (argCount != 0 || !(vm.top() instanceof GuestObject cls)) {
            return false;
        }
        GuestObject o = heap.instantiate(cls, 0);
        return o != null && replace1(o);
    }

    private boolean basicNewSized(int argCount) {
        if (argCount != 1 || !(vm.stackValue(1) instanceof GuestObject cls) || !(vm.top() instanceof Integer n)
                || n < 0 || n > MAX_NEW_SLOTS) {
            return false;
        }
        int spec = GuestHeap.classFormat(cls);
        if (spec < 0 || !ObjectFormat.isIndexable((spec >> 7) & 15)) {
            return false;
        }
        GuestObject o = heap.instantiate(cls, n);
        return o != null && answer(1, o);
    }

    /** The largest indexable size basicNew: grants (the real VM's heap is far smaller). */
    static final int MAX_NEW_SLOTS = 64 * 1024 * 1024;

    private boolean identityHash(int argCount) {
        if (argCount != 0 || !(vm.top() instanceof GuestObject o)) {
            return false;
        }
        return replace1(o.hash());
    }

    private boolean equivalent(int argCount) {
        if (argCount != 1) {
            return false;
        }
        Object b = vm.top();
        Object a = vm.stackValue(1);
        return answer(1, vm.bool(ObjectMemory.identical(a, b)));
    }

    private boolean shallowCopy(int argCount) {
        if (argCount != 0 || !(vm.top() instanceof GuestObject o)) {
            return false;
        }
        if (o == vm.activeContext) {
            vm.storeContext();
        }
        GuestObject copy;
        if (o.isCompiledMethod()) {
            copy = heap.newMethod(o.cls(), o.pointers().clone(), Arrays.copyOf(o.bytes(), o.byteCount()));
        } else if (o.isBytes()) {
            copy = heap.newBytes(o.cls(), Arrays.copyOf(o.bytes(), o.byteCount()));
        } else if (o.isWords()) {
            copy = heap.newWords(o.cls(), o.words().clone());
        } else {
            copy = heap.newPointers(o.cls(), o.format(), o.pointers().clone());
        }
        return replace1(copy);
    }

    private boolean someInstance(int argCount) {
        if (argCount != 0 || !(vm.top() instanceof GuestObject cls)) {
            return false;
        }
        for (GuestObject o : memory.objects()) {
            if (o.cls() == cls) {
                return replace1(o);
            }
        }
        return false;
    }

    private boolean nextInstance(int argCount) {
        if (argCount != 0 || !(vm.top() instanceof GuestObject start)) {
            return false;
        }
        GuestObject cls = start.cls();
        int i = indexInMemory(start);
        if (i < 0) {
            return false;
        }
        var objects = memory.objects();
        for (int k = i + 1; k < objects.size(); k++) {
            if (objects.get(k).cls() == cls) {
                return replace1(objects.get(k));
            }
        }
        return replace1(vm.nil);
    }

    private boolean nextObject(int argCount) {
        if (argCount != 0 || !(vm.top() instanceof GuestObject start)) {
            return false;
        }
        int i = indexInMemory(start);
        var objects = memory.objects();
        return i >= 0 && replace1(i + 1 < objects.size() ? objects.get(i + 1) : (Object) 0);
    }

    private int indexInMemory(GuestObject o) {
        heap.adopt();
        return memory.objects().indexOf(o);
    }

    private boolean newMethod(int argCount) {
        if (argCount != 2 || !(vm.stackValue(2) instanceof GuestObject cls) || !(vm.stackValue(1) instanceof Integer size)
                || !(vm.top() instanceof Integer header) || size < 0) {
            return false;
        }
        int literals = (header >> 9) & 0xFF;
        Object[] pointers = new Object[literals + 1];
        Arrays.fill(pointers, vm.nil);
        pointers[0] = header;
        return answer(2, heap.newMethod(cls, pointers, new byte[size]));
    }

    private boolean changeClass(int argCount) {
        if (argCount != 1 || !(vm.stackValue(1) instanceof GuestObject o) || !(vm.top() instanceof GuestObject c)) {
            return false;
        }
        GuestObject newClass = c.isPointers() && GuestHeap.classFormat(c) >= 0 ? c : c.cls();
        int spec = GuestHeap.classFormat(newClass);
        if (spec < 0 || ((spec >> 7) & 15) != (o.format() & ~3) && !(o.isBytes() && ((spec >> 7) & 15) == 8)
                && ((spec >> 7) & 15) != o.format()) {
            return false;
        }
        heap.changeClass(o, newClass);
        vm.flushMethodCache();
        return answer(1, o);
    }

    private boolean arrayBecome(int argCount) {
        if (argCount != 1 || !(vm.stackValue(1) instanceof GuestObject a) || !(vm.top() instanceof GuestObject b)
                || a.cls() != vm.arrayClass || b.cls() != vm.arrayClass || a.pointerCount() != b.pointerCount()) {
            return false;
        }
        for (int i = 0; i < a.pointerCount(); i++) {
            if (!(a.pointers()[i] instanceof GuestObject) || !(b.pointers()[i] instanceof GuestObject)) {
                return false;
            }
        }
        vm.storeContext();
        for (int i = 0; i < a.pointerCount(); i++) {
            heap.become((GuestObject) a.pointers()[i], (GuestObject) b.pointers()[i]);
        }
        vm.flushMethodCache();
        vm.loadContext(vm.activeContext);
        return succeedSelf(1);
    }

    private boolean charValue(int argCount) {
        if (argCount != 0 || !(vm.top() instanceof GuestObject c) || c.cls() != characterClass) {
            return false;
        }
        return replace1(c.pointers()[0]);
    }

    // ---- control ----

    private boolean quit(boolean toDebugger) {
        vm.stopWith(n -> new RunResult.Quit(n, toDebugger));
        return true;
    }

    private boolean perform(int argCount) {
        if (argCount < 1 || !(vm.stackValue(argCount - 1) instanceof GuestObject selector)) {
            return false;
        }
        int sendArgs = argCount - 1;
        Object receiver = vm.stackValue(argCount);
        // drop the selector: shift the arguments down one slot
        for (int i = sendArgs; i >= 1; i--) {
            vm.frame[vm.sp - i] = vm.frame[vm.sp - i + 1];
        }
        vm.drop(1);
        GuestObject m = vm.lookup(vm.classOf(receiver), selector);
        if (m != null && Interpreter.argCountOf(m) != sendArgs) {
            vm.drop(sendArgs);
            vm.push(selector);
            for (int i = 0; i < sendArgs; i++) {
                vm.push(vm.nil);
            }
            return false;
        }
        vm.dispatch(selector, sendArgs, vm.classOf(receiver));
        return true;
    }

    private boolean performWithArguments(int argCount, GuestObject lookupClass) {
        int base = lookupClass == null ? 2 : 3;
        if (argCount != base || !(vm.stackValue(argCount - 1) instanceof GuestObject selector)
                || !(vm.stackValue(argCount - 2) instanceof GuestObject args) || args.cls() != vm.arrayClass) {
            return false;
        }
        Object receiver = vm.stackValue(argCount);
        GuestObject start = lookupClass == null ? vm.classOf(receiver) : lookupClass;
        GuestObject m = vm.lookup(start, selector);
        int n = args.pointerCount();
        if (m != null && Interpreter.argCountOf(m) != n) {
            return false;
        }
        vm.drop(argCount);
        for (Object a : args.pointers()) {
            vm.push(a);
        }
        vm.dispatch(selector, n, start);
        return true;
    }

    private boolean performInSuperclass(int argCount) {
        if (argCount != 3 || !(vm.top() instanceof GuestObject cls)) {
            return false;
        }
        return performWithArguments(argCount, cls);
    }

    private boolean executeMethod(int argCount) {
        return false;
    }

    // ---- blocks ----

    private boolean blockCopy(int argCount) {
        if (argCount != 1 || !(vm.top() instanceof Integer nargs) || !(vm.stackValue(1) instanceof GuestObject context)) {
            return false;
        }
        vm.expose(context);
        GuestObject home = context.cls() == vm.blockContextClass ? (GuestObject) context.pointers()[Interpreter.BLOCK_HOME]
                : context;
        Object[] slots = new Object[home.pointerCount()];
        Arrays.fill(slots, vm.nil);
        // the block's body starts after this send and the 2-byte jump that follows it
        int start = vm.guestPc(vm.pc) + 2;
        slots[Interpreter.PC] = start;
        slots[Interpreter.STACKP] = 0;
        slots[Interpreter.BLOCK_NARGS] = nargs;
        slots[Interpreter.BLOCK_STARTPC] = start;
        slots[Interpreter.BLOCK_HOME] = home;
        return answer(1, heap.newPointers(vm.blockContextClass, 3, slots));
    }

    /** BlockContext value... (primitive 81): the block runs with the arguments on its own stack. */
    private boolean blockValue(int argCount, GuestObject argumentArray) {
        Object r = vm.stackValue(argCount);
        if (!(r instanceof GuestObject block) || block.cls() != vm.blockContextClass) {
            return false;
        }
        Object[] b = block.pointers();
        Object[] args = argumentArray == null ? null : argumentArray.pointers();
        int n = args == null ? argCount : args.length;
        if (!(b[Interpreter.BLOCK_NARGS] instanceof Integer nargs) || nargs != n || b[Interpreter.SENDER] != vm.nil
                || Interpreter.TEMP0 + n > b.length) {
            return false;
        }
        if (args == null) {
            System.arraycopy(vm.frame, vm.sp - n + 1, b, Interpreter.TEMP0, n);
        } else {
            System.arraycopy(args, 0, b, Interpreter.TEMP0, n);
        }
        vm.drop(argCount + 1);
        b[Interpreter.STACKP] = n;
        b[Interpreter.PC] = b[Interpreter.BLOCK_STARTPC];
        vm.expose(vm.activeContext);
        b[Interpreter.SENDER] = vm.activeContext;
        vm.activateContext(block);
        return true;
    }

    private boolean valueWithArguments(int argCount) {
        if (argCount != 1 || !(vm.top() instanceof GuestObject args) || args.cls() != vm.arrayClass) {
            return false;
        }
        if (vm.closures) {
            return closureValue(argCount, vm.stackValue(1), args);
        }
        return blockValue(1, args);
    }

    private boolean closureValueWithArguments(int argCount) {
        if (argCount != 1 || !(vm.top() instanceof GuestObject args) || args.cls() != vm.arrayClass) {
            return false;
        }
        return closureValue(1, vm.stackValue(1), args);
    }

    /** BlockClosure value... (primitives 201-206): a new context for the closure's body. */
    private boolean closureValue(int argCount, Object r, GuestObject argumentArray) {
        if (!(r instanceof GuestObject closure) || closure.cls() != vm.blockClosureClass) {
            return false;
        }
        Object[] c = closure.pointers();
        Object[] args = argumentArray == null ? null : argumentArray.pointers();
        int n = args == null ? argCount : args.length;
        if (!(c[Interpreter.CLOSURE_NUM_ARGS] instanceof Integer numArgs) || numArgs != n) {
            return false;
        }
        GuestObject outer = (GuestObject) c[Interpreter.CLOSURE_OUTER];
        GuestObject method = (GuestObject) outer.pointers()[Interpreter.METHOD];
        int header = (Integer) method.pointers()[0];
        int copied = c.length - Interpreter.CLOSURE_COPIED;
        boolean large = ((header >> 17) & 1) != 0;
        if (Interpreter.TEMP0 + n + copied > Interpreter.TEMP0 + (large ? Interpreter.LARGE_FRAME : Interpreter.SMALL_FRAME)) {
            return false;
        }
        GuestObject context = vm.newFrame(large);
        Object[] f = context.pointers();
        // every slot up to the stack pointer is set below; the block pushes its own temps
        f[Interpreter.SENDER] = vm.activeContext;
        f[Interpreter.PC] = c[Interpreter.CLOSURE_STARTPC];
        f[Interpreter.STACKP] = n + copied;
        f[Interpreter.METHOD] = method;
        f[Interpreter.CLOSURE_OR_NIL] = closure;
        f[Interpreter.RECEIVER] = outer.pointers()[Interpreter.RECEIVER];
        if (args == null) {
            System.arraycopy(vm.frame, vm.sp - n + 1, f, Interpreter.TEMP0, n);
        } else {
            System.arraycopy(args, 0, f, Interpreter.TEMP0, n);
        }
        System.arraycopy(c, Interpreter.CLOSURE_COPIED, f, Interpreter.TEMP0 + n, copied);
        vm.drop(argCount + 1);
        vm.activateContext(context);
        return true;
    }

    // ---- contexts ----

    private boolean contextAt(int argCount) {
        if (argCount != 1 || !(vm.stackValue(1) instanceof GuestObject ctx) || !(vm.top() instanceof Integer i)) {
            return false;
        }
        int stackp = contextStackp(ctx);
        if (i < 1 || i > stackp) {
            return false;
        }
        return answer(1, ctx.pointers()[Interpreter.TEMP0 + i - 1]);
    }

    private boolean contextAtPut(int argCount) {
        if (argCount != 2 || !(vm.stackValue(2) instanceof GuestObject ctx) || !(vm.stackValue(1) instanceof Integer i)) {
            return false;
        }
        int stackp = contextStackp(ctx);
        if (i < 1 || i > stackp) {
            return false;
        }
        Object value = vm.top();
        ctx.pointers()[Interpreter.TEMP0 + i - 1] = value;
        return answer(2, value);
    }

    private boolean contextSize(int argCount) {
        return argCount == 0 && vm.top() instanceof GuestObject ctx && replace1(contextStackp(ctx));
    }

    private int contextStackp(GuestObject ctx) {
        if (ctx == vm.activeContext) {
            vm.storeContext();
        }
        return ctx.pointers()[Interpreter.STACKP] instanceof Integer s ? s : 0;
    }

    // ---- processes and semaphores ----

    private boolean signal(int argCount) {
        if (argCount != 0 || !(vm.top() instanceof GuestObject sema) || !isLinkedList(sema)) {
            return false;
        }
        vm.scheduler.signal(sema);
        return true;
    }

    private boolean semaphoreWait(int argCount) {
        if (argCount != 0 || !(vm.top() instanceof GuestObject sema) || !isLinkedList(sema) || sema.pointerCount() < 3) {
            return false;
        }
        vm.scheduler.wait(sema);
        return true;
    }

    private boolean isLinkedList(GuestObject o) {
        return o.isPointers() && o.pointerCount() >= 2;
    }

    /**
     * Primitive 87. A process whose suspendedContext is no context (Candle's {@code PCProcess
     * for: aBlock priority:} takes the block itself) is refused: the real VM would run the object
     * as a context and crash, the host fails the primitive and the guest gets an error.
     */
    private boolean resume(int argCount) {
        if (argCount != 0 || !(vm.top() instanceof GuestObject process) || !isProcess(process)
                || !(process.pointers()[Scheduler.SUSPENDED_CONTEXT] instanceof GuestObject c)
                || (c.cls() != vm.methodContextClass && c.cls() != vm.blockContextClass)) {
            return false;
        }
        vm.scheduler.resume(process);
        return true;
    }

    private boolean isProcess(GuestObject o) {
        return o.isPointers() && o.pointerCount() >= 4 && o.pointers()[Scheduler.PRIORITY] instanceof Integer;
    }

    private boolean suspend(int argCount) {
        if (argCount != 0 || !(vm.top() instanceof GuestObject process) || !isProcess(process)) {
            return false;
        }
        if (process == vm.scheduler.activeProcess()) {
            vm.popThenPush(1, vm.nil);
            vm.scheduler.suspendActive();
            return true;
        }
        Object list = process.pointers()[Scheduler.MY_LIST];
        if (!(list instanceof GuestObject l) || l == vm.nil || !vm.scheduler.remove(process, l)) {
            return false;
        }
        process.pointers()[Scheduler.MY_LIST] = vm.nil;
        return replace1(l);
    }

    private boolean yieldPrimitive(int argCount) {
        if (argCount != 0) {
            return false;
        }
        vm.scheduler.yield();
        return true;
    }

    private boolean signalAtMilliseconds(int argCount) {
        if (argCount != 2 || !(vm.top() instanceof Integer millis)) {
            return false;
        }
        Object sema = vm.stackValue(1);
        vm.memory.specialObjects().pointers()[SpecialObject.TIMER_SEMAPHORE.index()] = sema;
        vm.scheduler.signalAt(sema instanceof GuestObject s && s != vm.nil && s.cls() == semaphoreClass ? millis : 0);
        return succeedSelf(2);
    }

    /**
     * Primitive 94 (getNextEvent:) as a VM without a display answers it: an event of type 0
     * (none), every field 0. Failing instead would leave the guest's event loops reading nil
     * events forever.
     */
    private boolean noEvent(int argCount) {
        if (argCount != 1 || !(vm.top() instanceof GuestObject buffer) || buffer.cls() != vm.arrayClass
                || buffer.pointerCount() < EVENT_FIELDS) {
            return false;
        }
        Arrays.fill(buffer.pointers(), 0, EVENT_FIELDS, 0);
        return succeedSelf(1);
    }

    private boolean relinquish(int argCount) {
        if (argCount != 1 || !(vm.top() instanceof Integer micros)) {
            return false;
        }
        vm.drop(1);
        vm.scheduler.relinquish(micros, 0);
        return true;
    }

    // ---- host views for the evaluation ----

    String stringOf(GuestObject bytes) {
        return new String(bytes.bytes(), 0, bytes.byteCount(), StandardCharsets.ISO_8859_1);
    }

    LargeIntegers largeIntegers() {
        return largeIntegers;
    }

    GuestObject stringClass() {
        return stringClass;
    }
}
