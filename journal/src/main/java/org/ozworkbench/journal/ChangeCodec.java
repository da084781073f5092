package org.ozworkbench.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.Operation;

/**
 * The one place where a core {@link Change} meets its JSON form, and back. Each change kind has
 * a form record named like it ({@code "kind":"SlotStored"} ...); guest values are
 * {@link Ref}s: {@code {"snapshot":oop}} (the oop in the loaded file, unsigned),
 * {@code {"created":n}} or {@code {"smallInteger":v}}. Byte and word values are unsigned
 * numbers; the payload of a created object is base64: its bytes as they are, its words as
 * 4-byte big-endian groups.
 *
 * <p>Stateless and thread-safe.
 */
public final class ChangeCodec {
    private static final long UNSIGNED_WORD_MASK = 0xFFFF_FFFFL;
    private static final int MAX_BYTE = 0xFF;

    private ChangeCodec() {
    }

    /** The JSON form of a change. */
    public static Form toJson(Change change) {
        if (change instanceof Change.SlotStored s) {
            return new SlotStored(Ref.of(s.target()), s.index(), Ref.of(s.oldValue()), Ref.of(s.newValue()));
        } else if (change instanceof Change.ByteStored b) {
            return new ByteStored(Ref.of(b.target()), b.index(), b.oldValue(), b.newValue());
        } else if (change instanceof Change.WordStored w) {
            return new WordStored(Ref.of(w.target()), w.index(), Integer.toUnsignedLong(w.oldValue()),
                    Integer.toUnsignedLong(w.newValue()));
        } else if (change instanceof Change.ClassChanged c) {
            return new ClassChanged(Ref.of(c.target()), Ref.of(c.oldClass()), Ref.of(c.newClass()), c.oldHeaderWords(),
                    c.oldCompactIndex());
        } else if (change instanceof Change.ObjectCreated o && o.hashGiven()) {
            return new ObjectCreatedWithHash(Ref.of(o.target()), Ref.of(o.cls()), o.format(), o.hash(),
                    o.pointers().stream().map(Ref::of).toList(), wordsToBytes(o.words()), o.bytes());
        } else if (change instanceof Change.ObjectCreated o) {
            return new ObjectCreated(Ref.of(o.target()), Ref.of(o.cls()), o.format(), o.hash(),
                    o.pointers().stream().map(Ref::of).toList(), wordsToBytes(o.words()), o.bytes());
        } else if (change instanceof Change.CreationUndone u) {
            return new CreationUndone(Ref.of(u.target()), u.restoredHashSeed());
        } else if (change instanceof Change.Noted n) {
            return noted(n);
        }
        throw new IllegalArgumentException("no JSON form for " + change);
    }

    /** The change a JSON form stands for. */
    public static Change fromJson(Form form) {
        return form.toChange();
    }

    /** Writes a change in its JSON form (used by {@link JournalEvent.ChangeMade}). */
    public static final class Serializer extends StdSerializer<Change> {
        public Serializer() {
            super(Change.class);
        }

        /** Found once: looking it up introspects Form's annotations, the journal's hot path otherwise. */
        private volatile com.fasterxml.jackson.databind.jsontype.TypeSerializer formType;

        @Override
        public void serialize(Change value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            Form form = toJson(value);
            com.fasterxml.jackson.databind.jsontype.TypeSerializer type = formType;
            if (type == null) {
                type = provider.findTypeSerializer(provider.constructType(Form.class));
                formType = type;
            }
            provider.findValueSerializer(form.getClass()).serializeWithType(form, gen, provider, type);
        }
    }

    /** Reads a change from its JSON form (used by {@link JournalEvent.ChangeMade}). */
    public static final class Deserializer extends StdDeserializer<Change> {
        public Deserializer() {
            super(Change.class);
        }

        /**
         * Found once: {@code ctxt.readValue(p, Form.class)} builds Form's type deserializer anew on
         * every call (annotation introspection, a new id resolver), most of a decode's cost.
         */
        private volatile com.fasterxml.jackson.databind.JsonDeserializer<Object> formReader;

        @Override
        public Change deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            com.fasterxml.jackson.databind.JsonDeserializer<Object> reader = formReader;
            if (reader == null) {
                reader = ctxt.findRootValueDeserializer(ctxt.constructType(Form.class));
                formReader = reader;
            }
            Form form = (Form) reader.deserialize(p, ctxt);
            if (form == null) {
                throw new IllegalArgumentException("missing change");
            }
            return fromJson(form);
        }
    }

    // ---- the forms ----

    /** A change as written in the journal; {@code "kind"} names the change kind. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = SlotStored.class, name = "SlotStored"),
            @JsonSubTypes.Type(value = ByteStored.class, name = "ByteStored"),
            @JsonSubTypes.Type(value = WordStored.class, name = "WordStored"),
            @JsonSubTypes.Type(value = ClassChanged.class, name = "ClassChanged"),
            @JsonSubTypes.Type(value = ObjectCreated.class, name = "ObjectCreated"),
            @JsonSubTypes.Type(value = ObjectCreatedWithHash.class, name = "ObjectCreatedWithHash"),
            @JsonSubTypes.Type(value = CreationUndone.class, name = "CreationUndone"),
            @JsonSubTypes.Type(value = MethodInstalled.class, name = "MethodInstalled"),
            @JsonSubTypes.Type(value = MethodRemoved.class, name = "MethodRemoved"),
            @JsonSubTypes.Type(value = ClassDefined.class, name = "ClassDefined"),
            @JsonSubTypes.Type(value = ProcessCreated.class, name = "ProcessCreated"),
            @JsonSubTypes.Type(value = ProcessSuspended.class, name = "ProcessSuspended"),
            @JsonSubTypes.Type(value = ProcessResumed.class, name = "ProcessResumed"),
            @JsonSubTypes.Type(value = ProcessTerminated.class, name = "ProcessTerminated"),
            @JsonSubTypes.Type(value = ProcessPriorityChanged.class, name = "ProcessPriorityChanged"),
            @JsonSubTypes.Type(value = ProcessActivated.class, name = "ProcessActivated")})
    public sealed interface Form {
        Change toChange();
    }

    @JsonTypeName("SlotStored")
    public record SlotStored(Ref target, int index, Ref oldValue, Ref newValue) implements Form {
        @Override
        public Change toChange() {
            requireIndex(index);
            return new Change.SlotStored(required(target, "target").object(), index, required(oldValue, "oldValue").value(),
                    required(newValue, "newValue").value());
        }
    }

    @JsonTypeName("ByteStored")
    public record ByteStored(Ref target, int index, int oldValue, int newValue) implements Form {
        @Override
        public Change toChange() {
            requireIndex(index);
            return new Change.ByteStored(required(target, "target").object(), index, requireByte(oldValue),
                    requireByte(newValue));
        }
    }

    @JsonTypeName("WordStored")
    public record WordStored(Ref target, int index, long oldValue, long newValue) implements Form {
        @Override
        public Change toChange() {
            requireIndex(index);
            return new Change.WordStored(required(target, "target").object(), index, requireWord(oldValue),
                    requireWord(newValue));
        }
    }

    @JsonTypeName("ClassChanged")
    public record ClassChanged(Ref target, Ref oldClass, Ref newClass, int oldHeaderWords, int oldCompactIndex)
            implements Form {
        @Override
        public Change toChange() {
            return new Change.ClassChanged(required(target, "target").object(), required(oldClass, "oldClass").object(),
                    required(newClass, "newClass").object(), oldHeaderWords, oldCompactIndex);
        }
    }

    /** {@code words}: base64 of the words, 4 bytes each, big-endian; {@code bytes}: base64 of the bytes. */
    @JsonTypeName("ObjectCreated")
    public record ObjectCreated(Ref target, Ref cls, int format, int hash, List<Ref> pointers, byte[] words,
                                byte[] bytes) implements Form {
        @Override
        public Change toChange() {
            Objects.requireNonNull(pointers, "pointers");
            Objects.requireNonNull(words, "words");
            Objects.requireNonNull(bytes, "bytes");
            return new Change.ObjectCreated(required(target, "target").created(), required(cls, "cls").object(), format,
                    hash, pointers.stream().map(p -> required(p, "pointer").value()).toList(), bytesToWords(words), bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ObjectCreated c && target.equals(c.target) && cls.equals(c.cls) && format == c.format
                    && hash == c.hash && pointers.equals(c.pointers) && java.util.Arrays.equals(words, c.words)
                    && java.util.Arrays.equals(bytes, c.bytes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(target, cls, format, hash, pointers, java.util.Arrays.hashCode(words),
                    java.util.Arrays.hashCode(bytes));
        }

        @Override
        public String toString() {
            return "ObjectCreated[" + target + " of " + cls + ", format " + format + ", " + pointers.size() + " pointers, "
                    + words.length / Integer.BYTES + " words, " + bytes.length + " bytes]";
        }
    }

    /**
     * An {@link ObjectCreated} whose identity hash was given, not drawn from the generator (see
     * {@link Change.ObjectCreated#hashGiven()}): a kind of its own, so that journals written before
     * it read as they did.
     */
    @JsonTypeName("ObjectCreatedWithHash")
    public record ObjectCreatedWithHash(Ref target, Ref cls, int format, int hash, List<Ref> pointers, byte[] words,
                                        byte[] bytes) implements Form {
        @Override
        public Change toChange() {
            Change.ObjectCreated o = (Change.ObjectCreated) new ObjectCreated(target, cls, format, hash, pointers, words,
                    bytes).toChange();
            return new Change.ObjectCreated(o.target(), o.cls(), o.format(), o.hash(), o.pointers(), o.words(),
                    o.bytes(), true);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ObjectCreatedWithHash c && asPlain().equals(c.asPlain());
        }

        @Override
        public int hashCode() {
            return asPlain().hashCode();
        }

        private ObjectCreated asPlain() {
            return new ObjectCreated(target, cls, format, hash, pointers, words, bytes);
        }

        @Override
        public String toString() {
            return "ObjectCreatedWithHash" + asPlain().toString().substring("ObjectCreated".length());
        }
    }

    @JsonTypeName("CreationUndone")
    public record CreationUndone(Ref target, int restoredHashSeed) implements Form {
        @Override
        public Change toChange() {
            return new Change.CreationUndone(required(target, "target").created(), restoredHashSeed);
        }
    }

    // ---- noted operations: the kind is the operation's name, "spans" the number of changes before it
    //      that carried it out; "oldMethod", "source" and "category" may be null ----

    private static Form noted(Change.Noted n) {
        Operation op = n.operation();
        int spans = n.spans();
        if (op instanceof Operation.MethodInstalled m) {
            return new MethodInstalled(Ref.of(m.behavior()), m.className(), m.selector(), Ref.of(m.method()),
                    m.oldMethod() == null ? null : Ref.of(m.oldMethod()), m.source(), m.category(), spans);
        } else if (op instanceof Operation.MethodRemoved m) {
            return new MethodRemoved(Ref.of(m.behavior()), m.className(), m.selector(), Ref.of(m.oldMethod()), spans);
        } else if (op instanceof Operation.ClassDefined c) {
            return new ClassDefined(Ref.of(c.cls()), c.name(), c.superclassName(), c.kind(), c.instanceVariables(),
                    c.classVariables(), c.category(), spans);
        } else if (op instanceof Operation.ProcessCreated p) {
            return new ProcessCreated(Ref.of(p.process()), p.priority(), spans);
        } else if (op instanceof Operation.ProcessSuspended p) {
            return new ProcessSuspended(Ref.of(p.process()), spans);
        } else if (op instanceof Operation.ProcessResumed p) {
            return new ProcessResumed(Ref.of(p.process()), spans);
        } else if (op instanceof Operation.ProcessTerminated p) {
            return new ProcessTerminated(Ref.of(p.process()), spans);
        } else if (op instanceof Operation.ProcessPriorityChanged p) {
            return new ProcessPriorityChanged(Ref.of(p.process()), p.oldPriority(), p.newPriority(), spans);
        }
        Operation.ProcessActivated p = (Operation.ProcessActivated) op;
        return new ProcessActivated(Ref.of(p.process()), Ref.of(p.previous()), spans);
    }

    private static Change noted(Operation op, int spans) {
        return new Change.Noted(op, spans);
    }

    @JsonTypeName("MethodInstalled")
    public record MethodInstalled(Ref behavior, String className, String selector, Ref method, Ref oldMethod,
                                  String source, String category, int spans) implements Form {
        @Override
        public Change toChange() {
            return noted(new Operation.MethodInstalled(required(behavior, "behavior").object(),
                    required(className, "className"), required(selector, "selector"), required(method, "method").object(),
                    oldMethod == null ? null : oldMethod.object(), source, category), spans);
        }
    }

    @JsonTypeName("MethodRemoved")
    public record MethodRemoved(Ref behavior, String className, String selector, Ref oldMethod, int spans)
            implements Form {
        @Override
        public Change toChange() {
            return noted(new Operation.MethodRemoved(required(behavior, "behavior").object(),
                    required(className, "className"), required(selector, "selector"),
                    required(oldMethod, "oldMethod").object()), spans);
        }
    }

    /** {@code message}: the class-definition message ({@code "subclass:"} ...); "kind" names the form. */
    @JsonTypeName("ClassDefined")
    public record ClassDefined(Ref cls, String name, String superclassName, String message,
                               List<String> instanceVariables, List<String> classVariables, String category, int spans)
            implements Form {
        @Override
        public Change toChange() {
            return noted(new Operation.ClassDefined(required(cls, "cls").object(), required(name, "name"),
                    required(superclassName, "superclassName"), required(message, "message"),
                    required(instanceVariables, "instanceVariables"), required(classVariables, "classVariables"),
                    category), spans);
        }
    }

    @JsonTypeName("ProcessCreated")
    public record ProcessCreated(Ref process, int priority, int spans) implements Form {
        @Override
        public Change toChange() {
            return noted(new Operation.ProcessCreated(required(process, "process").object(), priority), spans);
        }
    }

    @JsonTypeName("ProcessSuspended")
    public record ProcessSuspended(Ref process, int spans) implements Form {
        @Override
        public Change toChange() {
            return noted(new Operation.ProcessSuspended(required(process, "process").object()), spans);
        }
    }

    @JsonTypeName("ProcessResumed")
    public record ProcessResumed(Ref process, int spans) implements Form {
        @Override
        public Change toChange() {
            return noted(new Operation.ProcessResumed(required(process, "process").object()), spans);
        }
    }

    @JsonTypeName("ProcessTerminated")
    public record ProcessTerminated(Ref process, int spans) implements Form {
        @Override
        public Change toChange() {
            return noted(new Operation.ProcessTerminated(required(process, "process").object()), spans);
        }
    }

    @JsonTypeName("ProcessPriorityChanged")
    public record ProcessPriorityChanged(Ref process, int oldPriority, int newPriority, int spans) implements Form {
        @Override
        public Change toChange() {
            return noted(new Operation.ProcessPriorityChanged(required(process, "process").object(), oldPriority,
                    newPriority), spans);
        }
    }

    @JsonTypeName("ProcessActivated")
    public record ProcessActivated(Ref process, Ref previous, int spans) implements Form {
        @Override
        public Change toChange() {
            return noted(new Operation.ProcessActivated(required(process, "process").object(),
                    required(previous, "previous").object()), spans);
        }
    }

    /**
     * A guest value as the journal writes it: an object with exactly one of {@code snapshot}
     * (the oop in the loaded file, 0..2^32-1), {@code created} (1-based) or {@code smallInteger}.
     */
    @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = Ref.Reader.class)
    @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = Ref.Writer.class)
    public record Ref(Kind kind, long number) {
        /** Which of the three a ref is; the name is the JSON key. */
        public enum Kind {
            SNAPSHOT("snapshot"), CREATED("created"), SMALL_INTEGER("smallInteger");

            private final String key;

            Kind(String key) {
                this.key = key;
            }

            public String key() {
                return key;
            }

            static Kind ofKey(String key) {
                for (Kind k : values()) {
                    if (k.key.equals(key)) {
                        return k;
                    }
                }
                throw new IllegalArgumentException("unknown guest reference kind '" + key
                        + "' (expected snapshot, created or smallInteger)");
            }
        }

        public Ref {
            long value = number;
            Objects.requireNonNull(kind, "kind");
            switch (kind) {
                case SNAPSHOT -> {
                    if (value < 0 || value > UNSIGNED_WORD_MASK) {
                        throw new IllegalArgumentException("snapshot oop " + value + " is not a 32-bit address");
                    }
                }
                case CREATED -> {
                    if (value < 1 || value > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("creation number " + value + " is not 1.." + Integer.MAX_VALUE);
                    }
                }
                case SMALL_INTEGER -> {
                    if (value < org.ozworkbench.core.memory.ObjectMemory.SMALL_INTEGER_MIN
                            || value > org.ozworkbench.core.memory.ObjectMemory.SMALL_INTEGER_MAX) {
                        throw new IllegalArgumentException("SmallInteger " + value + " is out of range");
                    }
                }
                default -> throw new IllegalArgumentException("unknown kind " + kind);
            }
        }

        public static Ref of(GuestRef ref) {
            if (ref instanceof GuestRef.Snapshot s) {
                return new Ref(Kind.SNAPSHOT, Integer.toUnsignedLong(s.oop()));
            } else if (ref instanceof GuestRef.Created c) {
                return new Ref(Kind.CREATED, c.index());
            }
            return new Ref(Kind.SMALL_INTEGER, ((GuestRef.SmallInt) ref).value());
        }

        /** Reads {@code {"<kind>": number}} straight from the tokens: refs are most of a journal. */
        static final class Reader extends StdDeserializer<Ref> {
            Reader() {
                super(Ref.class);
            }

            @Override
            public Ref deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (!p.isExpectedStartObjectToken()) {
                    throw new IllegalArgumentException("a guest reference is an object like {\"snapshot\":oop}, not "
                            + p.currentToken());
                }
                String key = p.nextFieldName();
                if (key == null) {
                    throw new IllegalArgumentException("a guest reference has exactly one of snapshot, created,"
                            + " smallInteger; found none");
                }
                if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT) {
                    throw new IllegalArgumentException("guest reference '" + key + "' needs an integer, not "
                            + p.currentToken());
                }
                long number = p.getLongValue();
                if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_OBJECT) {
                    throw new IllegalArgumentException("a guest reference has exactly one of snapshot, created,"
                            + " smallInteger; found more after '" + key + "'");
                }
                return new Ref(Kind.ofKey(key), number);
            }
        }

        /** Writes {@code {"<kind>": number}}. */
        static final class Writer extends StdSerializer<Ref> {
            Writer() {
                super(Ref.class);
            }

            @Override
            public void serialize(Ref value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeStartObject();
                gen.writeNumberField(value.kind.key, value.number);
                gen.writeEndObject();
            }
        }

        /** The core value: a SmallInteger, a snapshot object or a created object. */
        public GuestRef value() {
            return switch (kind) {
                case SNAPSHOT -> new GuestRef.Snapshot((int) number);
                case CREATED -> new GuestRef.Created((int) number);
                case SMALL_INTEGER -> new GuestRef.SmallInt((int) number);
            };
        }

        GuestRef.Obj object() {
            if (kind == Kind.SMALL_INTEGER) {
                throw new IllegalArgumentException("an object is needed here, not SmallInteger " + number);
            }
            return (GuestRef.Obj) value();
        }

        GuestRef.Created created() {
            if (kind != Kind.CREATED) {
                throw new IllegalArgumentException("a created object is needed here, not " + kind.key + " " + number);
            }
            return (GuestRef.Created) value();
        }
    }

    // ---- helpers ----

    private static <T> T required(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("missing " + what);
        }
        return value;
    }

    private static void requireIndex(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative index " + index);
        }
    }

    private static int requireByte(int value) {
        if (value < 0 || value > MAX_BYTE) {
            throw new IllegalArgumentException("byte value " + value + " out of range 0..255");
        }
        return value;
    }

    private static int requireWord(long value) {
        if (value < 0 || value > UNSIGNED_WORD_MASK) {
            throw new IllegalArgumentException("word value " + value + " out of range 0..2^32-1");
        }
        return (int) value;
    }

    static byte[] wordsToBytes(int[] words) {
        ByteBuffer b = ByteBuffer.allocate(words.length * Integer.BYTES).order(ByteOrder.BIG_ENDIAN);
        b.asIntBuffer().put(words);
        return b.array();
    }

    static int[] bytesToWords(byte[] bytes) {
        if (bytes.length % Integer.BYTES != 0) {
            throw new IllegalArgumentException("words payload of " + bytes.length + " bytes is not whole 4-byte words");
        }
        int[] words = new int[bytes.length / Integer.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asIntBuffer().get(words);
        return words;
    }
}
