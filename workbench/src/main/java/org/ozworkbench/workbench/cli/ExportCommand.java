package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.ozworkbench.core.bootstrap.KernelSpec;
import org.ozworkbench.core.bootstrap.ManifestWriter;
import org.ozworkbench.core.decompiler.Decompiler;
import org.ozworkbench.core.export.ImageExport;
import org.ozworkbench.core.memory.ObjectMemory;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.report.NamePattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ozw export IMAGE --out DIR [--class PATTERN] [--category PATTERN]}: classes as chunk-format
 * files, one per system category, decompiled by the host.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the image's classes (or those matching --class and --category) as chunk-format files,"
                + " one per system category: class definitions in superclass order, then comments and methods,"
                + " decompiled by the host. ozw filein and the guest's own file-in accept them.",
                "Files already in DIR under other names are left alone; the export's files replace any of the same"
                + " name, all at once when every one is written.",
                "The whole image (no --class, no --category) is a kernel spec: its manifest and classVariables.st"
                + " go beside the files, and 'ozw bootstrap DIR --out NEW.image' builds an image from them."})
public final class ExportCommand extends ImageCommand {

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "The folder to write into (made when new).")
    Path out;

    @Option(names = "--class", paramLabel = "PATTERN",
            description = "Only classes whose name matches: a glob (Array*, *Stream) or a substring; case-insensitive.")
    String classPattern;

    @Option(names = "--category", paramLabel = "PATTERN",
            description = "Only classes whose system category matches: a glob (Scratch-*) or a substring.")
    String categoryPattern;

    @Override
    void checkArguments() {
        OutputFile.checkFolder(out);
    }

    @Override
    void run(ObjectSpace space) {
        NamePattern byName = NamePattern.of(classPattern);
        NamePattern byCategory = NamePattern.of(categoryPattern);
        List<ClassMirror> classes = ImageExport.globalClasses(space).stream()
                .filter(c -> byName.test(c.name()))
                .filter(c -> byCategory.test(c.category().orElse(Decompiler.UNCLASSIFIED)))
                .toList();
        if (classes.isEmpty()) {
            throw BadInputException.because(image + ": no class matches" + (classPattern == null ? ""
                    : " --class " + classPattern) + (categoryPattern == null ? "" : " --category " + categoryPattern)
                    + ": expected a pattern that matches a class of the image (see ozw classes)");
        }
        boolean kernelSpec = classPattern == null && categoryPattern == null;
        ImageExport export = ImageExport.of(space, classes);
        ImageExport.Result r = (kernelSpec ? export.asKernelSpec() : export).write(out);
        String manifest = null;
        if (kernelSpec) {
            manifest = writeManifest(space, r).toString();
        }
        print(Report.of(image, out, r, manifest), ExportCommand::printText);
    }

    /** The whole image exported is a kernel spec: its manifest goes beside the files; answers the manifest. */
    private Path writeManifest(ObjectSpace space, ImageExport.Result r) {
        ManifestWriter.Texts texts = ManifestWriter.of(space, image.getFileName().toString(),
                r.files().stream().map(ImageExport.ExportFile::name).toList(), r.methodHints());
        if (!texts.classVariables().isEmpty()) {
            write(out.resolve(ManifestWriter.CLASS_VARIABLES_FILE), texts.classVariables());
        }
        if (!texts.methodHints().isEmpty()) {
            write(out.resolve(ManifestWriter.METHOD_HINTS_FILE), texts.methodHints());
        }
        write(out.resolve(KernelSpec.MANIFEST), texts.manifest());
        return out.resolve(KernelSpec.MANIFEST);
    }

    private static void write(Path file, String text) {
        try {
            ObjectMemory.writeAtomically(file, text.getBytes(StandardCharsets.ISO_8859_1));
        } catch (UncheckedIOException e) {
            throw BadInputException.because(file + ": cannot be written (" + e.getMessage() + ")");
        }
    }

    /**
     * What {@code ozw export} wrote.
     *
     * @param image               the image exported
     * @param out                 the folder written into
     * @param classes             how many classes
     * @param methods             how many methods, both sides
     * @param comments            how many class comments
     * @param files               the files, in the order to file them in
     * @param fallbacks           methods written as a commented disassembly, with the reason
     * @param undeclared          methods that refer to variables declared nowhere, written apart in the last file
     * @param forwardSuperclasses classes defined in a file before their superclass's file
     * @param manifest            the kernel spec's manifest written with a whole image, or null
     * @param hintedMethods       how many methods of the kernel spec have a hint in its methodHints file
     */
    record Report(String image, String out, int classes, int methods, int comments, List<File> files,
                  List<String> fallbacks, List<String> undeclared, List<String> forwardSuperclasses,
                  String manifest, long hintedMethods) {

        /** One file: its name, its category, its classes in definition order, its methods. */
        record File(String name, String category, List<String> classes, int methods) {
        }

        static Report of(Path image, Path out, ImageExport.Result r, String manifest) {
            return new Report(image.toString(), out.toString(), r.classes(), r.methods(), r.comments(),
                    r.files().stream().map(f -> new File(f.name(), f.category(), f.classes(), f.methods())).toList(),
                    r.fallbacks(), r.undeclared(), r.forwardSuperclasses(), manifest, r.hintedMethods());
        }
    }

    static void printText(Report r, PrintWriter out) {
        Table table = Table.withHeadings("file", "classes", "methods");
        r.files().forEach(f -> table.row(f.name(), "" + f.classes().size(), "" + f.methods()));
        table.print(out);
        r.fallbacks().forEach(f -> out.println("as a commented disassembly: " + f));
        r.undeclared().forEach(u -> out.println("refers to variables declared nowhere (in the last file): " + u));
        r.forwardSuperclasses().forEach(f -> out.println("defined before its superclass's file: " + f));
        out.printf("exported %d classes, %d methods (%d as a commented disassembly), %d comments in %d file%s to %s%n",
                r.classes(), r.methods(), r.fallbacks().size(), r.comments(), r.files().size(),
                r.files().size() == 1 ? "" : "s", r.out());
        if (r.hintedMethods() > 0) {
            out.println(r.hintedMethods() + " methods whose source alone does not compile back to them have a hint in "
                    + ManifestWriter.METHOD_HINTS_FILE);
        }
        if (r.manifest() != null) {
            out.println("kernel spec: " + r.manifest() + " (ozw bootstrap " + r.out() + " --out NEW.image builds it)");
        }
    }
}
