package org.ozworkbench.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ozworkbench.core.memory.Change;

/**
 * Journal events to JSON bytes and back. An event is one JSON object:
 * {@code {"schema":1,"type":"SurgeryBegun",...its fields...}}. Times are ISO-8601 instants.
 *
 * <p>Decoding refuses, with a {@link JournalException} saying why, anything that is not such an
 * object: undecodable bytes, a missing or unknown {@code type}, a {@code schema} newer than
 * {@link #SCHEMA}, a field missing or out of range. Stateless and thread-safe.
 */
public final class EventCodec {
    /** The schema version this code writes, and the newest it reads. */
    public static final int SCHEMA = 1;
    static final String TYPE_PROPERTY = "type";
    static final String SCHEMA_PROPERTY = "schema";

    /** The field of {@code SurgeryCommitted} that older journals lack. */
    private static final String COMMIT_TIME = "time";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writerFor(JournalEvent.class);
    private static final ObjectReader READER = MAPPER.readerFor(JournalEvent.class);
    private static final Map<String, Class<?>> TYPES = Stream.of(JournalEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(EventCodec::typeName, Function.identity()));
    private static final byte[] SCHEMA_PREFIX = ("{\"" + SCHEMA_PROPERTY + "\":" + SCHEMA + ",")
            .getBytes(StandardCharsets.UTF_8);

    private EventCodec() {
    }

    /** The type names this code knows, as written in the JSON. */
    public static java.util.Set<String> typeNames() {
        return java.util.Collections.unmodifiableSet(TYPES.keySet());
    }

    private static final ThreadLocal<StoreWriter> STORES = ThreadLocal.withInitial(StoreWriter::new);

    /** The event as UTF-8 JSON, {@code schema} first, then {@code type}. */
    public static byte[] encode(JournalEvent event) {
        if (event instanceof JournalEvent.ChangeMade c && StoreWriter.handles(c)) {
            return STORES.get().write(c);
        }
        return encodeWithJackson(event);
    }

    /** {@link #encode} through Jackson alone, without the store fast path (for tests holding the two equal). */
    static byte[] encodeWithJackson(JournalEvent event) {
        try {
            byte[] body = WRITER.writeValueAsBytes(event);
            // body is {"type":...}: splice the schema version in front of its first field.
            byte[] out = new byte[SCHEMA_PREFIX.length + body.length - 1];
            System.arraycopy(SCHEMA_PREFIX, 0, out, 0, SCHEMA_PREFIX.length);
            System.arraycopy(body, 1, out, SCHEMA_PREFIX.length, body.length - 1);
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + event + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The event as a JSON string (see {@link #encode}). */
    public static String toJson(JournalEvent event) {
        return new String(encode(event), StandardCharsets.UTF_8);
    }

    /**
     * The event these bytes hold.
     *
     * @throws JournalException (without a location: the journal adds it) when they hold none
     */
    public static JournalEvent decode(byte[] json) {
        return decode(json, json.length);
    }

    private static final ThreadLocal<StoreReader> STORE_READERS = ThreadLocal.withInitial(StoreReader::new);

    /**
     * The event in {@code buffer[0, length)}: {@link #decode(byte[])} of those bytes. A store
     * event as {@link StoreWriter} writes it is read straight from the bytes ({@link StoreReader});
     * anything else goes through Jackson.
     */
    static JournalEvent decode(byte[] buffer, int length) {
        JournalEvent store = STORE_READERS.get().read(buffer, length);
        if (store != null) {
            return store;
        }
        return decodeWithJackson(length == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, length));
    }

    /** {@link #decode} through Jackson alone, without the store fast path (for tests holding the two equal). */
    static JournalEvent decodeWithJackson(byte[] json) {
        if (startsWith(json, SCHEMA_PREFIX)) {
            try {
                return READER.readValue(json);
            } catch (IOException | RuntimeException e) {
                // fall through: the careful reading below says precisely what is wrong
            }
        }
        return decodeCarefully(json);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads the JSON as a tree first, so that each kind of bad input gets its own message. */
    private static JournalEvent decodeCarefully(byte[] json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw JournalException.corrupt("not JSON (" + firstLine(e.getMessage()) + "): " + preview(json), e);
        }
        if (tree == null || !tree.isObject()) {
            throw JournalException.corrupt("not a JSON object: " + preview(json), null);
        }
        ObjectNode object = (ObjectNode) tree;
        JsonNode schema = object.remove(SCHEMA_PROPERTY);
        if (schema == null || !schema.canConvertToExactIntegral() || !schema.canConvertToInt()) {
            throw JournalException.corrupt("no integer \"" + SCHEMA_PROPERTY + "\" version: " + preview(json), null);
        }
        JsonNode type = object.get(TYPE_PROPERTY);
        if (type == null || !type.isTextual()) {
            throw JournalException.corrupt("no \"" + TYPE_PROPERTY + "\" name: " + preview(json), null);
        }
        if (schema.intValue() > SCHEMA) {
            throw JournalException.newerSchema(schema.intValue(), SCHEMA, type.textValue());
        }
        if (schema.intValue() < 1) {
            throw JournalException.corrupt("schema version " + schema.intValue() + " does not exist", null);
        }
        if (!TYPES.containsKey(type.textValue())) {
            throw JournalException.unknownType(type.textValue(), TYPES.keySet());
        }
        if (type.textValue().equals(JournalEvent.SurgeryCommitted.TYPE) && !object.has(COMMIT_TIME)) {
            object.putNull(COMMIT_TIME); // written by a version that did not record it
        }
        try {
            return READER.readValue(object);
        } catch (IOException | RuntimeException e) {
            throw JournalException.corrupt("cannot read a " + type.textValue() + " event (" + describe(e) + "): "
                    + preview(json), e);
        }
    }

    /**
     * The digest a {@link JournalEvent.SurgeryCommitted} carries: SHA-256, lowercase hex, over
     * the JSON bytes of the surgery's {@link JournalEvent.ChangeMade} events as written, in order.
     */
    public static String digest(String surgeryId, List<Change> changes) {
        Digest d = new Digest();
        for (int i = 0; i < changes.size(); i++) {
            d.add(encode(new JournalEvent.ChangeMade(surgeryId, i, changes.get(i))));
        }
        return d.hex();
    }

    /** An incremental {@link #digest}, fed the encoded ChangeMade events one by one. Not thread-safe. */
    static final class Digest {
        private final MessageDigest sha = sha256();

        void add(byte[] changeMadeJson) {
            sha.update(changeMadeJson);
        }

        void add(byte[] buffer, int length) {
            sha.update(buffer, 0, length);
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The JSON type name of an event class: its {@code @JsonTypeName}. */
    static String typeName(Class<?> c) {
        return c.getAnnotation(com.fasterxml.jackson.annotation.JsonTypeName.class).value();
    }

    private static String describe(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof IllegalArgumentException)) {
            t = t.getCause();
        }
        String message = t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        return firstLine(message == null ? t.getClass().getSimpleName() : message);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static final int PREVIEW_CHARS = 120;

    static String preview(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, PREVIEW_CHARS * 4), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(PREVIEW_CHARS).forEach(c -> {
            if (c < 0x20 || c == 0xFFFD) {
                out.append(String.format("\\x%02x", c & 0xFF));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out + (bytes.length > PREVIEW_CHARS ? "... (" + bytes.length + " bytes)" : "");
    }
}
