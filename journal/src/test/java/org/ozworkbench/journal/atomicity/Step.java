package org.ozworkbench.journal.atomicity;

import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.mirror.WordObjectMirror;

/**
 * One step of a generated surgery, done through the mirrors. A step names objects, classes and
 * processes by picks (see {@link Patient}), so it means the same on every fresh load of an image.
 */
sealed interface Step {

    void apply(Patient p);

    /**
     * Why the mirrors must refuse this step in the patient's present state, if they must: the
     * step is then expected to throw and change nothing, and the surgery goes on without it.
     */
    default Optional<String> refusal(Patient p) {
        return Optional.empty();
    }

    /** A value to store: nil, true, false, a SmallInteger, or an existing object (created ones included). */
    record Value(Kind kind, int n) {
        enum Kind { NIL, TRUE, FALSE, SMALL_INTEGER, OBJECT }

        Object slotValue(Patient p) {
            return switch (kind) {
                case NIL -> p.memory().nil();
                case TRUE -> p.memory().trueObject();
                case FALSE -> p.memory().falseObject();
                case SMALL_INTEGER -> n;
                case OBJECT -> p.anyObject(n);
            };
        }

        GuestValue guestValue(Patient p) {
            return p.space.valueOf(slotValue(p));
        }

        @Override
        public String toString() {
            return switch (kind) {
                case SMALL_INTEGER -> Integer.toString(n);
                case OBJECT -> "object#" + n;
                default -> kind.name().toLowerCase();
            };
        }
    }

    record StoreSlot(int object, int slot, Value value) implements Step {
        @Override
        public void apply(Patient p) {
            GuestObject target = p.pointerObject(object);
            new ObjectMirror(p.space, target).slotPut(Math.floorMod(slot, target.pointerCount()), value.guestValue(p));
        }

        @Override
        public String toString() {
            return "pointers#" + object + " slot " + slot + " := " + value;
        }
    }

    record StoreByte(int object, int index, int value) implements Step {
        @Override
        public void apply(Patient p) {
            ByteObjectMirror target = new ByteObjectMirror(p.space, p.byteObject(object));
            target.byteAtPut(Math.floorMod(index, target.byteCount()), value);
        }

        @Override
        public String toString() {
            return "bytes#" + object + " byte " + index + " := " + value;
        }
    }

    record StoreWord(int object, int index, int value) implements Step {
        @Override
        public void apply(Patient p) {
            WordObjectMirror target = new WordObjectMirror(p.space, p.wordObject(object));
            target.wordAtPut(Math.floorMod(index, target.wordCount()), Integer.toUnsignedLong(value));
        }

        @Override
        public String toString() {
            return "words#" + object + " word " + index + " := 0x" + Integer.toHexString(value);
        }
    }

    /** Compiles and installs a method made from a template; the selector is new, or one the class has. */
    record InstallMethod(int cls, boolean meta, int existingSelector, String freshSelector, MethodTemplate template,
                         int number, String word, String category) implements Step {
        @Override
        public void apply(Patient p) {
            ClassMirror c = p.cls(cls, meta);
            String selector = selector(c);
            c.compile(MethodTemplate.header(selector) + "\n\t" + template.body(number, word), category);
            p.installed.add(new Patient.Installed(c, selector));
        }

        private String selector(ClassMirror c) {
            List<String> selectors = c.selectors();
            return existingSelector < 0 || selectors.isEmpty() ? freshSelector
                    : selectors.get(Math.floorMod(existingSelector, selectors.size()));
        }

        @Override
        public String toString() {
            return "install in class#" + cls + (meta ? " class" : "") + " "
                    + (existingSelector < 0 ? freshSelector : "existing selector#" + existingSelector) + " " + template
                    + "(" + number + ", '" + word + "') in '" + category + "'";
        }
    }

    /** Removes a method the class has, or one installed earlier in the surgery (when there is one). */
    record RemoveMethod(int cls, boolean meta, int which, boolean installedEarlier) implements Step {
        @Override
        public void apply(Patient p) {
            if (installedEarlier && !p.installed.isEmpty()) {
                Patient.Installed m = p.installed.get(Math.floorMod(which, p.installed.size()));
                m.cls().removeMethod(m.selector());
                return;
            }
            ClassMirror c = p.cls(cls, meta);
            List<String> selectors = c.selectors();
            if (!selectors.isEmpty()) {
                c.removeMethod(selectors.get(Math.floorMod(which, selectors.size())));
            }
        }

        @Override
        public String toString() {
            return installedEarlier ? "remove installed method#" + which
                    : "remove selector#" + which + " of class#" + cls + (meta ? " class" : "");
        }
    }

    record NewString(String text) implements Step {
        @Override
        public void apply(Patient p) {
            p.space.newString(text);
        }

        @Override
        public String toString() {
            return "new String '" + text + "'";
        }
    }

    record NewArray(List<Value> values) implements Step {
        public NewArray {
            values = List.copyOf(values);
        }

        @Override
        public void apply(Patient p) {
            p.space.newArray(values.stream().map(v -> v.guestValue(p)).toList());
        }

        @Override
        public String toString() {
            return "new Array " + values;
        }
    }

    /** basicNew: of a real class; the size is used only when its instances are indexable. */
    record Instantiate(int cls, int size) implements Step {
        @Override
        public void apply(Patient p) {
            ClassMirror c = p.cls(cls, false);
            p.space.instantiate(c, ObjectFormat.isIndexable(c.instanceSpec()) ? size : 0);
        }

        @Override
        public Optional<String> refusal(Patient p) {
            int spec = p.cls(cls, false).instanceSpec();
            return ObjectFormat.isCompiledMethod(spec) || ObjectFormat.isUnused(spec)
                    ? Optional.of("instances of " + p.cls(cls, false).name() + " are not made by basicNew:")
                    : Optional.empty();
        }

        @Override
        public String toString() {
            return "instantiate class#" + cls + " size " + size;
        }
    }

    record CreateProcess(int priority, int number) implements Step {
        @Override
        public void apply(Patient p) {
            int count = p.space.scheduler().priorityCount();
            ProcessMirror process = p.space.createProcessWithPriority(Math.floorMod(priority, count) + 1,
                    "| ozwSum | ozwSum := 0. 1 to: " + number + " do: [:ozwI | ozwSum := ozwSum + ozwI]. ozwSum");
            p.createdProcesses.add(process);
        }

        @Override
        public String toString() {
            return "create process at priority#" + priority + " summing 1.." + number;
        }
    }

    /** A process operation on a process the scheduler knows or the surgery created. */
    record ProcessOperation(int process, Operation operation, int priority) implements Step {
        enum Operation { SUSPEND, RESUME, PRIORITY, TERMINATE }

        private ProcessMirror target(Patient p) {
            List<ProcessMirror> processes = p.processes();
            return processes.get(Math.floorMod(process, processes.size()));
        }

        @Override
        public void apply(Patient p) {
            ProcessMirror t = target(p);
            switch (operation) {
                case SUSPEND -> t.suspend();
                case RESUME -> t.resume();
                case PRIORITY -> t.priority(priority);
                case TERMINATE -> t.terminate();
            }
        }

        @Override
        public Optional<String> refusal(Patient p) {
            ProcessMirror t = target(p);
            ProcessMirror.State state = t.state();
            boolean nothingElseRuns = state == ProcessMirror.State.ACTIVE
                    && p.space.scheduler().knownProcesses().size() == 1;
            return switch (operation) {
                case SUSPEND, TERMINATE -> nothingElseRuns
                        ? Optional.of("the active process is the only one: nothing could run instead") : Optional.empty();
                case RESUME -> state != ProcessMirror.State.SUSPENDED
                        ? Optional.of("only a suspended process resumes; this one is " + state) : Optional.empty();
                case PRIORITY -> priority < 1 || priority > p.space.scheduler().priorityCount()
                        ? Optional.of("priority " + priority + " out of range") : Optional.empty();
            };
        }

        @Override
        public String toString() {
            return operation.name().toLowerCase() + (operation == Operation.PRIORITY ? " " + priority : "")
                    + " process#" + process;
        }
    }
}
