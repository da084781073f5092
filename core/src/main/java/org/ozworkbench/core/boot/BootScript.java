package org.ozworkbench.core.boot;

import java.nio.file.Path;
import org.ozworkbench.core.mirror.MethodBuilder;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Guest code that runs when the saved image boots in the real VM, computes a String, writes it to
 * a marker file and quits: the oracle's way of asking the guest a question (V3-FACTS, "Running
 * injected code at boot"). The code runs in a new process made the active one; the process that
 * was active goes back on its priority list.
 *
 * <pre>{@code
 * BootScript script = BootScript.on(space, marker);
 * script.code().pushGlobal("Smalltalk").send("version", 0);   // leaves a String on the stack
 * script.installAsActiveProcess(4);
 * space.save(image);
 * }</pre>
 *
 * Squeak images write with {@code StandardFileStream fileNamed:} to the marker's absolute path
 * and quit with {@code Smalltalk quitPrimitive}; Candle appends with {@code PCSystem
 * append:toFile:}, which takes a name relative to the image's folder, so there the marker must
 * sit beside the image. Images whose file methods are numbered need {@link NamedFilePrimitives#install} first.
 */
public final class BootScript {
    private static final int RESULT_TEMP = 0;
    private final ObjectSpace space;
    private final Path marker;
    private final MethodBuilder code;

    private BootScript(ObjectSpace space, Path marker) {
        this.space = space;
        this.marker = marker;
        this.code = MethodBuilder.on(space).temporaries(1);
    }

    public static BootScript on(ObjectSpace space, Path marker) {
        return new BootScript(space, marker);
    }

    /** Where to emit the steps that leave the marker's text (a String) on the stack. */
    public MethodBuilder code() {
        return code;
    }

    private boolean isCandle() {
        return space.smalltalk().isEmpty();
    }

    /** Ends the code: write the String on the stack to the marker, then quit the VM. */
    public MethodMirror finish() {
        code.popIntoTemp(RESULT_TEMP);
        if (isCandle()) {
            code.pushGlobal("PCSystem").pushTemp(RESULT_TEMP).pushString(marker.getFileName().toString())
                    .send("append:toFile:", 2).pop()
                    .pushGlobal("PCSystem").send("quit", 0).pop();
        } else {
            code.pushGlobal("StandardFileStream").pushString(marker.toAbsolutePath().toString())
                    .send("fileNamed:", 1).dup().pushTemp(RESULT_TEMP).send("nextPutAll:", 1).pop()
                    .send("close", 0).pop()
                    .pushGlobal("Smalltalk").send("quitPrimitive", 0).pop();
        }
        return code.returnSelf().build();
    }

    /** Finishes the code and makes a process running it the active process, at {@code priority}. */
    public ProcessMirror installAsActiveProcess(int priority) {
        ProcessMirror process = createProcess(priority);
        process.installAsActiveProcess();
        return process;
    }

    /** Finishes the code and creates a suspended process for it, at {@code priority}. */
    public ProcessMirror createProcess(int priority) {
        return space.scheduler().createProcess(finish(), space.nilObject(), priority);
    }
}
