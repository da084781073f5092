package org.ozworkbench.workbench.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ozworkbench.core.compiler.ast.Expression;
import org.ozworkbench.core.compiler.ast.MethodNode;
import org.ozworkbench.core.compiler.ast.Statement;
import org.ozworkbench.core.compiler.parser.Dialect;
import org.ozworkbench.core.compiler.parser.Parser;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.Operation;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * The warning Squeak's own compiler gives before it accepts a method: a send of a selector that
 * no class of the image implements, most often a typo ({@code restoreResumptionTime} for
 * {@code restoreResumptionTimes}). The method is compiled all the same; this only says so.
 */
public final class UnknownSelectors {
    private UnknownSelectors() {
    }

    /**
     * One warning per send, in each method installed among {@code changes}, of a selector that no
     * class or metaclass of {@code space} implements once they are installed:
     * {@code Delay class>>ozwStart sends #restoreResumptionTime, which no class implements}.
     */
    public static List<String> warnings(ObjectSpace space, List<Change> changes) {
        List<Operation.MethodInstalled> installed = changes.stream()
                .filter(c -> c instanceof Change.Noted n && n.operation() instanceof Operation.MethodInstalled)
                .map(c -> (Operation.MethodInstalled) ((Change.Noted) c).operation())
                .filter(m -> m.source() != null).toList();
        if (installed.isEmpty()) {
            return List.of();
        }
        Set<String> implemented = implemented(space);
        Dialect dialect = space.hasClosures() ? Dialect.PHARO : Dialect.SQUEAK;
        List<String> warnings = new ArrayList<>();
        for (Operation.MethodInstalled m : installed) {
            for (String selector : sent(Parser.parseMethod(m.source(), dialect))) {
                if (!implemented.contains(selector)) {
                    warnings.add(m.methodName() + " sends #" + selector + ", which no class implements");
                }
            }
        }
        return warnings;
    }

    /** The selectors of every method dictionary of the space, instance and class side. */
    private static Set<String> implemented(ObjectSpace space) {
        Set<String> selectors = new HashSet<>();
        for (ClassMirror c : space.classes()) {
            selectors.addAll(c.selectors());
            selectors.addAll(c.metaclass().selectors());
        }
        return selectors;
    }

    /** The selectors a method sends, in the order they first appear. */
    private static Set<String> sent(MethodNode method) {
        Set<String> selectors = new LinkedHashSet<>();
        method.body().forEach(s -> collect(s, selectors));
        return selectors;
    }

    private static void collect(Statement statement, Set<String> selectors) {
        collect(statement.expression(), selectors);
    }

    private static void collect(Expression e, Set<String> selectors) {
        if (e instanceof Expression.Send s) {
            collect(s.receiver(), selectors);
            selectors.add(s.selector());
            s.arguments().forEach(a -> collect(a, selectors));
        } else if (e instanceof Expression.Cascade c) {
            collect(c.receiver(), selectors);
            for (Expression.Message m : c.messages()) {
                selectors.add(m.selector());
                m.arguments().forEach(a -> collect(a, selectors));
            }
        } else if (e instanceof Expression.Assignment a) {
            collect(a.value(), selectors);
        } else if (e instanceof Expression.Block b) {
            b.body().forEach(s -> collect(s, selectors));
        } else if (e instanceof Expression.Brace b) {
            b.elements().forEach(x -> collect(x, selectors));
        }
    }
}
