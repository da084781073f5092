package org.ozworkbench.workbench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.ozworkbench.core.bytecode.Instruction;
import org.ozworkbench.core.bytecode.MethodHeader;
import org.ozworkbench.core.bytecode.Trailer;
import org.ozworkbench.core.decompiler.Decompiler;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MethodLocation;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.OldVersions;

/**
 * One CompiledMethod in full: header fields, literals and instructions.
 *
 * @param location    {@code Class>>selector} where it is installed, null when it is installed nowhere
 * @param oldVersionOf for a method installed nowhere, the {@code Class>>selector} it most likely is an
 *                    old version of ({@link OldVersions}); null when installed or not known
 * @param oop         the method object's ref
 * @param header      the decoded header word
 * @param trailer     what follows the bytecodes: "no source", "source pointer 0x...", "temp names (n bytes)"
 * @param literals    the literal frame, 0-based
 * @param instructions the decoded bytecodes
 * @param disassembly the listing as {@link MethodMirror#disassemble()} prints it
 * @param source      the method as Smalltalk source, decompiled by the host ({@link #withSource}); absent when not asked
 */
public record MethodDetail(String location, String oldVersionOf, String oop, Header header, String trailer, List<Literal> literals,
                           List<Step> instructions, String disassembly,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String source) {

    /** The header word, decoded. {@code quick} is null unless the method is a quick primitive. */
    public record Header(String word, int numArgs, int numTemps, int numLiterals, int primitive, boolean largeFrame,
                         int initialPc, int endPc, String quick) {
    }

    /** One literal: its index, a short description and its ref (null for a SmallInteger). */
    public record Literal(int index, String value, String ref) {
    }

    /** One instruction: its 1-based pc, its bytes in hex and its text. */
    public record Step(int pc, String bytes, String text) {
    }

    public static MethodDetail of(MethodMirror m) {
        MethodHeader h = m.header();
        Header header = new Header(Refs.hex(h.encode()), h.numArgs(), h.numTemps(), h.numLiterals(), h.primitiveIndex(),
                h.largeFrame(), h.initialPc(), m.endPc(), h.isQuick() ? h.quickDescription() : null);
        List<Literal> literals = new ArrayList<>();
        List<GuestValue> values = m.literals();
        for (int i = 0; i < values.size(); i++) {
            literals.add(new Literal(i, Describe.value(values.get(i)), Refs.ofValue(values.get(i))));
        }
        List<Step> steps = new ArrayList<>();
        for (Instruction in : m.instructions()) {
            steps.add(new Step(in.pc(), in.hex(), in.text()));
        }
        String location = m.space().methodLocation(m).map(MethodLocation::toString).orElse(null);
        String oldVersionOf = location != null ? null
                : OldVersions.likelyLocation(m).map(MethodLocation::toString).orElse(null);
        return new MethodDetail(location, oldVersionOf, Refs.of(m), header, describe(m.trailer()), literals, steps,
                m.disassemble(), null);
    }

    /**
     * The method in full with its source, decompiled by the host as {@code ozw methods --source}
     * gives it; {@code cls} is the class it was asked of, where it is installed when it is
     * installed nowhere.
     */
    public static MethodDetail withSource(ClassMirror cls, String selector, MethodMirror m) {
        MethodDetail detail = of(m);
        MethodLocation where = m.space().methodLocation(m).orElse(new MethodLocation(cls, selector));
        String source = Decompiler.on(m.space()).source(where.methodClass(), where.selector(), m);
        return new MethodDetail(detail.location, detail.oldVersionOf, detail.oop, detail.header, detail.trailer,
                detail.literals, detail.instructions, detail.disassembly, source);
    }

    private static String describe(Trailer t) {
        if (t instanceof Trailer.SourcePointer s) {
            return "source pointer " + Refs.hex(s.pointer()) + " (file " + s.fileIndex() + ", position "
                    + s.filePosition() + ")";
        }
        if (t instanceof Trailer.TempNames n) {
            return "temp names (" + n.size() + " bytes)";
        }
        return "no source";
    }
}
