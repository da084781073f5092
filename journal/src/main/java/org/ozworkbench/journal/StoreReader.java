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
 * <p>Keeps the last surgery id read, so the events of one surgery share one string. Not
 * thread-safe: one reader per thread.
 */
final class StoreReader {
    private static final byte[] SEQUENCE = bytes("\",\"sequence\":");
    private static final byte[] KIND = bytes(",\"change\":{\"kind\":\"");
    private static final byte[] SLOT = bytes("SlotStored\",\"target\":");
    private static final byte[] BYTE = bytes("ByteStored\",\"target\":");
    private static final byte[] WORD = bytes("WordStored\",\"target\":");
    private static final byte[] INDEX = bytes(",\"index\":");
    private static final byte[] OLD = bytes(",\"oldValue\":");
    private static final byte[] NEW = bytes(",\"newValue\":");
    private static final byte[] SNAPSHOT = bytes("{\"snapshot\":");
    private static final byte[] CREATED = bytes("{\"created\":");
    private static final byte[] SMALL_INTEGER = bytes("{\"smallInteger\":");
    private static final byte[] END = bytes("},\"names\":{}}");
    private static final long UNSIGNED_WORD = 0xFFFF_FFFFL;
    /** Not a number in the writer's form: {@link #number} answers this instead. */
    private static final long NO = Long.MIN_VALUE;

    private byte[] in;
    private int end;
    private int p;
    private byte[] lastIdBytes = new byte[0];
    private String lastId = "";

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
        if (id == null || !skip(SEQUENCE)) {
            return null;
        }
        long sequence = number(0, Integer.MAX_VALUE);
        if (sequence == NO || !skip(KIND)) {
            return null;
        }
        Change change;
        if (skip(SLOT)) {
            change = slot();
        } else if (skip(BYTE)) {
            change = bytesOrWords(false);
        } else if (skip(WORD)) {
            change = bytesOrWords(true);
        } else {
            return null;
        }
        if (change == null || !skip(END) || p != end) {
            return null;
        }
        return new JournalEvent.ChangeMade(id, (int) sequence, change);
    }

    private Change slot() {
        GuestRef target = ref();
        long index = field(INDEX, 0, Integer.MAX_VALUE);
        GuestRef old = index == NO || !skip(OLD) ? null : ref();
        GuestRef value = old == null || !skip(NEW) ? null : ref();
        if (!(target instanceof GuestRef.Obj t) || value == null) {
            return null;
        }
        return new Change.SlotStored(t, (int) index, old, value);
    }

    private Change bytesOrWords(boolean words) {
        GuestRef target = ref();
        long max = words ? UNSIGNED_WORD : 0xFF;
        long index = field(INDEX, 0, Integer.MAX_VALUE);
        long old = index == NO ? NO : field(OLD, 0, max);
        long value = old == NO ? NO : field(NEW, 0, max);
        if (!(target instanceof GuestRef.Obj t) || value == NO) {
            return null;
        }
        return words ? new Change.WordStored(t, (int) index, (int) old, (int) value)
                : new Change.ByteStored(t, (int) index, (int) old, (int) value);
    }

    private long field(byte[] name, long min, long max) {
        return skip(name) ? number(min, max) : NO;
    }

    /** A guest value as {@link StoreWriter} writes it, or null. */
    private GuestRef ref() {
        GuestRef out;
        if (skip(SNAPSHOT)) {
            long oop = number(0, UNSIGNED_WORD);
            out = oop == NO ? null : new GuestRef.Snapshot((int) oop);
        } else if (skip(CREATED)) {
            long n = number(1, Integer.MAX_VALUE);
            out = n == NO ? null : new GuestRef.Created((int) n);
        } else if (skip(SMALL_INTEGER)) {
            long v = number(ObjectMemory.SMALL_INTEGER_MIN, ObjectMemory.SMALL_INTEGER_MAX);
            out = v == NO ? null : new GuestRef.SmallInt((int) v);
        } else {
            return null;
        }
        return out != null && p < end && in[p++] == '}' ? out : null;
    }

    /** The surgery id up to its closing quote: printable ASCII without escapes, as the writer takes it; else null. */
    private String surgeryId() {
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
        boolean negative = p < end && in[p] == '-';
        if (negative) {
            p++;
        }
        int start = p;
        long v = 0;
        while (p < end && in[p] >= '0' && in[p] <= '9' && p - start < 11) {
            v = v * 10 + (in[p++] - '0');
        }
        int digits = p - start;
        if (digits == 0 || digits > 10 || (in[start] == '0' && (digits > 1 || negative))) {
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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
