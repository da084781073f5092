package org.ozworkbench.core.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.ozworkbench.core.boot.BootScript;
import org.ozworkbench.core.boot.NamedFilePrimitives;
import org.ozworkbench.core.compiler.CompileError;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.compiler.parser.SyntaxError;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.space.DoItSource;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/**
 * A corpus evaluated by the real VM, all expressions in one boot: each expression becomes a method
 * of nil's class (so one that does not compile stands alone), guarded by ifError: exactly as
 * {@code ObjectSpace.evaluate} guards it; a boot process calls them in order and appends one
 * record per answer to a file ({@code index length text}, so the guest escapes nothing), the file
 * opened and closed for each record so that whatever was written survives a stall. When the VM
 * stalls or dies, the run's time limit ends it, the expression after the last record written
 * gets no answer, and a new boot of a fresh copy goes on from the one after it (unless two boots
 * in a row answer nothing: then the rest get no answer).
 */
final class RealVmBatch {
    static final String COMPILE_ERROR = "Compile error";
    private static final String RECORDS = "corpus.out";
    private static final String DONE = "corpus.done";
    private static final String RUN_SELECTOR = "ozwCorpusRun";
    private static final String WRITE_SELECTOR = "ozwCorpusWrite:";
    /** Boots in a row that answer nothing at all before the batch gives up (the VM does not run the driver). */
    private static final int MAX_SILENT_BOOTS = 2;

    private final RealVm vm;
    private final Path image;
    private final Path dir;
    private final Duration timeout;
    private int boots;
    private Duration elapsed = Duration.ZERO;

    RealVmBatch(RealVm vm, Path image, Path dir, Duration timeout) {
        this.vm = vm;
        this.image = image;
        this.dir = dir;
        this.timeout = timeout;
    }

    /** How many times the VM booted in the last {@link #run}. */
    int boots() {
        return boots;
    }

    /** Wall time the VM runs of the last {@link #run} took, together. */
    Duration elapsed() {
        return elapsed;
    }

    /** The answer to each expression, in order; empty where the VM gave none (it stalled or died there). */
    List<Optional<String>> run(List<String> expressions) {
        boots = 0;
        elapsed = Duration.ZERO;
        List<Optional<String>> answers = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            answers.add(Optional.empty());
        }
        int start = 0;
        int silentBoots = 0;
        while (start < expressions.size() && silentBoots < MAX_SILENT_BOOTS) {
            Boot boot = boot(expressions, start);
            boot.records().forEach((index, text) -> answers.set(index, Optional.of(text)));
            int next = boot.compiled().stream().filter(i -> !boot.records().containsKey(i)).findFirst().orElse(-1);
            if (next < 0) {
                break;
            }
            silentBoots = boot.compiled().stream().anyMatch(boot.records()::containsKey) ? 0 : silentBoots + 1;
            start = next + 1;
        }
        return answers;
    }

    private record Boot(List<Integer> compiled, TreeMap<Integer, String> records) {
    }

    /** One boot of a fresh copy evaluating the expressions from {@code start}; compile errors are answered here. */
    private Boot boot(List<String> expressions, int start) {
        ObjectSpace space = ObjectSpace.load(image);
        boolean candle = space.smalltalk().isEmpty();
        if (space.contract().dialect().equals("squeak2")) {
            NamedFilePrimitives.install(space);
        }
        Compiler compiler = Compiler.on(space);
        ClassMirror nilClass = space.nilObject().classMirror();
        TreeMap<Integer, String> answers = new TreeMap<>();
        List<Integer> compiled = new ArrayList<>();
        for (int i = start; i < expressions.size(); i++) {
            try {
                compiler.install(nilClass, expressionMethod(selector(i), expressions.get(i)));
                compiled.add(i);
            } catch (SyntaxError | CompileError compileError) {
                answers.put(i, COMPILE_ERROR);
            }
        }
        Path records = dir.resolve(RECORDS);
        compiler.install(nilClass, writer(candle, records));
        compiler.install(nilClass, driver(arrayClassName(space), compiled));
        Path done = dir.resolve(DONE);
        BootScript script = BootScript.on(space, done);
        script.code().pushNil().send(RUN_SELECTOR, 0);
        script.installAsActiveProcess(space.scheduler().activeProcess().priority());
        Path copy = dir.resolve("corpus-" + boots + ".image");
        space.save(copy);
        deleteIfExists(records);
        RealVmRun run = vm.boot(copy, done, timeout);
        boots++;
        elapsed = elapsed.plus(run.elapsed());
        deleteIfExists(copy);
        answers.putAll(readRecords(records));
        return new Boot(compiled, answers);
    }

    static String selector(int index) {
        return "ozwCorpus" + (index + 1) + ":";
    }

    /**
     * The expression as a method answering its value, or the mark (holding the error message)
     * when it signals an error: the same statements, temporaries and ifError: guard as the doIt
     * {@code ObjectSpace.evaluate} compiles.
     */
    static String expressionMethod(String selector, String expression) {
        DoItSource source = DoItSource.split(expression);
        return selector + " ozwMark\n\t| " + source.temporaries() + " |\n\t^ [" + source.statements()
                + "\n] ifError: [:ozwMessage :ozwReceiver |\n"
                + "\tozwMark at: 1 put: ozwMessage. ozwMark]";
    }

    /** Appends one record to the records file: opened, written and closed each time. */
    private static String writer(boolean candle, Path records) {
        if (candle) {
            return WRITE_SELECTOR + " aString\n\tPCSystem append: aString toFile: '" + records.getFileName() + "'";
        }
        return WRITE_SELECTOR + " aString\n\t| f |\n\tf := StandardFileStream fileNamed: '" + records.toAbsolutePath()
                + "'.\n\tf setToEnd; nextPutAll: aString; nextPutAll: (String with: (Character value: 10)); close";
    }

    /** Evaluates the compiled expressions in order; each answer printed as the host prints it. */
    private static String driver(String arrayClass, List<Integer> compiled) {
        StringBuilder indices = new StringBuilder();
        StringBuilder selectors = new StringBuilder();
        for (int i : compiled) {
            indices.append(' ').append(i);
            selectors.append(" #").append(selector(i));
        }
        return RUN_SELECTOR + "\n\t| indices selectors mark value line |\n"
                + "\tindices := #(" + indices + ").\n"
                + "\tselectors := #(" + selectors + ").\n"
                + "\t1 to: indices size do: [:k |\n"
                + "\t\tmark := " + arrayClass + " new: 1.\n"
                + "\t\tvalue := nil perform: (selectors at: k) with: mark.\n"
                + "\t\tline := value == mark\n"
                + "\t\t\tifTrue: [['Error: ' , (mark at: 1)] ifError: [:m :r | 'Error: (no text)']]\n"
                + "\t\t\tifFalse: [[value printString] ifError: [:m :r | 'printString failed: ' , m]].\n"
                + "\t\tnil " + WRITE_SELECTOR + " (indices at: k) printString , ' ' , line size printString , ' ' , line].\n"
                + "\t^ 'done'";
    }

    private static String arrayClassName(ObjectSpace space) {
        Object arrayClass = space.memory().specialObject(SpecialObject.CLASS_ARRAY.index());
        return space.classMirror((GuestObject) arrayClass).name();
    }

    /** The records written: {@code index length text}, separated by line ends; a cut last record is dropped. */
    static TreeMap<Integer, String> readRecords(Path file) {
        TreeMap<Integer, String> records = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return records;
        }
        String all;
        try {
            all = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int at = 0;
        while (true) {
            while (at < all.length() && (all.charAt(at) == '\n' || all.charAt(at) == '\r')) {
                at++;
            }
            int space1 = all.indexOf(' ', at);
            int space2 = space1 < 0 ? -1 : all.indexOf(' ', space1 + 1);
            if (space2 < 0) {
                return records;
            }
            int index = Integer.parseInt(all.substring(at, space1));
            int length = Integer.parseInt(all.substring(space1 + 1, space2));
            if (space2 + 1 + length > all.length()) {
                return records;
            }
            records.put(index, all.substring(space2 + 1, space2 + 1 + length));
            at = space2 + 1 + length;
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
