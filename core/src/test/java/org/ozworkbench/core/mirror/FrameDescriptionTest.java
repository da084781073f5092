package org.ozworkbench.core.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Frames as Smalltalkers read them: the receiver's class before the method's, the selector a
 * doesNotUnderstand: did not understand, and a method replaced while a process ran it named after
 * its replacement and marked as an old version.
 */
class FrameDescriptionTest {
    private final ObjectSpace space = ObjectSpace.load(Images.scratch());

    @Test
    void anErrorFrameNamesTheReceiversClassThenTheMethodsAndTheSelectorNotUnderstood() {
        Evaluation.GuestError e = (Evaluation.GuestError) space.evaluate("3 foo");

        assertThat(e.stack()).hasSize(3);
        assertThat(e.stack().get(0)).isEqualTo("SmallInteger(Object)>>error: @48");
        assertThat(e.stack().get(1)).isEqualTo("SmallInteger(Object)>>doesNotUnderstand: #foo @31");
    }

    @Test
    void aFrameWhoseReceiverIsOfTheMethodsOwnClassNamesOneClass() {
        Evaluation.GuestError e = (Evaluation.GuestError) space.evaluate("#(1 2) collect: [:x | x / 0]");

        assertThat(e.stack()).startsWith("SmallInteger(Object)>>error: @48", "SmallInteger>>/ @40");
        assertThat(e.stack()).anyMatch(f -> f.startsWith("Array(SequenceableCollection)>>collect: @"));
    }

    @Test
    void scratchsTimerProcessRunsAnOldVersionOfTimerInterruptWatcher() {
        ProcessMirror timer = space.instancesOf(space.classNamed("Process").orElseThrow()).stream()
                .map(o -> (ProcessMirror) o).filter(p -> p.priority() == 8).findFirst().orElseThrow();
        List<ContextMirror> frames = timer.suspendedContext().orElseThrow().senderChain(3);

        assertThat(space.methodLocation(frames.get(0).method().orElseThrow())).isEmpty();
        assertThat(frames.stream().map(ContextMirror::frameDescription)).containsExactly(
                "Delay class>>timerInterruptWatcher (old version) @70",
                "[] in Delay class>>startTimerInterruptWatcher (old version) @121",
                "[] in BlockContext>>newProcess (old version) @33");
    }

    @Test
    void aReplacedMethodIsNamedAfterItsReplacementAndAnUnrelatedOneIsNot() {
        ClassMirror point = space.classNamed("Point").orElseThrow();
        MethodMirror old = point.compile("ozwNorm  ^ x abs + y abs max: 0", "ozw");
        point.compile("ozwNorm  ^ (x abs + y abs) max: 0", "ozw");
        MethodMirror unrelated = MethodBuilder.on(space).pushSelf().send("ozwNothingAlike", 0).returnTop().build();

        assertThat(space.methodLocation(old)).isEmpty();
        assertThat(OldVersions.likelyLocation(old, point)).map(MethodLocation::toString).contains("Point>>ozwNorm");
        assertThat(OldVersions.likelyLocation(old)).map(MethodLocation::toString).contains("Point>>ozwNorm");
        assertThat(OldVersions.likelyLocation(unrelated, point)).isEmpty();
    }
}
