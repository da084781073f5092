package org.ozworkbench.core.space.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/**
 * The recovered-image check with the real VM: Scratch.image saved again by the VM itself (its
 * garbage collector compacts memory, and it writes its own base address, so every oop moves), then
 * every name computed on the original resolved in the resaved image, to "the same" object.
 */
class RecoveredImageNamesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * What {@code Smalltalk snapshot: true andQuit: true} does on Scratch, step by step: run before
     * the startup list, its shutdown list stops at {@code SoundPlayer shutDown} (primSoundStop fails
     * under {@code -vm-sound-null}), so each shutDown is guarded here. Then the VM's own snapshot
     * primitive writes the image it booted, and the saving session quits; a session resumed from
     * the resaved image suspends this process and lets the image's own process carry on.
     */
    private static final String SNAPSHOT = "#(SoundPlayer Delay FileDirectory Color StrikeFont ControlManager Form"
            + " DisplayScreen ScratchTranslator) do: [:n | [(Smalltalk at: n ifAbsent: [nil]) shutDown] ifError: [:m :r | nil]].\n"
            + "Smalltalk snapshotPrimitive ifFalse: [Smalltalk quitPrimitive].\n"
            + "Processor activeProcess suspend";

    /**
     * Where the snapshot itself leaves other objects: the external objects whose Semaphores the
     * shutdown list unregistered, the idle process (it ran while the shutdown list waited) and the
     * cursor the display's shutdown replaced.
     */
    private static final List<String> SNAPSHOT_CHANGES = List.of("special:external-objects/",
            "ProcessorScheduler.BackgroundProcess/", "Cursor.CurrentCursor/");

    @TempDir
    Path dir;

    @Test
    void namesComputedOnScratchResolveToTheSameObjectsInTheImageTheRealVmSavedAgain() throws IOException {
        ObjectSpace original = ObjectSpace.load(Images.scratch());
        SymbolicNames originalNames = SymbolicNames.of(original);
        Path copy = resavedByTheRealVm();
        ObjectSpace recovered = ObjectSpace.load(copy);
        SymbolicNames recoveredNames = SymbolicNames.of(recovered);

        int moved = 0;
        int movedInMemory = 0;
        int total = 0;
        List<String> different = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (var kind : SymbolicNamesTest.codeAndBindings(original).entrySet()) {
            int resolved = 0;
            for (GuestObject o : kind.getValue()) {
                ObjectName name = originalNames.nameOf(o).orElseThrow();
                total++;
                Resolution r = recoveredNames.resolution(name);
                if (r instanceof Resolution.Unresolved u) {
                    different.add(u.toString());
                    continue;
                }
                GuestObject there = r.object().orElseThrow();
                Optional<String> difference = difference(original, o, recovered, there);
                if (difference.isPresent()) {
                    different.add(name + ": " + difference.get());
                    continue;
                }
                resolved++;
                moved += o.snapshotOop() != there.snapshotOop() ? 1 : 0;
                movedInMemory += offset(original, o) != offset(recovered, there) ? 1 : 0;
            }
            report.append(kind.getKey()).append(' ').append(resolved).append('/').append(kind.getValue().size()).append("; ");
        }
        System.out.printf("Recovered Scratch (base 0x%x -> 0x%x): %s%n  %d of %d moved oop, %d moved in memory;"
                        + " not the same: %s%n", original.header().oldBaseAddress(), recovered.header().oldBaseAddress(),
                report, moved, total, movedInMemory, different);
        assertThat(different).isEmpty();
        assertThat(moved).isEqualTo(total);

        PathReport paths = resolvePaths(original, originalNames, recovered, recoveredNames);
        System.out.println("Recovered Scratch paths: " + paths);
        assertThat(paths.resolved).isEqualTo(paths.paths);
        assertThat(paths.otherClass).as("only state the snapshot itself changes holds other objects")
                .allMatch(p -> SNAPSHOT_CHANGES.stream().anyMatch(p::startsWith));
    }

    /** A copy of Scratch.image that the real VM booted and saved again over itself. */
    private Path resavedByTheRealVm() throws IOException {
        ObjectSpace space = ObjectSpace.load(Images.scratch());
        space.createProcessWithPriority(5, SNAPSHOT).installAsActiveProcess();
        Path copy = dir.resolve("recovered.image");
        space.save(copy);
        byte[] ours = Files.readAllBytes(copy);

        RealVmRun run = RealVm.locate().boot(copy, TIMEOUT);

        assertThat(run.timedOut()).as("the VM quits after its snapshot: %s", run).isFalse();
        byte[] resaved = Files.readAllBytes(copy);
        assertThat(resaved).as("the VM wrote the image it booted").isNotEqualTo(ours);
        System.out.printf("The real VM resaved %s in %d ms: %d bytes -> %d bytes%n", copy.getFileName(),
                run.elapsed().toMillis(), ours.length, resaved.length);
        return copy;
    }

    /** Why {@code there} is not the same logical object as {@code here}, if it is not. */
    private static Optional<String> difference(ObjectSpace a, GuestObject here, ObjectSpace b, GuestObject there) {
        String classHere = className(a, here.cls());
        String classThere = className(b, there.cls());
        if (!classHere.equals(classThere)) {
            return Optional.of("an instance of " + classThere + ", not " + classHere);
        }
        if (a.isClass(here) || a.isMetaclass(here)) {
            return same("class", className(a, here), className(b, there));
        }
        if (here.isBytes()) {
            return same("characters", a.stringOf(here), b.stringOf(there));
        }
        if (here.isCompiledMethod()) {
            MethodMirror m = (MethodMirror) a.mirror(here);
            MethodMirror n = (MethodMirror) b.mirror(there);
            if (!Arrays.equals(m.bytecodes(), n.bytecodes()) || m.numLiterals() != n.numLiterals()) {
                return Optional.of("other bytecodes or literal count");
            }
            return Optional.empty();
        }
        int keySlot = a.contract().get(org.ozworkbench.core.contract.Slot.ASSOCIATION_KEY);
        if (here.isPointers() && here.pointerAt(keySlot) instanceof GuestObject key && key.isBytes()) {
            return same("key", a.stringOf(key), b.stringOf((GuestObject) there.pointerAt(keySlot)));
        }
        return Optional.empty();
    }

    private static Optional<String> same(String what, String here, String there) {
        return here.equals(there) ? Optional.empty() : Optional.of(what + " " + there + ", not " + here);
    }

    private static String className(ObjectSpace space, GuestObject cls) {
        ClassMirror c = space.classMirror(cls);
        return c.name();
    }

    private static long offset(ObjectSpace space, GuestObject o) {
        return (o.snapshotOop() & 0xFFFFFFFFL) - (space.header().oldBaseAddress() & 0xFFFFFFFFL);
    }

    /** Paths (names of objects that have no name of their own) resolved in the recovered image. */
    private record PathReport(int paths, int resolved, int sameClass, List<String> otherClass,
                              Map<String, Integer> unresolvedByRoot, List<String> sample) {
    }

    private static PathReport resolvePaths(ObjectSpace original, SymbolicNames originalNames, ObjectSpace recovered,
                                           SymbolicNames recoveredNames) {
        int paths = 0;
        int resolved = 0;
        int sameClass = 0;
        Map<String, Integer> byRoot = new TreeMap<>();
        Map<String, String> sample = new LinkedHashMap<>();
        List<String> otherClass = new ArrayList<>();
        for (GuestObject o : original.memory().objects()) {
            Optional<ObjectName> name = originalNames.nameOf(o);
            if (name.isEmpty() || !(name.get() instanceof ObjectName.Path path)) {
                continue;
            }
            paths++;
            Resolution r = recoveredNames.resolution(path);
            if (r instanceof Resolution.Unresolved u) {
                String root = path.root().toString();
                byRoot.merge(root, 1, Integer::sum);
                sample.putIfAbsent(root, u.toString());
                continue;
            }
            resolved++;
            String classThere = className(recovered, r.object().orElseThrow().cls());
            if (className(original, o.cls()).equals(classThere)) {
                sameClass++;
            } else {
                otherClass.add(path + " is " + classThere + ", was " + className(original, o.cls()));
            }
        }
        return new PathReport(paths, resolved, sameClass, otherClass, byRoot, new ArrayList<>(sample.values()));
    }
}
