package org.ozworkbench.workbench.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ozw journal log|show|tail|salvage|checkpoint DIR}: reads a journal folder (salvage copies it into a new
 * one, checkpoint adds a checkpoint to it).
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
        description = "Read a journal: its surgeries, one surgery's changes, or its events as they come.")
public final class JournalCommand implements Callable<Integer> {
    /** Its subcommands, which {@code Ozw} adds (only the one named, when one is). */
    public static final List<Class<?>> SUBCOMMANDS = List.of(JournalLogCommand.class, JournalShowCommand.class,
            JournalTailCommand.class, JournalSalvageCommand.class, JournalCheckpointCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: one of " + spec.subcommands().keySet());
    }
}
