package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/**
 * The guest accepts our export: {@code ozw export} of Scratch's own categories ({@code Scratch-*},
 * 122 classes) is filed into a copy of Scratch by the guest's own file-in ({@code FileStream>>fileIn},
 * which evaluates the class definitions and compiles every method with the guest's Compiler) in the
 * real VM. The copy reports what its compiler said instead of opening windows: {@code
 * SyntaxError>>notify:at:in:} (the requestor a file-in compiles with) and {@code Encoder>>undeclared:}
 * (an undeclared variable, which the guest otherwise notes on the Transcript) record a notice and go
 * on as before; an error anywhere is caught by {@code ifError:}. The marker the guest writes gives the
 * methods now installed that were not there before, the notices and the errors, for the category files
 * and then for the last file, which holds the one method of the set that refers to a variable declared
 * nowhere (its one notice is expected).
 */
class ExportGuestFileInTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String CATEGORIES = "Scratch-*";
    private static final int AT_LEAST_CLASSES = 50;

    @TempDir
    Path dir;

    private final Path scratch = ImageAssumptions.assumeScratchImage();
    private final RealVm vm = ImageAssumptions.assumeRealVm();

    @Test
    void theGuestsOwnFileInCompilesEveryExportedMethodOfScratchsCategoriesWithoutANotice() {
        Path out = dir.resolve("export");
        OzwRun export = ozw("export", scratch, "--category", CATEGORIES, "--out", out, "--json");
        assertThat(export.exitCode()).as(export.err()).isZero();
        JsonNode report = export.json();
        int classes = report.get("classes").asInt();
        int methods = report.get("methods").asInt();
        List<String> categoryFiles = new ArrayList<>();
        List<String> undeclaredFiles = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        report.get("files").forEach(f -> {
            (f.get("classes").isEmpty() ? undeclaredFiles : categoryFiles).add(out.resolve(f.get("name").asText())
                    .toAbsolutePath().toString());
            f.get("classes").forEach(c -> classNames.add(c.asText()));
        });
        assertThat(classes).isGreaterThanOrEqualTo(AT_LEAST_CLASSES).isEqualTo(classNames.size());
        assertThat(report.get("fallbacks")).isEmpty();
        assertThat(report.get("undeclared")).hasSize(undeclaredFiles.size());

        Path image = dir.resolve("filein.image");
        Path marker = dir.resolve("filein.marker");
        try (ObjectSpace space = ObjectSpace.load(scratch)) {
            space.classNamed("SyntaxError").orElseThrow().compile("notify: t1 at: t2 in: t3\n"
                    + "\t| n |\n\tn := Smalltalk at: #OzwNotices ifAbsent: [nil].\n"
                    + "\tn isNil ifFalse: [n add: 'syntax error: ' , t1 , ' at ' , t2 printString].\n\t^ false", "ozw");
            space.classNamed("Encoder").orElseThrow().compile("undeclared: t1\n"
                    + "\t| n t2 |\n\tn := Smalltalk at: #OzwNotices ifAbsent: [nil].\n"
                    + "\tn isNil ifFalse: [n add: 'undeclared: ' , t1 , ' in ' , self classEncoding name].\n"
                    + "\tt2 := t1 asSymbol.\n\tUndeclared at: t2 put: nil.\n"
                    + "\t^ self global: (Undeclared associationAt: t2) name: t2", "ozw");
            space.classNamed("SystemDictionary").orElseThrow().compile(FILE_IN_HELPER, "ozw-probe");
            space.classNamed("SystemDictionary").orElseThrow().compile(bootScript(classNames, categoryFiles,
                    undeclaredFiles, marker), "ozw-probe");
            space.save(image);
        }
        long start = System.nanoTime();
        RealVmRun run = vm.boot(image, marker, TIMEOUT);
        String answer = run.markerOrFail();
        System.out.printf("[export] %d classes, %d methods of %s exported in %d files; the guest's file-in in the real"
                + " VM (%.1f s): %s%n", classes, methods, CATEGORIES, categoryFiles.size() + undeclaredFiles.size(),
                (System.nanoTime() - start) / 1e9, answer.replace('\r', '|'));
        int undeclared = report.get("undeclared").size();
        assertThat(answer.lines().findFirst().orElseThrow()).isEqualTo("category files: methods " + (methods - undeclared)
                + " notices 0 errors 0; last file: methods " + undeclared + " notices " + undeclared + " errors 0");
    }

    /**
     * {@code SystemDictionary>>readDocumentFile}, which Scratch sends after its startup list: files in
     * each file, counts the methods of the exported classes that are new, writes the marker, quits.
     */
    private static String bootScript(List<String> classNames, List<String> categoryFiles, List<String> undeclaredFiles,
                                     Path marker) {
        return "readDocumentFile\n"
                + "\t| classes f line |\n"
                + "\tclasses := " + literalArray(classNames) + " collect: [:n | Smalltalk at: n asSymbol].\n"
                + "\tline := (self ozwFileIn: " + literalArray(categoryFiles) + " classes: classes) , '; last file: '"
                + " , (self ozwFileIn: " + literalArray(undeclaredFiles) + " classes: classes).\n"
                + "\tf := StandardFileStream fileNamed: '" + quote(marker.toAbsolutePath().toString()) + "'.\n"
                + "\tf nextPutAll: 'category files: ' , line; nextPutAll: (String with: Character cr).\n"
                + "\t(Smalltalk at: #OzwAllNotices) do: [:n | f nextPutAll: n; nextPutAll: (String with: Character cr)].\n"
                + "\tf close.\n"
                + "\tSmalltalk quitPrimitive";
    }

    private static String literalArray(List<String> strings) {
        return strings.stream().map(s -> "'" + quote(s) + "'").collect(Collectors.joining(" ", "#(", ")"));
    }

    private static String quote(String s) {
        return s.replace("'", "''");
    }

    /** The helper the boot script calls: files in some files and counts what came of it. */
    static final String FILE_IN_HELPER = "ozwFileIn: paths classes: classes\n"
            + "\t| notices errors before methods all |\n"
            + "\tnotices := OrderedCollection new.\n"
            + "\tSmalltalk at: #OzwNotices put: notices.\n"
            + "\tall := Smalltalk at: #OzwAllNotices ifAbsent: [Smalltalk at: #OzwAllNotices put: OrderedCollection new].\n"
            + "\tbefore := IdentitySet new.\n"
            + "\tclasses do: [:c | c selectors do: [:s | before add: (c compiledMethodAt: s)].\n"
            + "\t\tc class selectors do: [:s | before add: (c class compiledMethodAt: s)]].\n"
            + "\terrors := 0.\n"
            + "\tpaths do: [:p | [(FileStream readOnlyFileNamed: p) fileIn]\n"
            + "\t\tifError: [:m :r | errors := errors + 1. notices add: 'error in ' , p , ': ' , m asString]].\n"
            + "\tmethods := 0.\n"
            + "\tclasses do: [:c | c selectors do: [:s | (before includes: (c compiledMethodAt: s)) ifFalse: [methods := methods + 1]].\n"
            + "\t\tc class selectors do: [:s | (before includes: (c class compiledMethodAt: s)) ifFalse: [methods := methods + 1]]].\n"
            + "\tall addAll: notices.\n"
            + "\tSmalltalk at: #OzwNotices put: nil.\n"
            + "\t^ 'methods ' , methods printString , ' notices ' , notices size printString , ' errors ' , errors printString";
}
