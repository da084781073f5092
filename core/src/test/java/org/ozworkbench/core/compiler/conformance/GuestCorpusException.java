package org.ozworkbench.core.compiler.conformance;

import java.nio.file.Path;
import java.util.Optional;
import org.ozworkbench.realvm.RealVmRun;

/** The real VM did not produce a complete corpus: says how the run ended and where the guest had got to. */
public final class GuestCorpusException extends RuntimeException {
    private static final int TAIL_CHARS = 600;

    private GuestCorpusException(String message) {
        super(message);
    }

    private GuestCorpusException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * No marker: the doIt did not compile, hung, or the VM died. {@code progress} describes the
     * corpus file as far as the guest wrote it.
     */
    static GuestCorpusException noMarker(RealVmRun run, String progress, Path keptIn) {
        return new GuestCorpusException("the guest wrote no marker, so the corpus doIt did not finish: "
                + run.summary() + "\n" + progress
                + "\n(no corpus file at all usually means the doIt did not compile: the guest's Compiler then waits"
                + " on a notifier; a hang inside the walk leaves the last method started)"
                + "\nkept for a look: " + keptIn + details(run));
    }

    /** The doIt caught an error outside every per-method guard and answered it. */
    static GuestCorpusException doItFailed(RealVmRun run, String answer, Path keptIn) {
        return new GuestCorpusException("the corpus doIt answered '" + answer + "' instead of 'ok <count>': "
                + run.summary() + "\nkept for a look: " + keptIn + details(run));
    }

    /** The guest finished but its file does not read. */
    static GuestCorpusException unreadable(Path image, Path keptIn, GuestCorpusFormatException cause) {
        return new GuestCorpusException("the corpus the guest wrote for " + image + " does not read: "
                + cause.getMessage() + "\nkept for a look: " + keptIn, cause);
    }

    static String progress(Path output, long size, Optional<String> lastMethod) {
        if (size < 0) {
            return "no corpus file " + output;
        }
        return "corpus file " + output + ": " + size + " bytes, last method started: "
                + lastMethod.orElse("none");
    }

    private static String details(RealVmRun run) {
        return "\ncommand: " + String.join(" ", run.command()) + "\nstderr tail: " + tail(run.stderr())
                + "\nstdout tail: " + tail(run.stdout());
    }

    private static String tail(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return "(empty)";
        }
        return t.length() <= TAIL_CHARS ? t : "…" + t.substring(t.length() - TAIL_CHARS);
    }
}
