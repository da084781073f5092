package org.ozworkbench.core.compiler.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import org.ozworkbench.core.compiler.ast.MethodNode;

/**
 * Parses test sources and checks, for every one, the properties all parses must have: spans are
 * consistent, and printing the AST and parsing the print gives the same AST but for spans.
 */
final class Sources {
    private Sources() {
    }

    static MethodNode method(String source) {
        return checked(Parser.parseMethod(source), Parser::parseMethod, true);
    }

    static MethodNode doIt(String source) {
        return checked(Parser.parseDoIt(source), Parser::parseDoIt, false);
    }

    static MethodNode checked(MethodNode parsed, Function<String, MethodNode> parser, boolean isMethod) {
        SpanChecker.check(parsed);
        String printed = isMethod ? AstPrinter.printMethod(parsed) : AstPrinter.printDoIt(parsed);
        MethodNode reparsed = parser.apply(printed);
        assertThat(Unspanned.of(reparsed)).as("reparsed from:%n%s", printed).isEqualTo(Unspanned.of(parsed));
        SpanChecker.check(reparsed);
        return parsed;
    }
}
