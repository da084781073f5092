package org.ozworkbench.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.ozworkbench.core.bytecode.Assembler;
import org.ozworkbench.core.bytecode.MethodHeader;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.Membrane;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;
import org.ozworkbench.realvm.ScratchImage;
import org.ozworkbench.workbench.realvm.RealVmEvaluation;
import org.ozworkbench.workbench.report.ChangeDescription;
import org.ozworkbench.workbench.report.ImageSummary;
import org.ozworkbench.workbench.report.MethodDetail;
import org.ozworkbench.workbench.report.ProcessListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ozw demo [IMAGE]}: the workbench's main job as it stands, on Scratch.image by default:
 * load, look around, change the image through the membrane, save, reload and find the change.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Load an image (Scratch.image by default), look into it, add a method, save and reload it; on"
                + " Scratch, then journaled surgeries, a bad one, its rollback and a replay without it, booted by the real VM.")
public final class DemoCommand implements Callable<Integer> {
    private static final Duration VM_TIMEOUT = Duration.ofSeconds(30);
    private static final String SELECTOR = "ozwDemo";
    private static final String GREETING = "Hello from Oz";
    private static final List<String> KERNEL_METHODS = List.of("Array>>printOn:", "Object>>printOn:",
            "Object>>printString", "Object>>yourself");
    private static final int FRAMES = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE",
            description = "The image to show (default: /usr/share/scratch/Scratch.image, from Debian's scratch).")
    Path image;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Where to save the changed image (default: ./<image name>-demo.image).")
    Path out;

    @Override
    public Integer call() {
        Path source = image == null ? ScratchImage.locate() : image;
        if (!Files.exists(source)) {
            throw BadInputException.noSuchFile(source);
        }
        Path target = out == null ? Path.of(baseName(source) + "-demo.image") : out;
        OutputFile.check(target).notTheImage(source, false);
        PrintWriter w = spec.commandLine().getOut();
        long start = System.nanoTime();
        try (ObjectSpace space = ImageCommand.load(source)) {
            heading(w, "1. Load " + source);
            w.printf("loaded %,d objects in %d ms%n", space.memory().objectCount(), millisSince(start));
            InspectCommand.printText(ImageSummary.of(source, space), w);

            heading(w, "2. Processes (top " + FRAMES + " frames each)");
            ProcessesCommand.printText(ProcessListing.of(space, FRAMES), w);

            ClassMirror root = rootClass(space);
            heading(w, "3. A kernel method, disassembled");
            MethodsCommand.printText(MethodDetail.of(kernelMethod(space, root)), w);

            heading(w, "4. A change through the membrane: " + root.name() + ">>" + SELECTOR + " ^'" + GREETING + "'");
            addMethod(space, root, w);

            heading(w, "5. Save to " + target);
            start = System.nanoTime();
            space.save(target);
            w.printf("wrote %,d bytes in %d ms; %s is untouched%n", sizeOf(target), millisSince(start), source);

            heading(w, "6. Reload " + target + " and find the change");
            showChange(target, root.name(), space.memory().snapshotObjectCount(), w);

            heading(w, "7. The real Squeak VM boots the saved image and runs the new method");
            askRealVm(target, w);

            if (SurgeryStory.fits(space)) {
                Path story = Files.createTempDirectory("ozw-demo-surgeries");
                SurgeryStory.tell(source, story, w, 8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        w.flush();
        return 0;
    }

    /** Adds {@code root>>ozwDemo}, printing each step and the membrane events it causes. */
    private static void addMethod(ObjectSpace space, ClassMirror root, PrintWriter w) {
        List<Change> events = new ArrayList<>();
        Membrane.Listener listener = change -> {
            events.add(change);
            w.println("    event  " + ChangeDescription.of(space, change));
        };
        space.addListener(listener);
        try {
            w.println("> space.intern(\"" + SELECTOR + "\")");
            ByteObjectMirror symbol = space.intern(SELECTOR);
            byte[] bytecodes = Assembler.create(space.hasClosures()).pushLiteralConstant(0).returnTop().build();
            w.println("> bytecodes = Assembler.create(" + space.hasClosures() + ").pushLiteralConstant(0)"
                    + ".returnTop().build()   // " + HexFormat.ofDelimiter(" ").formatHex(bytecodes));
            w.println("> method = MethodMirror.create(space, MethodHeader.of(0, 0, 1, 0, false),"
                    + " List.of(space.newString(\"" + GREETING + "\")), bytecodes)");
            MethodMirror method = MethodMirror.create(space, MethodHeader.of(0, 0, 1, 0, false),
                    List.of(space.newString(GREETING)), bytecodes);
            w.println("> space.classNamed(\"" + root.name() + "\").addMethod(\"" + SELECTOR + "\", method)");
            root.addMethod(SELECTOR, method);
            w.printf("%d membrane events; %s is %s; %d objects created%n", events.size(), symbol.describe(),
                    symbol.guestObject().isFromSnapshot() ? "an old Symbol" : "a new Symbol",
                    space.memory().createdCount());
        } finally {
            space.removeListener(listener);
        }
    }

    /** Loads the saved image afresh and shows the method the demo added. */
    private static void showChange(Path saved, String className, int objectsBefore, PrintWriter w) {
        try (ObjectSpace reloaded = ImageCommand.load(saved)) {
            MethodMirror found = reloaded.classNamed(className).flatMap(c -> c.compiledMethodAt(SELECTOR))
                    .orElseThrow(() -> new IllegalStateException(saved + " lost " + className + ">>" + SELECTOR));
            MethodsCommand.printText(MethodDetail.of(found), w);
            int after = reloaded.memory().objectCount();
            w.printf("objects: %,d before, %,d after (%+d)%n", objectsBefore, after, after - objectsBefore);
        }
    }

    /**
     * Injects a boot process into a copy of the saved image that sends the new selector and writes
     * the answer to a marker file, boots it in the real VM and shows what the guest wrote.
     */
    private static void askRealVm(Path saved, PrintWriter w) {
        Optional<RealVm> vm = RealVm.find();
        if (vm.isEmpty()) {
            w.println("no real VM here: 'apt-get install squeak-vm' (or ./ozw test) installs it");
            return;
        }
        try (ObjectSpace space = ImageCommand.load(saved)) {
            Path dir = Files.createTempDirectory("ozw-demo");
            w.println("> a boot process in a copy of " + saved.getFileName() + ": writes (nil " + SELECTOR
                    + ") to " + RealVmEvaluation.ANSWER_FILE + ", then quits");
            RealVmRun run = RealVmEvaluation.bootAnswering(vm.get(), space, SELECTOR, dir, VM_TIMEOUT);
            w.println("> " + String.join(" ", run.command()));
            w.println(run.summary());
            w.println("the guest answered: " + run.marker().map(m -> "'" + m.strip() + "'").orElse("nothing"));
            Files.deleteIfExists(dir.resolve(RealVmEvaluation.ANSWER_FILE));
            Files.deleteIfExists(dir.resolve(RealVmEvaluation.BOOT_IMAGE));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MethodMirror kernelMethod(ObjectSpace space, ClassMirror root) {
        return KERNEL_METHODS.stream().map(name -> method(space, name)).flatMap(Optional::stream).findFirst()
                .orElseGet(() -> root.methodDictionary().entries().get(0).method());
    }

    /** Object, or whatever the image's root class is called (Candle: PCObject), found from nil's class. */
    private static ClassMirror rootClass(ObjectSpace space) {
        return space.classNamed("Object").orElseGet(() -> {
            List<ClassMirror> chain = space.nilObject().classMirror().withAllSuperclasses();
            return chain.get(chain.size() - 1);
        });
    }

    private static Optional<MethodMirror> method(ObjectSpace space, String name) {
        String[] parts = name.split(">>");
        return space.classNamed(parts[0]).flatMap(c -> c.compiledMethodAt(parts[1]));
    }

    private static void heading(PrintWriter w, String title) {
        w.println();
        w.println("== " + title);
    }

    private static String baseName(Path image) {
        String name = image.getFileName().toString();
        return name.endsWith(".image") ? name.substring(0, name.length() - ".image".length()) : name;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
