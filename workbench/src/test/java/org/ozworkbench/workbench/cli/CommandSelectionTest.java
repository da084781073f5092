package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.ozworkbench.workbench.Ozw;
import picocli.CommandLine;

/**
 * The launcher's command line holds only the command (and subcommand) its arguments name, so that
 * picocli does not build the model of all of them at each start; help and usage errors see all.
 */
class CommandSelectionTest {
    private static final int COMMANDS = 21;

    @Test
    void aCommandLineHoldsTheCommandItsArgumentsName() {
        CommandLine inspect = new CommandLine(Ozw.forArguments("inspect", "Scratch.image"));
        assertThat(inspect.getSubcommands().keySet()).containsExactly("inspect");

        CommandLine log = new CommandLine(Ozw.forArguments("journal", "log", "j"));
        assertThat(log.getSubcommands().keySet()).containsExactly("journal");
        assertThat(log.getSubcommands().get("journal").getSubcommands().keySet()).containsExactly("log");
    }

    @Test
    void helpAndUnknownNamesSeeEveryCommandOfTheirLevel() {
        CommandLine help = new CommandLine(Ozw.forArguments("--help"));
        assertThat(help.getSubcommands()).hasSize(COMMANDS);
        assertThat(help.getSubcommands().get("journal").getSubcommands().keySet())
                .containsExactly("log", "show", "tail", "salvage", "checkpoint");

        CommandLine unknown = new CommandLine(Ozw.forArguments("journal", "nope"));
        assertThat(unknown.getSubcommands().keySet()).containsExactly("journal");
        assertThat(unknown.getSubcommands().get("journal").getSubcommands()).hasSize(JournalCommand.SUBCOMMANDS.size());
        assertThat(new CommandLine(new Ozw()).getSubcommands()).hasSize(COMMANDS);
    }

    @Test
    void everyBenchCommandAnswersHelp() {
        for (String[] args : new String[][] {{"bench", "--help"}, {"bench", "memory", "--help"},
                {"bench", "bootstrap", "--help"}, {"bench", "interpreter", "--help"}}) {
            CommandLine cli = new CommandLine(Ozw.forArguments(args));
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(new StringWriter(), true));

            assertThat(cli.execute(args)).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).as(String.join(" ", args))
                    .startsWith("Usage: ozw " + String.join(" ", java.util.Arrays.copyOf(args, args.length - 1)));
        }
    }

    @Test
    void aSubcommandAloneKeepsTheWorkbenchErrorHandling() {
        String[] args = {"journal", "log", "--bogus", "j"};
        CommandLine cli = new CommandLine(Ozw.forArguments(args));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));

        assertThat(cli.execute(args)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("ozw: Unknown option: '--bogus' (see 'ozw journal log --help')"
                + System.lineSeparator());
    }
}
