package org.ozworkbench.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestRef;

/**
 * Writes the {@code ChangeMade} event of a slot, byte or word store — most of a journal — straight
 * into bytes, exactly as {@link EventCodec} writes it through Jackson (the tests hold the two to
 * the same bytes). Field order, number forms and the absence of spaces follow Jackson's output.
 * A surgery id needing JSON escapes is left to Jackson.
 *
 * <p>The bytes go into a buffer the writer reuses ({@link #buffer()}): nothing is allocated per
 * event. The part up to the sequence number, which only the surgery id changes, is kept from one
 * event to the next. Not thread-safe: one writer per thread.
 */
final class StoreWriter {
    static final byte[] HEAD = bytes("{\"schema\":" + EventCodec.SCHEMA + ",\"type\":\"ChangeMade\",\"surgeryId\":\"");
    static final byte[] SEQUENCE = bytes("\",\"sequence\":");
    static final byte[] KIND = bytes(",\"change\":{\"kind\":\"");
    static final byte[] SLOT = bytes("SlotStored\",\"target\":");
    static final byte[] BYTE = bytes("ByteStored\",\"target\":");
    static final byte[] WORD = bytes("WordStored\",\"target\":");
    static final byte[] INDEX = bytes(",\"index\":");
    static final byte[] OLD = bytes(",\"oldValue\":");
    static final byte[] NEW = bytes(",\"newValue\":");
    static final byte[] SNAPSHOT = bytes("{\"snapshot\":");
    static final byte[] CREATED = bytes("{\"created\":");
    static final byte[] SMALL_INTEGER = bytes("{\"smallInteger\":");
    static final byte[] END = bytes("},\"names\":{}}");
    private static final int LONGEST_NUMBER = 20;

    private byte[] buf = new byte[256];
    private int n;
    /** The surgery id whose event head ({@link #HEAD}, the id, {@link #SEQUENCE}) is in {@code buf[0, headLength)}. */
    private String headId;
    private int headLength;

    /** Whether {@link #write(JournalEvent.ChangeMade)} can write this event; otherwise Jackson must. */
    static boolean handles(JournalEvent.ChangeMade event) {
        return isStore(event.change()) && event.names().isEmpty() && isPlain(event.surgeryId());
    }

    /** Whether the change is a slot, byte or word store: the kinds this writer writes. */
    static boolean isStore(Change c) {
        return c instanceof Change.SlotStored || c instanceof Change.ByteStored || c instanceof Change.WordStored;
    }

    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch >= 0x7F || ch == '"' || ch == '\\') {
                return false;
            }
        }
        return true;
    }

    /** The event's JSON bytes, a copy; {@link #handles} must have said yes. */
    byte[] write(JournalEvent.ChangeMade event) {
        int length = write(event.surgeryId(), event.sequence(), event.change());
        return Arrays.copyOf(buf, length);
    }

    /**
     * Writes the event of store {@code change} (without names) into {@link #buffer()}, and answers
     * its length; or -1, writing nothing, when the surgery id needs escapes (Jackson must write it).
     * The bytes stay valid until the next call.
     */
    int write(String surgeryId, int sequence, Change change) {
        if (!surgeryId.equals(headId)) {
            if (!isPlain(surgeryId)) {
                return -1;
            }
            n = 0;
            raw(HEAD);
            ascii(surgeryId);
            raw(SEQUENCE);
            headId = surgeryId;
            headLength = n;
        }
        n = headLength;
        number(sequence);
        if (change instanceof Change.SlotStored s) {
            head(SLOT, s.target(), s.index());
            raw(OLD);
            ref(s.oldValue());
            raw(NEW);
            ref(s.newValue());
        } else if (change instanceof Change.ByteStored b) {
            head(BYTE, b.target(), b.index());
            raw(OLD);
            number(b.oldValue());
            raw(NEW);
            number(b.newValue());
        } else {
            Change.WordStored w = (Change.WordStored) change;
            head(WORD, w.target(), w.index());
            raw(OLD);
            number(Integer.toUnsignedLong(w.oldValue()));
            raw(NEW);
            number(Integer.toUnsignedLong(w.newValue()));
        }
        raw(END);
        return n;
    }

    /** The bytes of the last {@link #write(String, int, Change)}, from 0. */
    byte[] buffer() {
        return buf;
    }

    private void head(byte[] kind, GuestRef.Obj target, int index) {
        raw(KIND);
        raw(kind);
        ref(target);
        raw(INDEX);
        number(index);
    }

    private void ref(GuestRef ref) {
        if (ref instanceof GuestRef.Snapshot s) {
            raw(SNAPSHOT);
            number(Integer.toUnsignedLong(s.oop()));
        } else if (ref instanceof GuestRef.Created c) {
            raw(CREATED);
            number(c.index());
        } else {
            raw(SMALL_INTEGER);
            number(((GuestRef.SmallInt) ref).value());
        }
        ensure(1);
        buf[n++] = '}';
    }

    /** {@code v} in {@link Long#toString} form; the values written here are far from {@link Long#MIN_VALUE}. */
    private void number(long v) {
        ensure(LONGEST_NUMBER);
        if (v < 0) {
            buf[n++] = '-';
            v = -v;
        }
        if (v <= Integer.MAX_VALUE) {
            digits((int) v); // int division by ten is a multiplication; most numbers written are small
            return;
        }
        int length = 1;
        for (long rest = v / 10; rest != 0; rest /= 10) {
            length++;
        }
        int at = n + length;
        n = at;
        do {
            buf[--at] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
    }

    private void digits(int v) {
        int length = 1;
        for (int bound = 10; length < 10 && v >= bound; bound *= 10) {
            length++;
        }
        int at = n + length;
        n = at;
        do {
            int rest = v / 10;
            buf[--at] = (byte) ('0' + v - rest * 10);
            v = rest;
        } while (v != 0);
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[n++] = (byte) s.charAt(i);
        }
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, n, bytes.length);
        n += bytes.length;
    }

    private void ensure(int more) {
        if (n + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
