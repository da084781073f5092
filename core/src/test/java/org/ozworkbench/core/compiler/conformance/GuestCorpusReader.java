package org.ozworkbench.core.compiler.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the file {@code corpus-doit.st} makes the guest write.
 *
 * <p>The file is a sequence of fields, each {@code name SP byteCount ":" bytes LF}: a name of ASCII
 * letters, the content's length in bytes (decimal), then exactly that many bytes (ISO-8859-1, so any
 * character a guest String holds, line ends included) and a line feed. Then, in order:
 * <pre>
 * ozwGuestCorpus 1:2            format version
 * version N:...                 Smalltalk version
 * per method:
 *   method N:Array class        the class as the guest names it
 *   selector N:new:
 *   [hostPatched 1:1]           the host replaced this method before the boot
 *   originalHeader N:decimal    then originalLiteral N:printString (one per literal), originalBytecodes N:hex
 *                               (initialPC..endPC; empty for a body that is only the zero trailer)
 *   source N:... | decompileError N:...
 *   after a source: compiledHeader, compiledLiteral*, compiledBytecodes, roundTrip N:same|... | compileError N:...
 *   [recordError N:...]         anywhere after selector: the guest failed writing this record
 *   end 0:
 * decompileMillis N:decimal, compileMillis N:decimal, guestMillis N:decimal
 * methods N:decimal             the number of method records: the file is complete
 * </pre>
 * Every deviation is a {@link GuestCorpusFormatException} naming the byte offset.
 */
final class GuestCorpusReader {
    static final String FORMAT_VERSION = "2";
    private static final int MAX_NAME_LENGTH = 40;
    private static final int MAX_LENGTH_DIGITS = 9;
    private static final byte LF = '\n';
    private static final long SMALL_INTEGER_MIN = -(1L << 30);
    private static final long SMALL_INTEGER_MAX = (1L << 30) - 1;

    /** What a complete corpus file holds. */
    record Contents(String guestVersion, List<GuestMethod> methods, List<GuestRecordError> recordErrors,
                    GuestTimings timings) {
    }

    private record Field(String name, String content, long offset) {
    }

    private final Path file;
    private final byte[] bytes;
    private final Set<String> keys = new HashSet<>();
    private int position;
    private Field peeked;

    private GuestCorpusReader(Path file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    static Contents read(Path file) {
        try {
            return parse(file, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus file " + file, e);
        }
    }

    /** Parses a corpus; {@code file} only names it in messages. */
    static Contents parse(Path file, byte[] bytes) {
        return new GuestCorpusReader(file, bytes).corpus();
    }

    /**
     * The last method record the file starts, as "Class>>selector", reading leniently: for saying
     * where a guest that stopped writing had got to.
     */
    static Optional<String> lastMethodStarted(Path file, byte[] bytes) {
        GuestCorpusReader reader = new GuestCorpusReader(file, bytes);
        String className = null;
        String last = null;
        try {
            for (Field f = reader.next(); f != null; f = reader.next()) {
                if (f.name.equals("method")) {
                    className = f.content;
                } else if (f.name.equals("selector") && className != null) {
                    last = GuestMethod.key(className, f.content);
                }
            }
        } catch (GuestCorpusFormatException e) {
            // a file cut in the middle of a field: what was read so far is the answer
        }
        return Optional.ofNullable(last);
    }

    private Contents corpus() {
        Field format = take("ozwGuestCorpus", "the format field 'ozwGuestCorpus'");
        if (!format.content.equals(FORMAT_VERSION)) {
            throw GuestCorpusFormatException.at(file, format.offset, "corpus format " + format.content
                    + " is not the one this reader knows (" + FORMAT_VERSION + ")");
        }
        String version = take("version", "the field 'version'").content;
        List<GuestMethod> methods = new ArrayList<>();
        List<GuestRecordError> errors = new ArrayList<>();
        while (peekName("a method record or the field 'decompileMillis'").equals("method")) {
            readMethod(methods, errors);
        }
        Duration decompile = Duration.ofMillis(number(take("decompileMillis", "'method' or 'decompileMillis'")));
        Duration compile = Duration.ofMillis(number(take("compileMillis", "the field 'compileMillis'")));
        Duration guest = Duration.ofMillis(number(take("guestMillis", "the field 'guestMillis'")));
        Field count = take("methods", "the closing field 'methods'");
        if (number(count) != methods.size() + errors.size()) {
            throw GuestCorpusFormatException.at(file, count.offset, "the guest counted " + count.content
                    + " method records, the file holds " + (methods.size() + errors.size()));
        }
        if (position != bytes.length) {
            throw GuestCorpusFormatException.at(file, position, "bytes after the closing field 'methods'");
        }
        return new Contents(version, List.copyOf(methods), List.copyOf(errors), new GuestTimings(decompile, compile,
                guest));
    }

    private void readMethod(List<GuestMethod> methods, List<GuestRecordError> errors) {
        Field method = take("method", "'method'");
        String selector = take("selector", "the field 'selector'").content;
        if (!keys.add(GuestMethod.key(method.content, selector))) {
            throw GuestCorpusFormatException.at(file, method.offset, "a second record for "
                    + GuestMethod.key(method.content, selector));
        }
        String endOfRecord = "'end' closing the record of " + GuestMethod.key(method.content, selector);
        List<Field> fields = new ArrayList<>();
        for (Field f = nextOr(endOfRecord); !f.name.equals("end"); f = nextOr(endOfRecord)) {
            if (f.name.equals("method")) {
                throw GuestCorpusFormatException.unexpectedField(file, f.offset, f.name, endOfRecord);
            }
            if (f.name.equals("recordError")) {
                errors.add(new GuestRecordError(method.content, selector, f.content, method.offset));
                skipTo("end", endOfRecord);
                return;
            }
            fields.add(f);
        }
        methods.add(new RecordReader(method, selector, fields).method());
    }

    private void skipTo(String name, String expected) {
        for (Field f = nextOr(expected); !f.name.equals(name); f = nextOr(expected)) {
            // skip the rest of a failed record
        }
    }

    /** Interprets the fields of one record, between 'selector' and 'end'. */
    private final class RecordReader {
        private final Field method;
        private final String selector;
        private final List<Field> fields;
        private int index;

        RecordReader(Field method, String selector, List<Field> fields) {
            this.method = method;
            this.selector = selector;
            this.fields = fields;
        }

        GuestMethod method() {
            boolean patched = optional("hostPatched").isPresent();
            GuestCode original = code("original");
            Optional<String> source = optional("source");
            Optional<String> decompileError = source.isPresent() ? Optional.empty() : Optional.of(
                    require("decompileError", "'source' or 'decompileError'").content);
            Optional<GuestCode> compiled = Optional.empty();
            Optional<String> compileError = Optional.empty();
            Optional<String> roundTrip = Optional.empty();
            if (source.isPresent()) {
                compileError = optional("compileError");
                if (compileError.isEmpty()) {
                    compiled = Optional.of(code("compiled"));
                    roundTrip = Optional.of(require("roundTrip", "'roundTrip'").content);
                }
            }
            if (index < fields.size()) {
                Field extra = fields.get(index);
                throw GuestCorpusFormatException.unexpectedField(file, extra.offset, extra.name, "'end'");
            }
            boolean meta = method.content.endsWith(GuestMethod.META_SUFFIX);
            String className = meta ? method.content.substring(0,
                    method.content.length() - GuestMethod.META_SUFFIX.length()) : method.content;
            return new GuestMethod(className, meta, selector, original, patched, source, decompileError, compiled,
                    compileError, roundTrip);
        }

        private GuestCode code(String prefix) {
            Field header = require(prefix + "Header", "'" + prefix + "Header'");
            long headerValue = number(header);
            if (headerValue < SMALL_INTEGER_MIN || headerValue > SMALL_INTEGER_MAX) {
                throw GuestCorpusFormatException.at(file, header.offset, "header " + headerValue
                        + " is not a SmallInteger");
            }
            List<String> literals = new ArrayList<>();
            for (Optional<String> l = optional(prefix + "Literal"); l.isPresent(); l = optional(prefix + "Literal")) {
                literals.add(l.get());
            }
            byte[] bytecodes = hex(require(prefix + "Bytecodes", "'" + prefix + "Bytecodes'"));
            try {
                return new GuestCode((int) headerValue, literals, bytecodes);
            } catch (IllegalArgumentException e) {
                throw GuestCorpusFormatException.at(file, header.offset, e.getMessage());
            }
        }

        private Optional<String> optional(String name) {
            if (index < fields.size() && fields.get(index).name.equals(name)) {
                return Optional.of(fields.get(index++).content);
            }
            return Optional.empty();
        }

        private Field require(String name, String expected) {
            if (index == fields.size()) {
                throw GuestCorpusFormatException.at(file, method.offset, "the record of "
                        + GuestMethod.key(method.content, selector) + " ends before " + expected);
            }
            Field f = fields.get(index);
            if (!f.name.equals(name)) {
                throw GuestCorpusFormatException.unexpectedField(file, f.offset, f.name, expected);
            }
            index++;
            return f;
        }
    }

    // ---- fields ----

    private Field take(String name, String expected) {
        Field f = nextOr(expected);
        if (!f.name.equals(name)) {
            throw GuestCorpusFormatException.unexpectedField(file, f.offset, f.name, expected);
        }
        return f;
    }

    private String peekName(String expected) {
        if (peeked == null) {
            peeked = field();
        }
        if (peeked == null) {
            throw GuestCorpusFormatException.truncated(file, position, expected);
        }
        return peeked.name;
    }

    private Field nextOr(String expected) {
        Field f = next();
        if (f == null) {
            throw GuestCorpusFormatException.truncated(file, position, expected);
        }
        return f;
    }

    /** The next field, or null at the end of the file. */
    private Field next() {
        if (peeked != null) {
            Field f = peeked;
            peeked = null;
            return f;
        }
        return field();
    }

    private Field field() {
        if (position == bytes.length) {
            return null;
        }
        int start = position;
        while (position < bytes.length && isAsciiLetter(bytes[position]) && position - start < MAX_NAME_LENGTH) {
            position++;
        }
        if (position == start) {
            throw GuestCorpusFormatException.at(file, start, "expected a field name (ASCII letters), found "
                    + describeByte(start));
        }
        String name = new String(bytes, start, position - start, StandardCharsets.US_ASCII);
        expect((byte) ' ', "a space after the field name '" + name + "'");
        int digitsStart = position;
        while (position < bytes.length && bytes[position] >= '0' && bytes[position] <= '9') {
            position++;
        }
        int digits = position - digitsStart;
        if (digits == 0 || digits > MAX_LENGTH_DIGITS) {
            throw GuestCorpusFormatException.at(file, digitsStart, "expected the byte count of field '" + name
                    + "' (1 to " + MAX_LENGTH_DIGITS + " digits), found " + describeByte(digitsStart));
        }
        int length = Integer.parseInt(new String(bytes, digitsStart, digits, StandardCharsets.US_ASCII));
        expect((byte) ':', "':' after the byte count of field '" + name + "'");
        if (length > bytes.length - position) {
            throw GuestCorpusFormatException.at(file, position, "field '" + name + "' declares " + length
                    + " bytes, only " + (bytes.length - position) + " remain");
        }
        String content = new String(bytes, position, length, StandardCharsets.ISO_8859_1);
        position += length;
        expect(LF, "a line feed after the " + length + " bytes of field '" + name + "'");
        return new Field(name, content, start);
    }

    private void expect(byte b, String what) {
        if (position >= bytes.length || bytes[position] != b) {
            throw GuestCorpusFormatException.at(file, position, "expected " + what + ", found " + describeByte(position));
        }
        position++;
    }

    private String describeByte(int at) {
        if (at >= bytes.length) {
            return "the end of the file";
        }
        int b = bytes[at] & 0xFF;
        return b > ' ' && b < 127 ? "'" + (char) b + "'" : String.format("byte 0x%02x", b);
    }

    private static boolean isAsciiLetter(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z';
    }

    private long number(Field f) {
        try {
            return Long.parseLong(f.content);
        } catch (NumberFormatException e) {
            throw GuestCorpusFormatException.at(file, f.offset, "field '" + f.name + "' is not an integer: '"
                    + f.content + "'");
        }
    }

    private byte[] hex(Field f) {
        try {
            return HexFormat.of().parseHex(f.content);
        } catch (IllegalArgumentException e) {
            throw GuestCorpusFormatException.at(file, f.offset, "field '" + f.name + "' is not hex: "
                    + e.getMessage());
        }
    }
}
