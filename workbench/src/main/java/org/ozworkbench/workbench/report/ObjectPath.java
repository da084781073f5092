package org.ozworkbench.workbench.report;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Names an object of a space the way {@code ozw object} takes it: a root, then dotted steps.
 * The root is an oop of the loaded file ({@code 0x150bcc84} or decimal), a global name
 * ({@code Processor}), or a class name; a step is an instance variable name or a 0-based slot
 * index. Examples: {@code Processor.activeProcess.suspendedContext}, {@code Smalltalk.1},
 * {@code 0x150bcc84.3}.
 */
public final class ObjectPath {
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]{1,8}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,10}");
    private static final String SMALLTALK = "Smalltalk";

    private ObjectPath() {
    }

    /**
     * The value the expression names.
     *
     * @throws IllegalArgumentException saying which part does not resolve, and why
     */
    public static GuestValue resolve(ObjectSpace space, String expression) {
        String[] parts = expression.strip().split("\\.", -1);
        GuestValue current = root(space, parts[0]);
        StringBuilder prefix = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            current = step(current, prefix.toString(), parts[i]);
            prefix.append('.').append(parts[i]);
        }
        return current;
    }

    private static GuestValue root(ObjectSpace space, String root) {
        if (root.isEmpty()) {
            throw new IllegalArgumentException("expected an oop, a global or a class name before the first '.'");
        }
        if (HEX.matcher(root).matches() || DECIMAL.matcher(root).matches()) {
            long oop = HEX.matcher(root).matches() ? Long.parseLong(root.substring(2), 16) : Long.parseLong(root);
            if (oop > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("oop " + root + " does not fit 32 bits");
            }
            GuestObject o = space.memory().atSnapshotOop((int) oop);
            if (o == null) {
                throw new IllegalArgumentException("no object starts at oop " + Refs.hex((int) oop)
                        + " of the loaded file");
            }
            return space.mirror(o);
        }
        Optional<GuestValue> global = space.globalNamed(root);
        if (global.isPresent()) {
            return global.get();
        }
        if (root.equals(SMALLTALK) && space.smalltalk().isPresent()) {
            return space.smalltalk().get();
        }
        Optional<ClassMirror> cls = space.classNamed(root);
        if (cls.isPresent()) {
            return cls.get();
        }
        throw new IllegalArgumentException("'" + root + "' is neither an oop, a global nor a class name"
                + (space.smalltalk().isEmpty() ? " (this image has no Smalltalk, so no globals)" : ""));
    }

    private static GuestValue step(GuestValue current, String prefix, String step) {
        if (!(current instanceof ObjectMirror object)) {
            throw new IllegalArgumentException("'" + prefix + "' is SmallInteger " + current + ": it has no slots");
        }
        if (step.isEmpty()) {
            throw new IllegalArgumentException("empty step after '" + prefix + "'");
        }
        if (DECIMAL.matcher(step).matches()) {
            long index = Long.parseLong(step);
            if (index >= object.slotCount()) {
                throw new IllegalArgumentException("'" + prefix + "' (" + Describe.value(object) + ") has "
                        + object.slotCount() + " pointer slots (0-based): no slot " + step);
            }
            return object.slot((int) index);
        }
        List<String> names = object.classMirror().allInstanceVariableNames();
        int index = names.indexOf(step);
        if (index < 0 || index >= object.slotCount()) {
            throw new IllegalArgumentException("'" + prefix + "' (" + Describe.value(object)
                    + ") has no instance variable '" + step + "'; it has " + names);
        }
        return object.slot(index);
    }
}
