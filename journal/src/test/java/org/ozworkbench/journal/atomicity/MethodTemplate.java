package org.ozworkbench.journal.atomicity;

/**
 * Method bodies for generated installs: literals of every kind (numbers, characters, strings,
 * symbols, literal arrays, which intern new Symbols), temporaries, blocks and inlined control
 * structures. {@code n} is an integer, {@code w} a word of letters.
 */
enum MethodTemplate {
    ANSWER_NUMBER {
        @Override
        String body(int n, String w) {
            return "^ " + n;
        }
    },
    LITERAL_ARRAY {
        @Override
        String body(int n, String w) {
            return "^ #(" + n + " $" + w.charAt(0) + " '" + w + "' #ozw" + w + ") size";
        }
    },
    TEMPORARY_AND_CONDITIONAL {
        @Override
        String body(int n, String w) {
            return "| ozwT | ozwT := " + n + ". ^ ozwT isNil ifTrue: [0] ifFalse: [ozwT * 2]";
        }
    },
    LOOP {
        @Override
        String body(int n, String w) {
            return "| ozwSum | ozwSum := 0. 1 to: " + n + " do: [:ozwI | ozwSum := ozwSum + ozwI]. ^ ozwSum";
        }
    },
    BLOCK_VALUE {
        @Override
        String body(int n, String w) {
            return "^ [:ozwX | ozwX * " + n + "] value: " + n;
        }
    },
    STRINGS_AND_SYMBOLS {
        @Override
        String body(int n, String w) {
            return n > 0 ? "^ #ozw" + w + ":with: numArgs" : "^ '" + w + "' , '" + n + "'";
        }
    },
    SEND_TO_SELF {
        @Override
        String body(int n, String w) {
            return "^ self ozw" + w + ": " + n;
        }
    };

    abstract String body(int n, String w);

    /** The message pattern for {@code selector}: unary, binary or keyword, with made-up argument names. */
    static String header(String selector) {
        if (selector.indexOf(':') < 0) {
            return Character.isLetter(selector.charAt(0)) ? selector : selector + " ozwArg";
        }
        StringBuilder b = new StringBuilder();
        String[] parts = selector.split(":");
        for (int i = 0; i < parts.length; i++) {
            b.append(parts[i]).append(": ozwArg").append(i + 1).append(' ');
        }
        return b.toString().trim();
    }
}
