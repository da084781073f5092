package org.ozworkbench.core.decompiler;

import java.util.ArrayList;
import java.util.List;

/**
 * The expressions and statements the decompiler rebuilds from bytecodes, already named (temps,
 * instance variables, globals) and with literals already spelled as source.
 */
sealed interface Code {

    /** A variable or pseudo-variable by name; {@code temp} is its slot for a temporary, else -1. */
    record Var(String name, int temp) implements Code {
        static Var named(String name) {
            return new Var(name, -1);
        }
    }

    /** A literal as source text ({@code 3}, {@code #foo}, {@code 'it''s'}, {@code #(1 $a)}). */
    record Lit(String text, Object value) implements Code {
    }

    record Assign(Var variable, Code value) implements Code {
    }

    /** A message send; {@code receiver} is {@code super} for a super send. */
    record Send(Code receiver, String selector, List<Code> arguments) implements Code {
        public Send {
            arguments = List.copyOf(arguments);
        }
    }

    record Message(String selector, List<Code> arguments) {
        public Message {
            arguments = List.copyOf(arguments);
        }
    }

    record Cascade(Code receiver, List<Message> messages) implements Code {
        public Cascade {
            messages = List.copyOf(messages);
        }
    }

    /** A block; {@code temporaries} are those a closure declares itself (none before closures). */
    record Block(List<Var> arguments, List<Var> temporaries, List<Code> statements) implements Code {
        public Block {
            arguments = List.copyOf(arguments);
            temporaries = List.copyOf(temporaries);
            statements = List.copyOf(statements);
        }

        public Block(List<Var> arguments, List<Code> statements) {
            this(arguments, List.of(), statements);
        }
    }

    /**
     * A temp vector (closures): the Array holding the temporaries that blocks capture and that are
     * assigned, one variable per element. On the stack only to be copied into a closure.
     */
    record TempVector(List<Var> elements) implements Code {
        public TempVector {
            elements = List.copyOf(elements);
        }
    }

    /** {@code ^ value}. */
    record Return(Code value) implements Code {
    }

    /** A cascade being rebuilt: the receiver value kept on the stack under each dup. */
    final class CascadeInProgress implements Code {
        final Code receiver;
        final List<Message> messages = new ArrayList<>();

        CascadeInProgress(Code receiver) {
            this.receiver = receiver;
        }
    }

    /** The dup of a cascade's receiver, the receiver of one of its messages. */
    record CascadeReceiver(CascadeInProgress cascade) implements Code {
    }
}
