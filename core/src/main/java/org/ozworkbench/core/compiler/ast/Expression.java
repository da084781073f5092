package org.ozworkbench.core.compiler.ast;

import java.util.List;

/** An expression. Variables are left unresolved by the parser: the compiler binds them. */
public sealed interface Expression extends Node {

    /**
     * A variable reference by name, including the pseudo-variables {@code self}, {@code super},
     * {@code thisContext}, {@code true}, {@code false} and {@code nil}.
     */
    record Variable(String name, int start, int end) implements Expression {
    }

    /** A literal: number, character, string, symbol, literal array or byte array. */
    record Literal(LiteralValue value, int start, int end) implements Expression {
    }

    /** {@code variable := value} (or the old {@code variable _ value}). */
    record Assignment(Variable variable, Expression value, int start, int end) implements Expression {
    }

    /**
     * A message send. {@code receiver} is a {@link Variable} named {@code super} for a super send.
     * {@code selectorStart} is where the (first part of the) selector is in the source.
     */
    record Send(Expression receiver, String selector, List<Expression> arguments, int selectorStart, int start, int end)
            implements Expression {
        public Send {
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * A cascade: {@code receiver m1; m2; m3}. Each message is sent to the value of
     * {@code receiver}; the value is that of the last message.
     */
    record Cascade(Expression receiver, List<Message> messages, int start, int end) implements Expression {
        public Cascade {
            messages = List.copyOf(messages);
        }
    }

    /** One message of a cascade. */
    record Message(String selector, List<Expression> arguments, int selectorStart, int end) {
        public Message {
            arguments = List.copyOf(arguments);
        }
    }

    /** A block: {@code [:a :b | | t | statements]}. */
    record Block(List<String> arguments, List<String> temporaries, List<Statement> body, int start, int end)
            implements Expression {
        public Block {
            arguments = List.copyOf(arguments);
            temporaries = List.copyOf(temporaries);
            body = List.copyOf(body);
        }
    }

    /** A brace array {@code { e1. e2 }}: a new Array of the elements' values. */
    record Brace(List<Expression> elements, int start, int end) implements Expression {
        public Brace {
            elements = List.copyOf(elements);
        }
    }
}
