package org.ozworkbench.core.compiler.parser;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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

/**
 * Prints an AST back to Smalltalk source with as few parentheses as precedence allows, for the
 * round-trip property: print, parse again, and the AST is the same but for the spans.
 */
final class AstPrinter {
    private static final Pattern PLAIN_SYMBOL = Pattern.compile("[A-Za-z][A-Za-z0-9:]*");
    private static final Pattern BINARY_SYMBOL = Pattern.compile("\\||[-+*/\\\\<>=~@%&?,][+*/\\\\<>=~@%&?,]*");
    private static final int PRIMARY = 0;
    private static final int UNARY = 1;
    private static final int BINARY = 2;
    private static final int KEYWORD = 3;
    private static final int ANY = 5;

    private AstPrinter() {
    }

    /** A method, with its pattern. */
    static String printMethod(MethodNode method) {
        return print(method, true);
    }

    /** A doIt: no pattern. */
    static String printDoIt(MethodNode method) {
        return print(method, false);
    }

    private static String print(MethodNode method, boolean withPattern) {
        StringBuilder out = new StringBuilder();
        if (withPattern) {
            out.append(pattern(method.selector(), method.arguments())).append('\n');
        }
        for (Pragma pragma : method.pragmas()) {
            out.append('\t').append(pragma(pragma)).append('\n');
        }
        if (!method.temporaries().isEmpty()) {
            out.append("\t| ").append(String.join(" ", method.temporaries())).append(" |\n");
        }
        out.append(method.body().stream().map(s -> "\t" + statement(s)).collect(Collectors.joining(".\n")));
        return out.toString();
    }

    private static String pattern(String selector, List<String> arguments) {
        if (arguments.isEmpty()) {
            return selector;
        }
        if (!selector.endsWith(":")) {
            return selector + " " + arguments.get(0);
        }
        String[] keywords = selector.split("(?<=:)");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keywords.length; i++) {
            out.append(i == 0 ? "" : " ").append(keywords[i]).append(' ').append(arguments.get(i));
        }
        return out.toString();
    }

    private static String pragma(Pragma pragma) {
        if (pragma.arguments().isEmpty()) {
            return "<" + pragma.keyword() + ">";
        }
        String[] keywords = pragma.keyword().split("(?<=:)");
        StringBuilder out = new StringBuilder("<");
        for (int i = 0; i < keywords.length; i++) {
            out.append(i == 0 ? "" : " ").append(keywords[i]).append(' ').append(literal(pragma.arguments().get(i)));
        }
        return out.append('>').toString();
    }

    private static String statement(Statement statement) {
        String expression = expression(statement.expression(), ANY);
        return statement instanceof Statement.Return ? "^ " + expression : expression;
    }

    private static int precedence(Expression expression) {
        if (expression instanceof Send send) {
            return messagePrecedence(send.selector(), send.arguments().size());
        }
        if (expression instanceof Cascade) {
            return KEYWORD + 1;
        }
        if (expression instanceof Assignment) {
            return ANY;
        }
        return PRIMARY;
    }

    private static int messagePrecedence(String selector, int arity) {
        if (arity == 0) {
            return UNARY;
        }
        return selector.endsWith(":") ? KEYWORD : BINARY;
    }

    /** {@code expression}, in parentheses if its precedence is above {@code allowed}. */
    private static String expression(Expression expression, int allowed) {
        String text = bare(expression);
        return precedence(expression) > allowed ? "(" + text + ")" : text;
    }

    private static String bare(Expression expression) {
        if (expression instanceof Variable variable) {
            return variable.name();
        }
        if (expression instanceof Literal literal) {
            return literal(literal.value());
        }
        if (expression instanceof Assignment assignment) {
            return assignment.variable().name() + " := " + expression(assignment.value(), ANY);
        }
        if (expression instanceof Send send) {
            int receiverAllowed = messagePrecedence(send.selector(), send.arguments().size()) == UNARY ? UNARY : BINARY;
            return expression(send.receiver(), receiverAllowed) + " "
                    + message(send.selector(), send.arguments());
        }
        if (expression instanceof Cascade cascade) {
            Message first = cascade.messages().get(0);
            int receiverAllowed = messagePrecedence(first.selector(), first.arguments().size()) == UNARY ? UNARY : BINARY;
            return expression(cascade.receiver(), receiverAllowed) + " " + cascade.messages().stream()
                    .map(m -> message(m.selector(), m.arguments())).collect(Collectors.joining("; "));
        }
        if (expression instanceof Block block) {
            StringBuilder out = new StringBuilder("[");
            for (String argument : block.arguments()) {
                out.append(':').append(argument).append(' ');
            }
            if (!block.arguments().isEmpty()) {
                out.append("| ");
            }
            if (!block.temporaries().isEmpty()) {
                out.append("| ").append(String.join(" ", block.temporaries())).append(" | ");
            }
            out.append(block.body().stream().map(AstPrinter::statement).collect(Collectors.joining(". ")));
            return out.append(']').toString();
        }
        if (expression instanceof Brace brace) {
            return "{" + brace.elements().stream().map(e -> expression(e, ANY)).collect(Collectors.joining(". "))
                    + "}";
        }
        throw new IllegalArgumentException("unknown expression " + expression);
    }

    private static String message(String selector, List<Expression> arguments) {
        if (arguments.isEmpty()) {
            return selector;
        }
        if (!selector.endsWith(":")) {
            return selector + " " + expression(arguments.get(0), UNARY);
        }
        String[] keywords = selector.split("(?<=:)");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keywords.length; i++) {
            out.append(i == 0 ? "" : " ").append(keywords[i]).append(' ').append(expression(arguments.get(i), BINARY));
        }
        return out.toString();
    }

    static String literal(LiteralValue value) {
        if (value instanceof LiteralValue.IntegerValue i) {
            return i.value().toString();
        }
        if (value instanceof LiteralValue.FloatValue f) {
            return floatLiteral(f.value());
        }
        if (value instanceof LiteralValue.ScaledDecimalValue s) {
            return scaledDecimal(s);
        }
        if (value instanceof LiteralValue.CharacterValue c) {
            return "$" + c.value();
        }
        if (value instanceof LiteralValue.StringValue s) {
            return quoted(s.value());
        }
        if (value instanceof LiteralValue.SymbolValue s) {
            String name = s.value();
            return PLAIN_SYMBOL.matcher(name).matches() || BINARY_SYMBOL.matcher(name).matches() ? "#" + name
                    : "#" + quoted(name);
        }
        if (value instanceof LiteralValue.ConstantValue c) {
            return c.name();
        }
        if (value instanceof LiteralValue.ArrayValue a) {
            return "#(" + a.elements().stream().map(AstPrinter::literal).collect(Collectors.joining(" ")) + ")";
        }
        if (value instanceof LiteralValue.ByteArrayValue b) {
            StringBuilder out = new StringBuilder("#[");
            byte[] bytes = b.bytes();
            for (int i = 0; i < bytes.length; i++) {
                out.append(i == 0 ? "" : " ").append(bytes[i] & 0xFF);
            }
            return out.append(']').toString();
        }
        throw new IllegalArgumentException("unknown literal " + value);
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * The shortest form if the parser reads it back to the same double (Squeak 3's stepwise
     * rounding may not), else the exact decimal expansion, which it reads exactly.
     */
    private static String floatLiteral(double value) {
        String shortest = Double.toString(value).replace("E", "e");
        MethodNode reparsed = Parser.parseExpression(shortest);
        Literal literal = (Literal) reparsed.body().get(0).expression();
        if (literal.value() instanceof LiteralValue.FloatValue f && Double.compare(f.value(), value) == 0) {
            return shortest;
        }
        String exact = new BigDecimal(value).toPlainString();
        return exact.contains(".") ? exact : exact + ".0";
    }

    private static String scaledDecimal(LiteralValue.ScaledDecimalValue value) {
        BigInteger power = BigInteger.ONE;
        int digits = 0;
        while (!power.mod(value.denominator()).equals(BigInteger.ZERO)) {
            power = power.multiply(BigInteger.TEN);
            digits++;
        }
        BigInteger scaled = value.numerator().abs().multiply(power.divide(value.denominator()));
        String plain = new BigDecimal(scaled, digits).toPlainString();
        return (value.numerator().signum() < 0 ? "-" : "") + plain + "s" + value.scale();
    }
}
