package org.ozworkbench.workbench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.ozworkbench.core.interpreter.RunResult;
import org.ozworkbench.core.space.Evaluation;

/**
 * What {@code ozw eval} came to: the expression's value, the guest's error, or a run that ended
 * first. Only the fields of its result are present.
 *
 * @param image      the image evaluated in
 * @param expression the expression
 * @param vm         {@code host} (the host's interpreter) or {@code real-vm}
 * @param result     {@code value}, {@code error}, {@code quit} (the guest quit, primitive 113) or {@code unfinished}
 * @param value      the value's printString
 * @param error      the guest error's message
 * @param frames     the frames the error was raised in, innermost first (the host only)
 * @param reason     why the run ended first, or that the guest quit
 * @param bytecodes  the bytecodes the guest executed (the host only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvalReport(String image, String expression, String vm, String result, String value, String error,
                         List<String> frames, String reason, Long bytecodes) {
    public static final String VALUE = "value";
    public static final String ERROR = "error";
    public static final String UNFINISHED = "unfinished";
    public static final String QUIT = "quit";
    /** How the real VM's answer (see RealVmEvaluation) starts when the guest raised an error. */
    private static final String REAL_VM_ERROR = "Error: ";

    /** The host interpreter's evaluation. */
    public static EvalReport of(String image, String expression, Evaluation e) {
        Long bytecodes = e.bytecodes();
        if (e instanceof Evaluation.GuestError error) {
            return new EvalReport(image, expression, "host", ERROR, null, error.message(), error.stack(), null,
                    bytecodes);
        } else if (e instanceof Evaluation.Unfinished unfinished) {
            boolean quit = unfinished.result() instanceof RunResult.Quit q && !q.toDebugger();
            return new EvalReport(image, expression, "host", quit ? QUIT : UNFINISHED, null, null, null, unfinished.reason(),
                    bytecodes);
        }
        return new EvalReport(image, expression, "host", VALUE, e.text(), null, null, null, bytecodes);
    }

    /** The real VM's answer: a printString, or {@code Error: } and the guest's message. */
    public static EvalReport ofRealVm(String image, String expression, String answer) {
        if (answer.startsWith(REAL_VM_ERROR)) {
            return new EvalReport(image, expression, "real-vm", ERROR, null, answer.substring(REAL_VM_ERROR.length()),
                    null, null, null);
        }
        return new EvalReport(image, expression, "real-vm", VALUE, answer, null, null, null, null);
    }

    /** Whether the expression answered a value or the guest quit (eval then exits 0). */
    public boolean answered() {
        return result.equals(VALUE) || result.equals(QUIT);
    }
}
