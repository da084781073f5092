package org.ozworkbench.journal;

import java.nio.charset.StandardCharsets;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.ObjectMemory;

/**
 * Reads back the {@code ChangeMade} events {@link StoreWriter} writes (slot, byte and word
 * stores), straight from the bytes: exactly those bytes and nothing else. Anything else, or
 * anything the writer would not have written (another field order, a space, an escape, a number
 * out of range or not in its shortest form), is not read here: {@link EventCodec#decode} then
 * reads it through Jackson, which also says what is wrong with bad input. So this reader answers
 * what Jackson answers, faster, or nothing.
 *
 * <p>Keeps the last surgery id and store target read, so the events of one surgery share one
 * string, and the stores into one object one reference to it. Not thread-safe: one reader per
 * thread.
 */
final class StoreReader {
    private static final long UNSIGNED_WORD = 0xFFFF_FFFFL;
    /** Not a number in the writer's form: {@link #number} answers this instead. */
    private static final long NO = Long.MIN_VALUE;

    private byte[] in;
    private int end;
    private int p;
    private byte[] lastIdBytes = new byte[0];
    private String lastId = "";
    private GuestRef.Obj lastTarget;

    /** The store event in {@code json[0, length)}, or null when those bytes are not exactly what {@link StoreWriter} writes. */
    JournalEvent.ChangeMade read(byte[] json, int length) {
        in = json;
        end = length;
        p = 0;
        try {
            return parse();
        } finally {
            in = null;
        }
    }

    private JournalEvent.ChangeMade parse() {
        if (!skip(StoreWriter.HEAD)) {
            return null;
        }
        String id = surgeryId();
        if (id == null || !skip(StoreWriter.SEQUENCE)) {
            return null;
        }
        long sequence = number(0, Integer.MAX_VALUE);
        if (sequence == NO || !skip(StoreWriter.KIND)) {
            return null;
        }
        Change change;
        if (skip(StoreWriter.SLOT)) {
            change = slot();
        } else if (skip(StoreWriter.BYTE)) {
            change = bytesOrWords(false);
        } else if (skip(StoreWriter.WORD)) {
            change = bytesOrWords(true);
        } else {
            return null;
        }
        if (change == null || !skip(StoreWriter.END) || p != end) {
            return null;
        }
        return new JournalEvent.ChangeMade(id, (int) sequence, change);
    }

    private Change slot() {
        GuestRef target = target();
        long index = field(StoreWriter.INDEX, 0, Integer.MAX_VALUE);
        GuestRef old = index == NO || !skip(StoreWriter.OLD) ? null : ref();
        GuestRef value = old == null || !skip(StoreWriter.NEW) ? null : ref();
        if (!(target instanceof GuestRef.Obj t) || value == null) {
            return null;
        }
        return new Change.SlotStored(t, (int) index, old, value);
    }

    private Change bytesOrWords(boolean words) {
        GuestRef target = target();
        long max = words ? UNSIGNED_WORD : 0xFF;
        long index = field(StoreWriter.INDEX, 0, Integer.MAX_VALUE);
        long old = index == NO ? NO : field(StoreWriter.OLD, 0, max);
        long value = old == NO ? NO : field(StoreWriter.NEW, 0, max);
        if (!(target instanceof GuestRef.Obj t) || value == NO) {
            return null;
        }
        return words ? new Change.WordStored(t, (int) index, (int) old, (int) value)
                : new Change.ByteStored(t, (int) index, (int) old, (int) value);
    }

    private long field(byte[] name, long min, long max) {
        return skip(name) ? number(min, max) : NO;
    }

    /**
     * The target of a store ({@link #ref()}): the very object read for the last target when it
     * names the same one, so that the many stores into one object keep one reference to it.
     */
    private GuestRef target() {
        GuestRef t = ref();
        if (t instanceof GuestRef.Obj o) {
            if (o.equals(lastTarget)) {
                return lastTarget;
            }
            lastTarget = o;
        }
        return t;
    }

    /** A guest value as {@link StoreWriter} writes it, or null. */
    private GuestRef ref() {
        GuestRef out;
        if (skip(StoreWriter.SNAPSHOT)) {
            long oop = number(0, UNSIGNED_WORD);
            out = oop == NO ? null : new GuestRef.Snapshot((int) oop);
        } else if (skip(StoreWriter.CREATED)) {
            long n = number(1, Integer.MAX_VALUE);
            out = n == NO ? null : new GuestRef.Created((int) n);
        } else if (skip(StoreWriter.SMALL_INTEGER)) {
            long v = number(ObjectMemory.SMALL_INTEGER_MIN, ObjectMemory.SMALL_INTEGER_MAX);
            out = v == NO ? null : new GuestRef.SmallInt((int) v);
        } else {
            return null;
        }
        return out != null && p < end && in[p++] == '}' ? out : null;
    }

    /** The surgery id up to its closing quote: printable ASCII without escapes, as the writer takes it; else null. */
    private String surgeryId() {
        int known = lastIdBytes.length;
        if (end - p > known && in[p + known] == '"' && java.util.Arrays.equals(in, p, p + known, lastIdBytes, 0, known)) {
            p += known; // the id of the event before, as most often
            return lastId;
        }
        int start = p;
        while (p < end && in[p] != '"') {
            byte b = in[p++];
            if (b < 0x20 || b >= 0x7F || b == '\\') {
                return null;
            }
        }
        if (p >= end) {
            return null;
        }
        int length = p - start;
        if (length != lastIdBytes.length || !java.util.Arrays.equals(in, start, p, lastIdBytes, 0, length)) {
            lastIdBytes = java.util.Arrays.copyOfRange(in, start, p);
            lastId = new String(lastIdBytes, StandardCharsets.US_ASCII);
        }
        return lastId;
    }

    /** A decimal number in {@link Long#toString} form within {@code [min, max]}, or {@link #NO}. */
    private long number(long min, long max) {
        byte[] bytes = in;
        int at = p;
        int stop = Math.min(end, at + 12); // a sign and 11 digits are more than any number written here
        boolean negative = at < stop && bytes[at] == '-';
        if (negative) {
            at++;
        }
        int start = at;
        long v = 0;
        while (at < stop) {
            int digit = bytes[at] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            v = v * 10 + digit;
            at++;
        }
        p = at;
        int digits = at - start;
        if (digits == 0 || digits > 10 || (bytes[start] == '0' && (digits > 1 || negative))) {
            return NO;
        }
        v = negative ? -v : v;
        return v < min || v > max ? NO : v;
    }

    private boolean skip(byte[] expected) {
        if (end - p < expected.length || !java.util.Arrays.equals(in, p, p + expected.length, expected, 0, expected.length)) {
            return false;
        }
        p += expected.length;
        return true;
    }
}
