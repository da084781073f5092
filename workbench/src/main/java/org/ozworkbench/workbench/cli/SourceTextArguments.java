package org.ozworkbench.workbench.cli;

import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * For commands that take Smalltalk source as a parameter: an argument that starts with a minus
 * but is none of the command's options ({@code '-7 \\ 2'}, a binary method {@code '- aNumber ...'})
 * is a parameter, not an unknown option. {@code --} still ends the options.
 */
public final class SourceTextArguments implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec commandSpec) {
        commandSpec.parser().unmatchedOptionsArePositionalParams(true);
        return commandSpec;
    }
}
