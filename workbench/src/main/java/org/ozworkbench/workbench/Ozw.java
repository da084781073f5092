package org.ozworkbench.workbench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ozworkbench.workbench.cli.BenchCommand;
import org.ozworkbench.workbench.cli.BootCommand;
import org.ozworkbench.workbench.cli.BootstrapCommand;
import org.ozworkbench.workbench.cli.ClassesCommand;
import org.ozworkbench.workbench.cli.CompileCommand;
import org.ozworkbench.workbench.cli.EvalCommand;
import org.ozworkbench.workbench.cli.ExportCommand;
import org.ozworkbench.workbench.cli.FileInCommand;
import org.ozworkbench.workbench.cli.ReplayCommand;
import org.ozworkbench.workbench.cli.RollbackCommand;
import org.ozworkbench.workbench.cli.SurgeryCommand;
import org.ozworkbench.workbench.cli.DemoCommand;
import org.ozworkbench.workbench.cli.DiffCommand;
import org.ozworkbench.workbench.cli.ErrorHandler;
import org.ozworkbench.workbench.cli.Failure;
import org.ozworkbench.workbench.cli.GlobalsCommand;
import org.ozworkbench.workbench.cli.InspectCommand;
import org.ozworkbench.workbench.cli.JournalCommand;
import org.ozworkbench.workbench.cli.MethodsCommand;
import org.ozworkbench.workbench.cli.ObjectCommand;
import org.ozworkbench.workbench.cli.ProcessesCommand;
import org.ozworkbench.workbench.cli.SaveCommand;
import org.ozworkbench.workbench.cli.ServeCommand;
import org.ozworkbench.workbench.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code ozw} command line: looks into Squeak V3 images through the core's mirrors.
 *
 * <p>{@code new CommandLine(new Ozw()).execute(args)} runs a command in-process, with the
 * workbench's error handling: any failure prints one line {@code ozw: <message>} on the error
 * writer and answers exit code 2 for bad input or usage, 1 otherwise; {@code --verbose} adds the
 * stack trace.
 */
@Command(name = "ozw",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        modelTransformer = Ozw.ErrorHandling.class,
        description = "Oz Workbench: inspect, browse and change Squeak V3 images from the JVM.")
public final class Ozw implements Callable<Integer> {
    /** The commands, in the order {@code ozw --help} lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            InspectCommand.class,
            ClassesCommand.class,
            MethodsCommand.class,
            ProcessesCommand.class,
            GlobalsCommand.class,
            ObjectCommand.class,
            SaveCommand.class,
            DiffCommand.class,
            CompileCommand.class,
            FileInCommand.class,
            ExportCommand.class,
            SurgeryCommand.class,
            RollbackCommand.class,
            ReplayCommand.class,
            EvalCommand.class,
            BootCommand.class,
            BootstrapCommand.class,
            JournalCommand.class,
            ServeCommand.class,
            DemoCommand.class,
            BenchCommand.class);

    /** The subcommands of the commands that have some. */
    private static final Map<Class<?>, List<Class<?>>> SUBCOMMANDS = Map.of(
            JournalCommand.class, JournalCommand.SUBCOMMANDS,
            BenchCommand.class, BenchCommand.SUBCOMMANDS);

    /**
     * The names of the command, and of its subcommand, that the arguments start with: the command
     * line offers those alone at their level (every command when empty).
     */
    private final List<String> named;

    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace after the one-line message.")
    private boolean verbose;

    /** The command line with every command. */
    public Ozw() {
        this(List.of());
    }

    private Ozw(List<String> named) {
        this.named = named;
    }

    /**
     * The command line for {@code args}: when they start with a command's name (and a
     * subcommand's), with that command (and subcommand) alone, since picocli builds the model of
     * every command it holds (reflection over each option, about half of a one-shot command's
     * start); otherwise (help, a usage error) with all of that level.
     */
    public static Ozw forArguments(String... args) {
        List<String> named = new ArrayList<>();
        List<Class<?>> level = COMMANDS;
        for (String arg : args) {
            Optional<Class<?>> command = level.stream().filter(c -> nameOf(c).equals(arg)).findFirst();
            if (command.isEmpty()) {
                break;
            }
            named.add(arg);
            level = SUBCOMMANDS.getOrDefault(command.get(), List.of());
        }
        return new Ozw(List.copyOf(named));
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** Adds to {@code parent} the {@code commands} of level {@code depth} that the Ozw offers, each with its subcommands. */
    private void addCommands(CommandLine parent, List<Class<?>> commands, int depth) {
        for (Class<?> command : commands) {
            if (depth < named.size() && !nameOf(command).equals(named.get(depth))) {
                continue;
            }
            CommandLine commandLine = new CommandLine(command, parent.getFactory());
            addCommands(commandLine, SUBCOMMANDS.getOrDefault(command, List.of()), depth + 1);
            parent.addSubcommand(commandLine);
        }
    }

    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = new CommandLine(forArguments(args)).execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // Picocli hands exceptions to the ErrorHandler; errors of the JVM itself come out here.
            System.err.println("ozw: the host ran out of " + (e instanceof StackOverflowError ? "stack" : "heap")
                    + " (" + e.getClass().getSimpleName() + "): the input is beyond what ozw handles; please report"
                    + " it (--verbose prints where)");
            if (Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace();
            }
            exitCode = Failure.ERROR.exitCode();
        }
        System.exit(exitCode);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: one of " + spec.subcommands().keySet());
    }

    /**
     * Adds the Ozw's commands to the CommandLine being built for it and installs the workbench's
     * exception handlers, so that a plain {@code new CommandLine(new Ozw())} (the tests, an
     * embedding tool) behaves as the {@code ozw} launcher does. Picocli applies model transformers
     * once the CommandLine exists.
     */
    public static final class ErrorHandling implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec commandSpec) {
            CommandLine commandLine = commandSpec.commandLine();
            if (commandLine != null) {
                ((Ozw) commandSpec.userObject()).addCommands(commandLine, COMMANDS, 0);
                ErrorHandler handler = new ErrorHandler();
                commandLine.setExecutionExceptionHandler(handler);
                commandLine.setParameterExceptionHandler(handler);
            }
            return commandSpec;
        }
    }
}
