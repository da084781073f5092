package org.ozworkbench.workbench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.WordObjectMirror;

/**
 * One object in full, as {@code ozw object} shows it: header details, then its slots (named
 * instance variables by name), its bytes (as a string and in hex), its words, or its method.
 * At most {@code limit} slots, bytes or words are listed; {@code omitted} says how many more there are.
 *
 * @param expression      what the user asked for
 * @param oop             the object's ref (oop in the loaded file, or created#n)
 * @param description     a short description ("a ProcessorScheduler", "#foo", "Array>>printOn: @12")
 * @param className       the name of its class
 * @param format          its object format (0-15)
 * @param formatName      what that format means
 * @param headerWords     1, 2 or 3 words of object header
 * @param compactClassIndex its compact class index, 0 when not compact
 * @param hash            its 12-bit identity hash
 * @param bodyWords       its size in words, without header
 * @param fixedSlots      its named instance variables
 * @param basicSize       its indexable slots, bytes or words
 * @param slots           pointer slots (for a method: header word then literals)
 * @param string          a byte object's bytes read as ISO-8859-1
 * @param hex             a byte object's bytes in hex
 * @param words           a word object's words in hex
 * @param floatValue      a Float's value
 * @param method          a CompiledMethod's header, literals and instructions
 * @param omitted         slots, bytes or words not listed because of the limit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectDetail(String expression, String oop, String description, String className, int format,
                           String formatName, int headerWords, int compactClassIndex, int hash, int bodyWords,
                           int fixedSlots, int basicSize, List<Slot> slots, String string, String hex,
                           List<String> words, Double floatValue, MethodDetail method, int omitted)
        implements Inspection {

    /** One pointer slot: its 0-based index, its instance variable name (null for indexable slots) and value. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Slot(int index, String name, String value, String valueClass, String ref) {
    }

    public static ObjectDetail of(String expression, ObjectMirror m, int limit) {
        GuestObject o = m.guestObject();
        int max = limit <= 0 ? Integer.MAX_VALUE : limit;
        List<Slot> slots = slots(m, max);
        int omitted = m.slotCount() - slots.size();
        String string = null;
        String hex = null;
        List<String> words = null;
        Double floatValue = null;
        MethodDetail method = null;
        if (m instanceof ByteObjectMirror b) {
            byte[] bytes = b.bytes();
            byte[] shown = Arrays.copyOf(bytes, Math.min(bytes.length, max));
            string = b.asString().substring(0, shown.length);
            hex = HexFormat.of().formatHex(shown);
            omitted = bytes.length - shown.length;
        } else if (m instanceof WordObjectMirror w) {
            words = new ArrayList<>();
            for (int i = 0; i < w.wordCount() && i < max; i++) {
                words.add(String.format("%08x", w.wordAt(i)));
            }
            omitted = w.wordCount() - words.size();
            floatValue = w.isFloat() ? w.asDouble() : null;
        } else if (m instanceof MethodMirror mm) {
            method = MethodDetail.of(mm);
        }
        return new ObjectDetail(expression, Refs.of(m), Describe.value(m), m.classMirror().name(), o.format(),
                ObjectFormat.describe(o.format()), o.headerWords(), o.compactIndex(), o.hash(), o.bodyWords(),
                m.fixedSlotCount(), m.basicSize(), slots, string, hex, words, floatValue, method, omitted);
    }

    private static List<Slot> slots(ObjectMirror m, int max) {
        List<String> names = m.guestObject().isPointers() ? m.classMirror().allInstanceVariableNames() : List.of();
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < m.slotCount() && i < max; i++) {
            GuestValue v = m.slot(i);
            String name = i < m.fixedSlotCount() && i < names.size() ? names.get(i) : null;
            String valueClass = v instanceof ObjectMirror vm ? vm.classMirror().name() : "SmallInteger";
            slots.add(new Slot(i, name, Describe.value(v), valueClass, Refs.ofValue(v)));
        }
        return slots;
    }
}
