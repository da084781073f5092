package org.ozworkbench.workbench.cli;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.ozworkbench.core.image.ImageFormatException;
import picocli.CommandLine.ParameterException;

/** How a command failed, with the exit code {@code ozw} answers for it. */
public enum Failure {
    /** The user asked for something that cannot be: a bad image, an unknown class, a wrong option. */
    BAD_INPUT(2),
    /** Anything else: a bug, a refused change, an I/O error while writing. */
    ERROR(1);

    private final int exitCode;

    Failure(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static Failure of(Throwable t) {
        if (t instanceof BadInputException || t instanceof ImageFormatException || t instanceof ParameterException
                || t instanceof IllegalArgumentException || t instanceof NoSuchFileException
                || t instanceof AccessDeniedException || t instanceof FileNotFoundException
                || t instanceof org.ozworkbench.core.compiler.parser.SyntaxError
                || t instanceof org.ozworkbench.core.compiler.CompileError
                || t instanceof org.ozworkbench.core.compiler.FileIn.FileInError
                || t instanceof org.ozworkbench.journal.ReplayConflictException) {
            return BAD_INPUT;
        }
        if (t instanceof org.ozworkbench.journal.JournalException j) {
            return switch (j.problem()) {
                case IO, NOT_RECORDED -> ERROR;
                default -> BAD_INPUT;
            };
        }
        return ERROR;
    }
}
