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
 */
final class StoreWriter {
    static final byte[] HEAD = ("{\"schema\":" + EventCodec.SCHEMA + ",\"type\":\"ChangeMade\",\"surgeryId\":\"")
            .getBytes(StandardCharsets.US_ASCII);

    private byte[] buf = new byte[256];
    private int n;

    /** Whether {@link #write} can write this event; otherwise Jackson must. */
    static boolean handles(JournalEvent.ChangeMade event) {
        Change c = event.change();
        return (c instanceof Change.SlotStored || c instanceof Change.ByteStored || c instanceof Change.WordStored)
                && event.names().isEmpty() && isPlain(event.surgeryId());
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

    /** The event's JSON bytes; {@link #handles} must have said yes. Not thread-safe: one writer per thread. */
    byte[] write(JournalEvent.ChangeMade event) {
        n = 0;
        raw(HEAD);
        ascii(event.surgeryId());
        ascii("\",\"sequence\":");
        number(event.sequence());
        Change c = event.change();
        if (c instanceof Change.SlotStored s) {
            head("SlotStored", s.target(), s.index());
            ascii(",\"oldValue\":");
            ref(s.oldValue());
            ascii(",\"newValue\":");
            ref(s.newValue());
        } else if (c instanceof Change.ByteStored b) {
            head("ByteStored", b.target(), b.index());
            ascii(",\"oldValue\":");
            number(b.oldValue());
            ascii(",\"newValue\":");
            number(b.newValue());
        } else {
            Change.WordStored w = (Change.WordStored) c;
            head("WordStored", w.target(), w.index());
            ascii(",\"oldValue\":");
            number(Integer.toUnsignedLong(w.oldValue()));
            ascii(",\"newValue\":");
            number(Integer.toUnsignedLong(w.newValue()));
        }
        ascii("},\"names\":{}}");
        return Arrays.copyOf(buf, n);
    }

    private void head(String kind, GuestRef.Obj target, int index) {
        ascii(",\"change\":{\"kind\":\"");
        ascii(kind);
        ascii("\",\"target\":");
        ref(target);
        ascii(",\"index\":");
        number(index);
    }

    private void ref(GuestRef ref) {
        if (ref instanceof GuestRef.Snapshot s) {
            ascii("{\"snapshot\":");
            number(Integer.toUnsignedLong(s.oop()));
        } else if (ref instanceof GuestRef.Created c) {
            ascii("{\"created\":");
            number(c.index());
        } else {
            ascii("{\"smallInteger\":");
            number(((GuestRef.SmallInt) ref).value());
        }
        ascii("}");
    }

    private void number(long v) {
        ascii(Long.toString(v));
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
}
