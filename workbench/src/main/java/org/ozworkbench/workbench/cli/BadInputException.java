package org.ozworkbench.workbench.cli;

import java.nio.file.Path;

/** The user named something the image does not have, or asked for something the workbench refuses. */
public class BadInputException extends RuntimeException {

    BadInputException(String message) {
        super(message);
    }

    public static BadInputException noSuchFile(Path file) {
        return new BadInputException(file + ": no such file");
    }

    public static BadInputException noSuchClass(Path image, String name) {
        return new BadInputException(image + ": no class named '" + name + "'");
    }

    public static BadInputException noSuchMethod(Path image, String className, String selector) {
        return new BadInputException(image + ": " + className + " has no method #" + selector + " and inherits none");
    }

    public static BadInputException badObjectPath(Path image, String expression, String why) {
        return new BadInputException(image + ": cannot resolve '" + expression + "': " + why);
    }

    /** Bad input described by a whole one-line message (file and what is wrong). */
    public static BadInputException because(String message) {
        return new BadInputException(message);
    }

    public static BadInputException refusingToOverwrite(Path image) {
        return new BadInputException("refusing to overwrite the input image " + image
                + ": choose another --out or pass --overwrite");
    }
}
