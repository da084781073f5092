package org.ozworkbench.core.compiler.chunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.compiler.ast.Expression;
import org.ozworkbench.core.compiler.ast.Expression.Send;
import org.ozworkbench.core.compiler.ast.Expression.Variable;
import org.ozworkbench.core.compiler.ast.LiteralValue;
import org.ozworkbench.core.compiler.ast.MethodNode;
import org.ozworkbench.core.compiler.ast.Statement;
import org.ozworkbench.core.compiler.parser.LineMap;
import org.ozworkbench.core.compiler.parser.Parser;
import org.ozworkbench.core.compiler.parser.SyntaxError;

/**
 * Reads the chunk format of Smalltalk file-ins ({@code .st} fileouts, {@code .cs} change sets) into
 * {@link Chunk}s, as Squeak's {@code fileIn} does.
 *
 * <p>A chunk ends at a {@code !} that is not doubled; {@code !!} inside a chunk is one {@code !};
 * separators before a chunk are skipped. A chunk that begins with {@code !} is a section header,
 * evaluated in Squeak for a reader of what follows: {@code Foo methodsFor: 'cat'} (also
 * {@code methodsFor:stamp:} and {@code methodsFor:stamp:prior:}, and {@code Foo class ...} for the
 * class side) is followed by method chunks up to an empty chunk ({@code ! !});
 * {@code Foo commentStamp: '...' prior: 0} by the class comment; {@code Foo reorganize} by the
 * method organization. A {@code ]style[} chunk after a method (Squeak's text emphasis) is skipped.
 * Every other chunk is a doIt; doIts that are class definitions with literal arguments become
 * {@link Chunk.ClassDefinition} or {@link Chunk.ClassSideDefinition}, recognised on the parsed
 * AST. A doIt that does not parse is kept as a {@link Chunk.DoItChunk}: compiling it reports the
 * error (see {@link ChunkFormatException#syntaxError}).
 *
 * <p>Line ends may be CR (classic Squeak), LF or CRLF. Stateless and thread-safe.
 */
public final class ChunkReader {
    private static final char TERMINATOR = '!';
    private static final String STYLE_TAG = "]style[";
    private static final String CLASS_SIDE = "class";
    private static final List<String> METHODS_FOR = List.of("methodsFor:", "methodsFor:stamp:",
            "methodsFor:stamp:prior:");
    private static final List<String> COMMENT_STAMP = List.of("commentStamp:prior:", "commentStamp:");
    private static final String REORGANIZE = "reorganize";
    private static final String CLASS_DEFINITION_KEYWORDS =
            "instanceVariableNames:classVariableNames:poolDictionaries:category:";
    private static final String CLASS_SIDE_DEFINITION = "instanceVariableNames:";

    private final String text;
    private final String fileName;
    private final LineMap lines;
    private final List<Chunk> chunks = new ArrayList<>();
    private int pos;

    /** The text of one chunk, and the offset in the file where it starts. */
    private record RawChunk(String text, int start) {
    }

    /** A class named in a section header, or its metaclass. */
    private record ClassReference(String name, boolean isMeta) {
    }

    private ChunkReader(String text, String fileName) {
        this.text = text;
        this.fileName = fileName;
        this.lines = LineMap.of(text);
    }

    /**
     * The chunks of {@code text}, in order. {@code fileName} is only used in error messages.
     *
     * @throws ChunkFormatException for a section header that is not Smalltalk or not a known one
     */
    public static List<Chunk> read(String text, String fileName) {
        ChunkReader reader = new ChunkReader(text, fileName);
        reader.readAll();
        return List.copyOf(reader.chunks);
    }

    private void readAll() {
        while (true) {
            skipSeparators();
            if (pos >= text.length()) {
                return;
            }
            if (text.charAt(pos) == TERMINATOR) {
                pos++;
                section();
            } else {
                RawChunk chunk = nextChunk();
                chunks.add(doIt(chunk));
            }
        }
    }

    private void skipSeparators() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    /** Squeak's {@code nextChunk}: separators skipped, up to the next single {@code !}. */
    private RawChunk nextChunk() {
        skipSeparators();
        int start = pos;
        StringBuilder chunk = new StringBuilder();
        while (pos < text.length()) {
            int bang = text.indexOf(TERMINATOR, pos);
            if (bang < 0) {
                chunk.append(text, pos, text.length());
                pos = text.length();
                break;
            }
            chunk.append(text, pos, bang);
            pos = bang + 1;
            if (pos < text.length() && text.charAt(pos) == TERMINATOR) {
                chunk.append(TERMINATOR);
                pos++;
            } else {
                break;
            }
        }
        return new RawChunk(chunk.toString(), start);
    }

    private void skipStyleChunk() {
        int save = pos;
        skipSeparators();
        if (text.startsWith(STYLE_TAG, pos)) {
            nextChunk();
        } else {
            pos = save;
        }
    }

    private void section() {
        RawChunk header = nextChunk();
        if (header.text().isEmpty()) {
            return; // a stray "! !": an empty chunk
        }
        int line = lines.line(header.start());
        Send send = singleSend(header, line, lines.column(header.start()));
        ClassReference target = send == null ? null : classReference(send.receiver());
        if (target == null) {
            throw ChunkFormatException.unknownSection(fileName, line, header.text());
        }
        String selector = send.selector();
        if (METHODS_FOR.contains(selector)) {
            String category = stringArgument(send, 0);
            Optional<String> stamp = send.arguments().size() > 1 ? Optional.ofNullable(stringArgument(send, 1))
                    : Optional.empty();
            if (category == null) {
                throw ChunkFormatException.unknownSection(fileName, line, header.text());
            }
            methods(target, category, stamp);
        } else if (COMMENT_STAMP.contains(selector) && !target.isMeta()) {
            Optional<String> stamp = Optional.ofNullable(stringArgument(send, 0));
            RawChunk comment = nextChunk();
            skipStyleChunk();
            chunks.add(new Chunk.ClassComment(target.name(), comment.text(), stamp, line));
        } else if (REORGANIZE.equals(selector)) {
            RawChunk organization = nextChunk();
            chunks.add(new Chunk.Organization(target.name(), target.isMeta(), organization.text(), line));
        } else {
            throw ChunkFormatException.unknownSection(fileName, line, header.text());
        }
    }

    private void methods(ClassReference target, String category, Optional<String> stamp) {
        while (true) {
            RawChunk method = nextChunk();
            if (method.text().isEmpty()) {
                return;
            }
            chunks.add(new Chunk.MethodChunk(target.name(), target.isMeta(), category, method.text(),
                    lines.line(method.start()), stamp));
            skipStyleChunk();
        }
    }

    /** The one message send a header consists of, or null. */
    private Send singleSend(RawChunk header, int line, int column) {
        MethodNode node;
        try {
            node = Parser.parseDoIt(header.text());
        } catch (SyntaxError e) {
            throw ChunkFormatException.badSectionHeader(fileName, line, column, e);
        }
        return singleSend(node);
    }

    private static Send singleSend(MethodNode node) {
        if (!node.temporaries().isEmpty() || node.body().size() != 1
                || !(node.body().get(0) instanceof Statement.Evaluate evaluate)
                || !(evaluate.expression() instanceof Send send)) {
            return null;
        }
        return send;
    }

    /** {@code Foo} or {@code Foo class}. */
    private static ClassReference classReference(Expression receiver) {
        if (receiver instanceof Variable variable) {
            return new ClassReference(variable.name(), false);
        }
        if (receiver instanceof Send send && send.selector().equals(CLASS_SIDE)
                && send.receiver() instanceof Variable variable) {
            return new ClassReference(variable.name(), true);
        }
        return null;
    }

    /** The String (or Symbol) literal argument at {@code index}, or null. */
    private static String stringArgument(Send send, int index) {
        if (index < send.arguments().size() && send.arguments().get(index) instanceof Expression.Literal literal) {
            if (literal.value() instanceof LiteralValue.StringValue string) {
                return string.value();
            }
            if (literal.value() instanceof LiteralValue.SymbolValue symbol) {
                return symbol.value();
            }
        }
        return null;
    }

    private Chunk doIt(RawChunk chunk) {
        int line = lines.line(chunk.start());
        Chunk plain = new Chunk.DoItChunk(chunk.text(), line);
        Send send;
        try {
            send = singleSend(Parser.parseDoIt(chunk.text()));
        } catch (SyntaxError e) {
            return plain;
        }
        if (send == null) {
            return plain;
        }
        Chunk definition = classDefinition(send, chunk.text(), line);
        if (definition == null) {
            definition = classSideDefinition(send, chunk.text(), line);
        }
        return definition != null ? definition : plain;
    }

    private static Chunk classDefinition(Send send, String source, int line) {
        Chunk.ClassDefinition.Kind kind = Arrays.stream(Chunk.ClassDefinition.Kind.values())
                .filter(k -> send.selector().equals(k.keyword() + CLASS_DEFINITION_KEYWORDS))
                .findFirst().orElse(null);
        if (kind == null || !(send.receiver() instanceof Variable superclass)) {
            return null;
        }
        String className = stringArgument(send, 0);
        String instanceVariables = stringArgument(send, 1);
        String classVariables = stringArgument(send, 2);
        String pools = stringArgument(send, 3);
        String category = stringArgument(send, 4);
        if (className == null || instanceVariables == null || classVariables == null || pools == null
                || category == null) {
            return null;
        }
        Optional<String> superclassName = superclass.name().equals("nil") ? Optional.empty()
                : Optional.of(superclass.name());
        return new Chunk.ClassDefinition(kind, superclassName, className, names(instanceVariables),
                names(classVariables), names(pools), category, source, line);
    }

    private static Chunk classSideDefinition(Send send, String source, int line) {
        ClassReference target = classReference(send.receiver());
        String instanceVariables = stringArgument(send, 0);
        if (!send.selector().equals(CLASS_SIDE_DEFINITION) || target == null || !target.isMeta()
                || instanceVariables == null) {
            return null;
        }
        return new Chunk.ClassSideDefinition(target.name(), names(instanceVariables), source, line);
    }

    /** Names separated by whitespace, as Squeak's {@code subStrings} splits them. */
    private static List<String> names(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }
}
