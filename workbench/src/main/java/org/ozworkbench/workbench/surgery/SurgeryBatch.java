package org.ozworkbench.workbench.surgery;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Symbol;
import org.ozworkbench.workbench.report.ObjectPath;

/**
 * A surgery written as JSON: a label and a list of object-level steps, applied in order inside
 * one surgery by {@code ozw surgery}.
 *
 * <pre>{@code
 * {"label": "report Oz",
 *  "steps": [
 *    {"op": "store", "object": "Processor.activeProcess", "slot": "priority", "value": 5},
 *    {"op": "storeByte", "object": "0x150bcc84", "index": 0, "value": 79},
 *    {"op": "classVariable", "class": "SystemDictionary", "name": "VersionString", "value": {"string": "Oz"}},
 *    {"op": "compile", "class": "Point", "source": "norm1  ^ x abs + y abs", "category": "ozw"},
 *    {"op": "removeMethod", "class": "Point", "selector": "norm1"},
 *    {"op": "priority", "process": "Processor.activeProcess", "priority": 5},
 *    {"op": "suspend", "process": "..."}, {"op": "resume", "process": "..."}, {"op": "terminate", "process": "..."}]}
 * }</pre>
 *
 * Objects are named as {@code ozw object} names them ({@link ObjectPath}). A value is a JSON
 * integer (a SmallInteger), {@code null}, {@code true}, {@code false}, {@code {"string": "…"}} (a
 * new String), {@code {"symbol": "…"}} (interned) or {@code {"object": "path"}} (an existing object).
 */
public record SurgeryBatch(String label, List<Step> steps) {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public SurgeryBatch {
        if (steps == null || steps.contains(null)) {
            throw new IllegalArgumentException("a batch needs \"steps\": a list of steps, none null");
        }
        steps = List.copyOf(steps);
    }

    /**
     * Reads a batch from a JSON file.
     *
     * @throws IllegalArgumentException naming the file, line and column of what is wrong
     */
    public static SurgeryBatch read(Path file) throws IOException {
        return parse(file, Files.readAllBytes(file));
    }

    /**
     * Reads a batch from the bytes of a JSON file ({@code file} names it in messages).
     *
     * @throws IllegalArgumentException naming the file, line and column of what is wrong, in words
     */
    public static SurgeryBatch parse(Path file, byte[] json) {
        try {
            return MAPPER.readValue(json, SurgeryBatch.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new IllegalArgumentException(file + where + ": " + describe(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with a batch, in the batch's own terms rather than Jackson's. */
    private static String describe(JsonProcessingException e) {
        String step = stepOf(e);
        if (e instanceof InvalidTypeIdException t) {
            return step + (t.getTypeId() == null ? "no \"op\"" : "unknown op \"" + t.getTypeId() + "\"")
                    + ": expected one of " + OPS;
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return step + "unknown key \"" + u.getPropertyName() + "\": expected " + u.getKnownPropertyIds()
                    + (step.isEmpty() ? "" : "; the README lists each op's keys");
        }
        if (e instanceof MismatchedInputException m) {
            String key = keyOf(m);
            String kind = kindOf(m.getTargetType());
            return step + (key == null ? "expected " + kind : "\"" + key + "\" is missing or not " + kind)
                    + (step.isEmpty() ? "" : "; the README lists each op's keys");
        }
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            return "nested deeper than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels: expected a batch"
                    + " (an object, its steps, their values)";
        }
        String message = e.getOriginalMessage().lines().findFirst().orElse("");
        if (message.startsWith(DUPLICATE_FIELD)) {
            return step + "key " + message.substring(DUPLICATE_FIELD.length()).replace('\'', '"')
                    + " is given twice: each key may appear once in an object";
        }
        return "not valid JSON: " + message;
    }

    private static final String DUPLICATE_FIELD = "Duplicate field ";
    private static final String OPS = "store, storeByte, classVariable, compile, removeMethod, priority, suspend,"
            + " resume";

    /** {@code "step 2: "} when the problem is inside the second step, else empty. */
    private static String stepOf(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException d)) {
            return "";
        }
        List<JsonMappingException.Reference> path = d.getPath();
        for (int i = 0; i + 1 < path.size(); i++) {
            if ("steps".equals(path.get(i).getFieldName()) && path.get(i + 1).getIndex() >= 0) {
                return "step " + (path.get(i + 1).getIndex() + 1) + ": ";
            }
        }
        return "";
    }

    private static String keyOf(MismatchedInputException m) {
        List<JsonMappingException.Reference> path = m.getPath();
        return path.isEmpty() ? null : path.get(path.size() - 1).getFieldName();
    }

    private static String kindOf(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == SurgeryBatch.class) {
            return "an object {\"label\": ..., \"steps\": [...]}";
        }
        if (type == List.class) {
            return "a list";
        }
        return "a value";
    }

    /** Applies every step, in order, in {@code space} (inside the caller's surgery). */
    public void applyTo(ObjectSpace space) {
        for (int i = 0; i < steps.size(); i++) {
            try {
                steps.get(i).applyTo(space);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("step " + (i + 1) + " (" + steps.get(i).op() + "): " + e.getMessage(), e);
            }
        }
    }

    /** One step of a batch; {@code "op"} names its kind. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
    @JsonSubTypes({@JsonSubTypes.Type(Store.class), @JsonSubTypes.Type(StoreByte.class),
            @JsonSubTypes.Type(ClassVariable.class), @JsonSubTypes.Type(Compile.class),
            @JsonSubTypes.Type(RemoveMethod.class), @JsonSubTypes.Type(Priority.class),
            @JsonSubTypes.Type(Suspend.class), @JsonSubTypes.Type(Resume.class), @JsonSubTypes.Type(Terminate.class)})
    public sealed interface Step {
        void applyTo(ObjectSpace space);

        default String op() {
            return getClass().getAnnotation(JsonTypeName.class).value();
        }
    }

    /** Stores {@code value} into a pointer slot, named by instance variable name or 0-based index. */
    @JsonTypeName("store")
    public record Store(String object, JsonNode slot, JsonNode value) implements Step {
        @Override
        public void applyTo(ObjectSpace space) {
            ObjectMirror target = resolveObject(space, object);
            GuestValue v = resolveValue(space, value);
            if (slot != null && slot.isInt()) {
                target.slotPut(slot.intValue(), v);
            } else if (slot != null && slot.isTextual()) {
                target.instVarNamedPut(slot.textValue(), v);
            } else {
                throw new IllegalArgumentException("\"slot\" must be an instance variable name or a 0-based index");
            }
        }
    }

    /** Stores one byte (0..255) of a byte object. */
    @JsonTypeName("storeByte")
    public record StoreByte(String object, int index, int value) implements Step {
        @Override
        public void applyTo(ObjectSpace space) {
            if (!(resolveObject(space, object) instanceof ByteObjectMirror bytes)) {
                throw new IllegalArgumentException(object + " is not a byte object");
            }
            bytes.byteAtPut(index, value);
        }
    }

    /** Sets a class variable of {@code class} (which must have one of that name). */
    @JsonTypeName("classVariable")
    public record ClassVariable(@JsonProperty("class") String cls, String name, JsonNode value) implements Step {
        @Override
        public void applyTo(ObjectSpace space) {
            ClassMirror c = classNamed(space, cls);
            var pool = c.classPool().orElseThrow(() -> new IllegalArgumentException(cls + " has no class variables"));
            if (pool.at(name).isEmpty()) {
                throw new IllegalArgumentException(cls + " has no class variable " + name);
            }
            pool.atPut(name, resolveValue(space, value));
        }
    }

    /** Compiles {@code source} into {@code class}, filed under {@code category}. */
    @JsonTypeName("compile")
    public record Compile(@JsonProperty("class") String cls, String source, String category) implements Step {
        @Override
        public void applyTo(ObjectSpace space) {
            classNamed(space, cls).compile(Objects.requireNonNull(source, "source"),
                    category == null ? "as yet unclassified" : category);
        }
    }

    /** Removes the method {@code selector} of {@code class}; there must be one. */
    @JsonTypeName("removeMethod")
    public record RemoveMethod(@JsonProperty("class") String cls, String selector) implements Step {
        @Override
        public void applyTo(ObjectSpace space) {
            if (!classNamed(space, cls).removeMethod(selector)) {
                throw new IllegalArgumentException(cls + " has no method " + selector);
            }
        }
    }

    /** Changes a process's priority. */
    @JsonTypeName("priority")
    public record Priority(String process, int priority) implements Step {
        @Override
        public void applyTo(ObjectSpace space) {
            resolveProcess(space, process).priority(priority);
        }
    }

    /** Suspends a process. */
    @JsonTypeName("suspend")
    public record Suspend(String process) implements Step {
        @Override
        public void applyTo(ObjectSpace space) {
            resolveProcess(space, process).suspend();
        }
    }

    /** Resumes a suspended process. */
    @JsonTypeName("resume")
    public record Resume(String process) implements Step {
        @Override
        public void applyTo(ObjectSpace space) {
            resolveProcess(space, process).resume();
        }
    }

    /** Terminates a process: it leaves whatever list held it and never runs again. */
    @JsonTypeName("terminate")
    public record Terminate(String process) implements Step {
        @Override
        public void applyTo(ObjectSpace space) {
            resolveProcess(space, process).terminate();
        }
    }

    private static ObjectMirror resolveObject(ObjectSpace space, String path) {
        if (path == null) {
            throw new IllegalArgumentException("missing \"object\"");
        }
        if (!(ObjectPath.resolve(space, path) instanceof ObjectMirror o)) {
            throw new IllegalArgumentException(path + " is a SmallInteger, not an object");
        }
        return o;
    }

    private static ProcessMirror resolveProcess(ObjectSpace space, String path) {
        if (!(resolveObject(space, path) instanceof ProcessMirror p)) {
            throw new IllegalArgumentException(path + " is not a Process");
        }
        return p;
    }

    private static ClassMirror classNamed(ObjectSpace space, String name) {
        if (name == null) {
            throw new IllegalArgumentException("missing \"class\"");
        }
        return space.classNamed(name).orElseThrow(() -> new IllegalArgumentException("no class named " + name));
    }

    private static GuestValue resolveValue(ObjectSpace space, JsonNode v) {
        if (v == null || v.isNull()) {
            return space.nilObject();
        } else if (v.isBoolean()) {
            return v.booleanValue() ? space.trueObject() : space.falseObject();
        } else if (v.isInt()) {
            return space.toGuest(v.intValue());
        } else if (v.isObject() && v.size() == 1 && v.get("string") != null && v.get("string").isTextual()) {
            return space.newString(v.get("string").textValue());
        } else if (v.isObject() && v.size() == 1 && v.get("symbol") != null && v.get("symbol").isTextual()) {
            return space.toGuest(Symbol.of(v.get("symbol").textValue()));
        } else if (v.isObject() && v.size() == 1 && v.get("object") != null && v.get("object").isTextual()) {
            return ObjectPath.resolve(space, v.get("object").textValue());
        }
        throw new IllegalArgumentException("a value is an integer, null, true, false, {\"string\": …}, {\"symbol\": …}"
                + " or {\"object\": path}, not " + v);
    }
}
