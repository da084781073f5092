package org.ozworkbench.core.compiler.parser;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.ozworkbench.core.compiler.ast.Expression;
import org.ozworkbench.core.compiler.ast.Expression.Assignment;
import org.ozworkbench.core.compiler.ast.Expression.Block;
import org.ozworkbench.core.compiler.ast.Expression.Brace;
import org.ozworkbench.core.compiler.ast.Expression.Cascade;
import org.ozworkbench.core.compiler.ast.Expression.Literal;
import org.ozworkbench.core.compiler.ast.Expression.Message;
import org.ozworkbench.core.compiler.ast.Expression.Send;
import org.ozworkbench.core.compiler.ast.Expression.Variable;
import org.ozworkbench.core.compiler.ast.LiteralValue;
import org.ozworkbench.core.compiler.ast.MethodNode;
import org.ozworkbench.core.compiler.ast.Pragma;
import org.ozworkbench.core.compiler.ast.Statement;
import org.ozworkbench.core.compiler.parser.Token.Kind;

/**
 * Parses Smalltalk-80 source as Squeak 2.2/3.x and Pharo (Candle) write it into the
 * {@link org.ozworkbench.core.compiler.ast AST}. Every node carries its source span. Variables
 * are left unresolved, and nothing is inlined: that is the compiler's business.
 *
 * <p>Where the syntax is ambiguous the parser decides as Squeak 3 does, except where noted:
 * <ul>
 * <li>A {@code -} is part of a number literal only where an operand is expected and only when a
 * digit follows it directly: {@code 3 - -2}, {@code 3--2} and {@code #(1 -2)} hold -2, while
 * {@code 3 -2}, {@code 3-2} and {@code x -1} send {@code -}. (Squeak 3 also reads {@code - 2},
 * with a space, as -2 where an operand is expected; this parser refuses it.)</li>
 * <li>An underscore is the assignment arrow ({@code a _ 3}, and {@code a_b} is {@code a := b}) in
 * {@link Dialect#SQUEAK}, and a letter in {@link Dialect#PHARO}.</li>
 * <li>{@code 1e10} is the Integer 10000000000. An integer with a negative exponent is a Fraction
 * in Squeak 3 ({@code 2e-2} is 1/50); the AST has no fractions, so it is the nearest
 * {@link LiteralValue.FloatValue} unless it is integral ({@code 100e-2} is 1).</li>
 * <li>Digits above 9 in a radix number are upper-case ({@code 16r1F}); {@code 16r1e2} is
 * {@code 1 * (16 raisedTo: 2)}, as in Squeak 3.</li>
 * <li>A cascade part is exactly one message ({@code a foo; bar: 1 + 2; baz}); the cascade goes to
 * the receiver of the last message before the first {@code ;}. A parenthesised expression
 * cannot be cascaded.</li>
 * <li>Inside a literal array, bare words and keywords ({@code foo:bar:}) are Symbols,
 * {@code true}, {@code false} and {@code nil} are {@link LiteralValue.ConstantValue}s, a
 * parenthesised list is a nested array and a bracketed list of numbers a byte array; other
 * delimiters ({@code ] . ; ^ _}) are one-character Symbols, as Squeak 3 reads them.</li>
 * <li>{@code #[} followed by a number or {@code ]} opens a byte array; otherwise it is the Symbol
 * {@code #[} (Squeak 2.x/3.x have no byte array literals and Scratch's sources use {@code #[} and
 * {@code #]} as Symbols). {@code #]}, {@code #_}, {@code #^} and the like are Symbols.</li>
 * <li>Pragmas may come before and after the temporaries. A pragma argument is a literal; a bare
 * word ({@code <primitive: 60 error: ec>}) is given as a Symbol.</li>
 * <li>Nothing may follow a return statement in the same sequence, and two periods in a row are
 * refused, as in Squeak.</li>
 * </ul>
 *
 * <p>Failures are {@link SyntaxError}s with line, column and a caret report. Parsing is
 * stateless from the outside: the static methods are thread-safe.
 */
public final class Parser {
    private static final int DESCRIBED_TOKEN_LENGTH = 30;

    private final String source;
    private final Scanner scanner;
    private Token token;
    private Token peeked;
    private int lastEnd;
    /** How many parentheses, blocks, braces, literal arrays and assignments the parser is inside. */
    private int nesting;

    /** A parsed expression with its extent including any parentheses around it. */
    private record Operand(Expression expression, int start, int end) {
        boolean isParenthesised() {
            return start != expression.start();
        }
    }

    private Parser(String source, Dialect dialect) {
        this.source = source;
        this.scanner = new Scanner(source, dialect);
        this.token = scanner.next();
    }

    /** A method: pattern, pragmas and temporaries (in either order), statements. Squeak syntax. */
    public static MethodNode parseMethod(String source) {
        return parseMethod(source, Dialect.SQUEAK);
    }

    /** A method in the given dialect. */
    public static MethodNode parseMethod(String source, Dialect dialect) {
        return checked(new Parser(source, dialect).method());
    }

    /**
     * A doIt: optional temporaries and statements, as a method with the selector
     * {@value Syntax#DOIT_SELECTOR} and no arguments. The last statement is left as it is (an
     * Evaluate, unless it returns): answering its value is the compiler's decision.
     */
    public static MethodNode parseDoIt(String source) {
        return parseDoIt(source, Dialect.SQUEAK);
    }

    /** A doIt in the given dialect. */
    public static MethodNode parseDoIt(String source, Dialect dialect) {
        return checked(new Parser(source, dialect).doIt());
    }

    /** The same as {@link #parseDoIt(String)}: an expression is parsed as a doIt. */
    public static MethodNode parseExpression(String source) {
        return parseDoIt(source, Dialect.SQUEAK);
    }

    /** The same as {@link #parseDoIt(String, Dialect)}. */
    public static MethodNode parseExpression(String source, Dialect dialect) {
        return parseDoIt(source, dialect);
    }

    private static MethodNode checked(MethodNode method) {
        NestingLimit.check(method);
        return method;
    }

    /** One level deeper, refused past {@link NestingLimit#MAX_DEPTH} before the recursion gets deep. */
    private void enter(int offset) {
        if (++nesting > NestingLimit.MAX_DEPTH) {
            throw NestingLimit.tooDeep(source, offset);
        }
    }

    private void leave() {
        nesting--;
    }

    // ---- tokens

    private Token advance() {
        Token current = token;
        lastEnd = current.end();
        token = peeked != null ? peeked : scanner.next();
        peeked = null;
        return current;
    }

    private Token peek() {
        if (peeked == null) {
            peeked = scanner.next();
        }
        return peeked;
    }

    private String describe(Token t) {
        if (t.is(Kind.END)) {
            return "the end of the text";
        }
        String text = source.substring(t.start(), t.end());
        return "'" + (text.length() > DESCRIBED_TOKEN_LENGTH ? text.substring(0, DESCRIBED_TOKEN_LENGTH) + "..." : text)
                + "'";
    }

    private SyntaxError expected(String what) {
        return SyntaxError.expected(source, token.start(), what, describe(token));
    }

    private boolean atNegativeNumber() {
        return token.isBinary("-") && peek().is(Kind.NUMBER) && peek().start() == token.end();
    }

    // ---- methods and doIts

    private MethodNode method() {
        String selector;
        List<String> arguments = new ArrayList<>();
        switch (token.kind()) {
            case IDENTIFIER -> selector = advance().text();
            case BINARY -> {
                selector = advance().text();
                arguments.add(name("an argument name after '" + selector + "'"));
            }
            case KEYWORD -> {
                StringBuilder keywords = new StringBuilder();
                while (token.is(Kind.KEYWORD)) {
                    String keyword = advance().text();
                    keywords.append(keyword);
                    arguments.add(name("an argument name after '" + keyword + "'"));
                }
                selector = keywords.toString();
            }
            default -> throw expected("a message pattern (a selector and its argument names)");
        }
        List<Pragma> pragmas = new ArrayList<>();
        List<String> temporaries = List.of();
        boolean temporariesRead = false;
        while (true) {
            if (token.isBinary("<")) {
                pragmas.add(pragma());
            } else if (token.isBinary("<>")) {
                throw SyntaxError.emptyPragma(source, token.start() + 1);
            } else if (token.isBinary("|") && !temporariesRead) {
                temporaries = temporaries();
                temporariesRead = true;
            } else {
                break;
            }
        }
        List<Statement> body = statements(false);
        checkEnd();
        return new MethodNode(selector, arguments, temporaries, pragmas, body, source, 0, source.length());
    }

    private MethodNode doIt() {
        List<String> temporaries = token.isBinary("|") ? temporaries() : List.of();
        List<Statement> body = statements(false);
        checkEnd();
        return new MethodNode(Syntax.DOIT_SELECTOR, List.of(), temporaries, List.of(), body, source, 0,
                source.length());
    }

    /** An argument, temporary or block argument name. */
    private String name(String what) {
        if (!token.is(Kind.IDENTIFIER)) {
            throw expected(what);
        }
        if (Syntax.PSEUDO_VARIABLES.contains(token.text())) {
            throw SyntaxError.expected(source, token.start(), what, describe(token) + ", which is a pseudo-variable");
        }
        return advance().text();
    }

    private List<String> temporaries() {
        Token open = advance();
        List<String> names = new ArrayList<>();
        while (token.is(Kind.IDENTIFIER)) {
            names.add(name("a temporary variable name"));
        }
        if (token.isBinary("|")) {
            advance();
            return names;
        }
        if (token.is(Kind.END)) {
            throw SyntaxError.unclosed(source, token.start(), "'|'", "temporary variable declaration", open.start());
        }
        throw expected("a temporary variable name or '|'");
    }

    private Pragma pragma() {
        Token open = advance();
        StringBuilder keyword = new StringBuilder();
        List<LiteralValue> arguments = new ArrayList<>();
        if (token.is(Kind.IDENTIFIER)) {
            keyword.append(advance().text());
        } else if (token.is(Kind.KEYWORD)) {
            while (token.is(Kind.KEYWORD)) {
                String part = advance().text();
                keyword.append(part);
                arguments.add(pragmaArgument(part));
            }
        } else if (token.isBinary(">")) {
            throw SyntaxError.emptyPragma(source, token.start());
        } else {
            throw expected("a pragma keyword such as 'primitive:'");
        }
        if (!token.isBinary(">")) {
            throw SyntaxError.unclosed(source, token.start(), "'>'", "pragma", open.start());
        }
        Token close = advance();
        return new Pragma(keyword.toString(), arguments, open.start(), close.end());
    }

    private LiteralValue pragmaArgument(String keyword) {
        switch (token.kind()) {
            case NUMBER, STRING, CHARACTER, SYMBOL -> {
                return advance().value();
            }
            case LITERAL_ARRAY -> {
                return literalArray();
            }
            case BYTE_ARRAY -> {
                return byteArrayOrBracketSymbol();
            }
            case IDENTIFIER -> {
                return constantOrSymbol(advance().text());
            }
            default -> {
                if (atNegativeNumber()) {
                    return negativeNumber();
                }
                throw expected("a literal argument after '" + keyword + "'");
            }
        }
    }

    // ---- statements

    private boolean atSequenceEnd(boolean inBlock) {
        return token.is(inBlock ? Kind.RIGHT_BRACKET : Kind.END);
    }

    private List<Statement> statements(boolean inBlock) {
        List<Statement> statements = new ArrayList<>();
        while (!atSequenceEnd(inBlock)) {
            if (token.is(Kind.RETURN)) {
                Token caret = advance();
                Operand value = expression("an expression to return after '^'");
                statements.add(new Statement.Return(value.expression(), caret.start(), value.end()));
                if (token.is(Kind.PERIOD)) {
                    advance();
                }
                boolean closer = token.is(Kind.END) || token.is(Kind.RIGHT_BRACKET) || token.is(Kind.RIGHT_PAREN)
                        || token.is(Kind.RIGHT_BRACE);
                if (!closer) {
                    throw SyntaxError.at(source, token.start(), SyntaxError.Kind.NOTHING_MORE_EXPECTED,
                            "nothing more expected after a return statement, but found " + describe(token));
                }
                break;
            }
            Operand expression = expression("a statement");
            statements.add(new Statement.Evaluate(expression.expression(), expression.start(), expression.end()));
            if (!token.is(Kind.PERIOD)) {
                break;
            }
            advance();
            if (token.is(Kind.PERIOD)) {
                throw expected("a statement after '.'");
            }
        }
        return statements;
    }

    /** After the statements of a method or doIt: the end of the text. */
    private void checkEnd() {
        if (token.is(Kind.END)) {
            return;
        }
        throw switch (token.kind()) {
            case RIGHT_BRACKET -> SyntaxError.nothingMoreExpected(source, token.start(), "']'",
                    ", which closes no block");
            case RIGHT_PAREN -> SyntaxError.nothingMoreExpected(source, token.start(), "')'",
                    ", which closes no parenthesis");
            case RIGHT_BRACE -> SyntaxError.nothingMoreExpected(source, token.start(), "'}'",
                    ", which closes no brace array");
            case RETURN -> SyntaxError.misplacedReturn(source, token.start());
            default -> SyntaxError.nothingMoreExpected(source, token.start(), describe(token),
                    " (is a '.' missing before it?)");
        };
    }

    // ---- expressions

    private Operand expression(String what) {
        if (token.is(Kind.IDENTIFIER) && peek().is(Kind.ASSIGN)) {
            Token name = advance();
            if (Syntax.PSEUDO_VARIABLES.contains(name.text())) {
                throw SyntaxError.notAssignable(source, name.start(),
                        "cannot store into '" + name.text() + "': it is a pseudo-variable");
            }
            advance();
            enter(name.start());
            Operand value = expression("a value to assign after ':='");
            leave();
            Variable variable = new Variable(name.text(), name.start(), name.end());
            return new Operand(new Assignment(variable, value.expression(), name.start(), value.end()), name.start(),
                    value.end());
        }
        Operand operand = cascade(what);
        if (token.is(Kind.ASSIGN)) {
            throw SyntaxError.notAssignable(source, token.start(), "only a variable can be assigned: '"
                    + token.text() + "' must follow a variable name (use parentheses for an assignment inside"
                    + " an expression)");
        }
        return operand;
    }

    private Operand cascade(String what) {
        Operand first = keywordExpression(what);
        if (!token.is(Kind.SEMICOLON)) {
            return first;
        }
        if (!(first.expression() instanceof Send send) || first.isParenthesised()) {
            throw SyntaxError.at(source, token.start(), SyntaxError.Kind.EXPECTED, first.isParenthesised()
                    ? "a parenthesised expression cannot be cascaded: ';' must follow a message send"
                    : "expected a message before ';' (a cascade sends more messages to the receiver of a message)");
        }
        List<Message> messages = new ArrayList<>();
        messages.add(new Message(send.selector(), send.arguments(), send.selectorStart(), first.end()));
        int end = first.end();
        while (token.is(Kind.SEMICOLON)) {
            advance();
            Message message = cascadeMessage();
            messages.add(message);
            end = message.end();
        }
        return new Operand(new Cascade(send.receiver(), messages, first.start(), end), first.start(), end);
    }

    /** One message after a {@code ;}: unary, binary or keyword. */
    private Message cascadeMessage() {
        switch (token.kind()) {
            case IDENTIFIER -> {
                Token selector = advance();
                return new Message(selector.text(), List.of(), selector.start(), selector.end());
            }
            case BINARY -> {
                Token selector = advance();
                Operand argument = unaryExpression("an argument after '" + selector.text() + "'");
                return new Message(selector.text(), List.of(argument.expression()), selector.start(), argument.end());
            }
            case KEYWORD -> {
                int selectorStart = token.start();
                StringBuilder selector = new StringBuilder();
                List<Expression> arguments = new ArrayList<>();
                int end = selectorStart;
                while (token.is(Kind.KEYWORD)) {
                    String keyword = advance().text();
                    selector.append(keyword);
                    Operand argument = binaryExpression("an argument after '" + keyword + "'");
                    arguments.add(argument.expression());
                    end = argument.end();
                }
                return new Message(selector.toString(), arguments, selectorStart, end);
            }
            default -> throw expected("a message after ';'");
        }
    }

    private Operand keywordExpression(String what) {
        Operand receiver = binaryExpression(what);
        if (!token.is(Kind.KEYWORD)) {
            return receiver;
        }
        int selectorStart = token.start();
        StringBuilder selector = new StringBuilder();
        List<Expression> arguments = new ArrayList<>();
        int end = receiver.end();
        while (token.is(Kind.KEYWORD)) {
            String keyword = advance().text();
            selector.append(keyword);
            Operand argument = binaryExpression("an argument after '" + keyword + "'");
            arguments.add(argument.expression());
            end = argument.end();
        }
        Send send = new Send(receiver.expression(), selector.toString(), arguments, selectorStart, receiver.start(), end);
        return new Operand(send, receiver.start(), end);
    }

    private Operand binaryExpression(String what) {
        Operand left = unaryExpression(what);
        while (token.is(Kind.BINARY)) {
            Token selector = advance();
            Operand right = unaryExpression("an argument after '" + selector.text() + "'");
            Send send = new Send(left.expression(), selector.text(), List.of(right.expression()), selector.start(),
                    left.start(), right.end());
            left = new Operand(send, left.start(), right.end());
        }
        return left;
    }

    private Operand unaryExpression(String what) {
        Operand receiver = primary(what);
        // An identifier followed by ':=' starts the next statement (after a missing period), not a message.
        while (token.is(Kind.IDENTIFIER) && !peek().is(Kind.ASSIGN)) {
            Token selector = advance();
            Send send = new Send(receiver.expression(), selector.text(), List.of(), selector.start(), receiver.start(),
                    selector.end());
            receiver = new Operand(send, receiver.start(), selector.end());
        }
        return receiver;
    }

    private Operand primary(String what) {
        switch (token.kind()) {
            case IDENTIFIER -> {
                Token name = advance();
                return plain(new Variable(name.text(), name.start(), name.end()));
            }
            case NUMBER, STRING, CHARACTER, SYMBOL -> {
                Token literal = advance();
                return plain(new Literal(literal.value(), literal.start(), literal.end()));
            }
            case LITERAL_ARRAY, BYTE_ARRAY -> {
                int start = token.start();
                enter(start);
                LiteralValue value = token.is(Kind.LITERAL_ARRAY) ? literalArray() : byteArrayOrBracketSymbol();
                leave();
                return plain(new Literal(value, start, lastEnd));
            }
            case LEFT_PAREN -> {
                Token open = advance();
                enter(open.start());
                Operand inner = expression("an expression after '('");
                leave();
                if (!token.is(Kind.RIGHT_PAREN)) {
                    throw SyntaxError.unclosed(source, token.start(), "')'", "parenthesis", open.start());
                }
                Token close = advance();
                return new Operand(inner.expression(), open.start(), close.end());
            }
            case LEFT_BRACKET -> {
                enter(token.start());
                Block block = block();
                leave();
                return plain(block);
            }
            case LEFT_BRACE -> {
                enter(token.start());
                Brace brace = brace();
                leave();
                return plain(brace);
            }
            case RETURN -> throw SyntaxError.misplacedReturn(source, token.start());
            case ASSIGN -> throw SyntaxError.notAssignable(source, token.start(),
                    "'" + token.text() + "' must follow the name of the variable to assign");
            default -> {
                if (atNegativeNumber()) {
                    int start = token.start();
                    LiteralValue value = negativeNumber();
                    return plain(new Literal(value, start, lastEnd));
                }
                throw expected(what);
            }
        }
    }

    private static Operand plain(Expression expression) {
        return new Operand(expression, expression.start(), expression.end());
    }

    private Block block() {
        Token open = advance();
        List<String> arguments = new ArrayList<>();
        while (token.is(Kind.COLON)) {
            advance();
            arguments.add(name("a block argument name after ':'"));
        }
        if (!arguments.isEmpty()) {
            if (token.isBinary("|")) {
                advance();
            } else if (!token.is(Kind.RIGHT_BRACKET)) {
                throw expected("'|' after the block arguments");
            }
        }
        List<String> temporaries = token.isBinary("|") ? temporaries() : List.of();
        List<Statement> body = statements(true);
        if (!token.is(Kind.RIGHT_BRACKET)) {
            throw switch (token.kind()) {
                case END, RIGHT_PAREN, RIGHT_BRACE ->
                        SyntaxError.unclosed(source, token.start(), "']'", "block", open.start());
                case RETURN -> SyntaxError.misplacedReturn(source, token.start());
                default -> {
                    LineMap lines = LineMap.of(source);
                    yield expected("'.' or ']' (in the block opened at line " + lines.line(open.start()) + ":"
                            + lines.column(open.start()) + ")");
                }
            };
        }
        Token close = advance();
        return new Block(arguments, temporaries, body, open.start(), close.end());
    }

    private Brace brace() {
        Token open = advance();
        List<Expression> elements = new ArrayList<>();
        while (!token.is(Kind.RIGHT_BRACE)) {
            elements.add(expression("an element of the brace array").expression());
            if (token.is(Kind.PERIOD)) {
                advance();
            } else if (!token.is(Kind.RIGHT_BRACE)) {
                throw switch (token.kind()) {
                    case END, RIGHT_PAREN, RIGHT_BRACKET ->
                            SyntaxError.unclosed(source, token.start(), "'}'", "brace array", open.start());
                    default -> expected("'.' or '}' after an element of the brace array");
                };
            }
        }
        Token close = advance();
        return new Brace(elements, open.start(), close.end());
    }

    // ---- literals

    /** {@code -} then a number right after it: the negated number. */
    private LiteralValue negativeNumber() {
        advance();
        LiteralValue value = advance().value();
        if (value instanceof LiteralValue.IntegerValue i) {
            return new LiteralValue.IntegerValue(i.value().negate());
        }
        if (value instanceof LiteralValue.FloatValue f) {
            return new LiteralValue.FloatValue(-f.value());
        }
        if (value instanceof LiteralValue.ScaledDecimalValue d) {
            return new LiteralValue.ScaledDecimalValue(d.numerator().negate(), d.denominator(), d.scale());
        }
        throw new IllegalStateException("a number token holds " + value);
    }

    private static LiteralValue constantOrSymbol(String word) {
        return Syntax.LITERAL_CONSTANTS.contains(word) ? new LiteralValue.ConstantValue(word)
                : new LiteralValue.SymbolValue(word);
    }

    /** From {@code #(} or, nested, {@code (} to the matching {@code )}. */
    private LiteralValue.ArrayValue literalArray() {
        Token open = advance();
        List<LiteralValue> elements = new ArrayList<>();
        while (!token.is(Kind.RIGHT_PAREN)) {
            switch (token.kind()) {
                case NUMBER, STRING, CHARACTER, SYMBOL -> elements.add(advance().value());
                case IDENTIFIER -> elements.add(constantOrSymbol(advance().text()));
                case KEYWORD -> {
                    // foo:bar: is one Symbol: keywords and words written without space between
                    StringBuilder symbol = new StringBuilder(advance().text());
                    while ((token.is(Kind.KEYWORD) || token.is(Kind.IDENTIFIER)) && token.start() == lastEnd) {
                        symbol.append(advance().text());
                    }
                    elements.add(new LiteralValue.SymbolValue(symbol.toString()));
                }
                case BINARY -> elements.add(atNegativeNumber() ? negativeNumber()
                        : new LiteralValue.SymbolValue(advance().text()));
                case LITERAL_ARRAY, LEFT_PAREN -> {
                    enter(token.start());
                    elements.add(literalArray());
                    leave();
                }
                case BYTE_ARRAY, LEFT_BRACKET -> elements.add(byteArrayOrBracketSymbol());
                case RIGHT_BRACKET, LEFT_BRACE, RIGHT_BRACE, PERIOD, SEMICOLON, RETURN, ASSIGN, COLON ->
                        // Squeak reads these as the Symbols #] #{ #} #. #; #^ #_ #:= #:
                        elements.add(new LiteralValue.SymbolValue(source.substring(token.start(), advance().end())));
                case END -> throw SyntaxError.unclosed(source, token.start(), "')'", "literal array", open.start());
                default -> throw expected("a literal array element or ')'");
            }
        }
        advance();
        return new LiteralValue.ArrayValue(elements);
    }

    /**
     * {@code #[} (or {@code [} inside a literal array) then a number or {@code ]} opens a byte array;
     * otherwise it is the Symbol {@code #[}, as in Squeak 2.x/3.x, which have no byte array
     * literals (Scratch writes {@code #(... #[ 'Zoom out' ... #] ...)}).
     */
    private LiteralValue byteArrayOrBracketSymbol() {
        if (peek().is(Kind.NUMBER) || peek().is(Kind.RIGHT_BRACKET)) {
            return byteArray();
        }
        advance();
        return new LiteralValue.SymbolValue("[");
    }

    /** From {@code #[} (or {@code [} inside a literal array) to the matching {@code ]}. */
    private LiteralValue.ByteArrayValue byteArray() {
        Token open = advance();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!token.is(Kind.RIGHT_BRACKET)) {
            if (token.is(Kind.END)) {
                throw SyntaxError.unclosed(source, token.start(), "']'", "byte array", open.start());
            }
            boolean isByte = token.value() instanceof LiteralValue.IntegerValue i
                    && i.value().signum() >= 0 && i.value().compareTo(BigInteger.valueOf(Syntax.MAX_BYTE)) <= 0;
            if (!isByte) {
                if (token.is(Kind.NUMBER) || atNegativeNumber()) {
                    throw SyntaxError.badLiteral(source, token.start(), "a byte array element must be an integer"
                            + " from 0 to " + Syntax.MAX_BYTE + ", not " + describe(token));
                }
                throw expected("a byte (an integer from 0 to " + Syntax.MAX_BYTE + ") or ']'");
            }
            bytes.write(((LiteralValue.IntegerValue) advance().value()).value().intValue());
        }
        advance();
        return new LiteralValue.ByteArrayValue(bytes.toByteArray());
    }
}
