package org.ozworkbench.core.compiler.chunk;

import java.util.List;
import java.util.Optional;

/**
 * One unit of a chunk-format file (a fileout {@code .st} or change set {@code .cs}), in file order,
 * with the 1-based line of the file where its text starts. Sources are as the file holds them,
 * with {@code !!} read as {@code !} and the original line ends kept (often CR).
 */
public sealed interface Chunk {

    /** The 1-based line of the file where the chunk's text starts. */
    int line();

    /**
     * A method from a {@code !Foo methodsFor: 'category'!} section (or {@code Foo class} for a
     * class-side method; {@code methodsFor:stamp:} gives the stamp).
     */
    record MethodChunk(String className, boolean isMeta, String category, String source, int line,
                       Optional<String> stamp) implements Chunk {
    }

    /** A chunk to evaluate: an expression or statements that are not a recognised definition. */
    record DoItChunk(String source, int line) implements Chunk {
    }

    /**
     * {@code Object subclass: #Foo instanceVariableNames: 'a b' classVariableNames: 'C'
     * poolDictionaries: '' category: 'Foo-Core'} and its variants. The source is kept so that the
     * definition can also be evaluated as the doIt it is.
     *
     * @param superclassName empty for {@code nil subclass: ...}
     */
    record ClassDefinition(Kind kind, Optional<String> superclassName, String className,
                           List<String> instanceVariableNames, List<String> classVariableNames,
                           List<String> poolDictionaryNames, String category, String source, int line)
            implements Chunk {

        /** The shape of instances, by the first keyword of the definition message. */
        public enum Kind {
            SUBCLASS("subclass:"),
            VARIABLE_SUBCLASS("variableSubclass:"),
            VARIABLE_BYTE_SUBCLASS("variableByteSubclass:"),
            VARIABLE_WORD_SUBCLASS("variableWordSubclass:"),
            WEAK_SUBCLASS("weakSubclass:");

            private final String keyword;

            Kind(String keyword) {
                this.keyword = keyword;
            }

            /** The first keyword, e.g. {@code variableByteSubclass:}. */
            public String keyword() {
                return keyword;
            }
        }

        public ClassDefinition {
            instanceVariableNames = List.copyOf(instanceVariableNames);
            classVariableNames = List.copyOf(classVariableNames);
            poolDictionaryNames = List.copyOf(poolDictionaryNames);
        }
    }

    /** {@code Foo class instanceVariableNames: 'x y'}: the metaclass's instance variables. */
    record ClassSideDefinition(String className, List<String> instanceVariableNames, String source, int line)
            implements Chunk {
        public ClassSideDefinition {
            instanceVariableNames = List.copyOf(instanceVariableNames);
        }
    }

    /** A class comment from {@code !Foo commentStamp: 'stamp' prior: 0!} and the chunk after it. */
    record ClassComment(String className, String comment, Optional<String> stamp, int line) implements Chunk {
    }

    /**
     * A method organization from {@code !Foo reorganize!} and the chunk after it, e.g.
     * {@code ('accessing' name name:)}, kept as text.
     */
    record Organization(String className, boolean isMeta, String text, int line) implements Chunk {
    }
}
