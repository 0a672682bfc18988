package org.scattering4j.cli;

import java.io.PrintStream;

/**
 * A subcommand of the {@code scattering4j} launcher. Modules contribute commands through
 * {@code META-INF/services/org.scattering4j.cli.Command}, so the launcher dispatches each subcommand
 * to the module that owns it without the modules depending on each other.
 */
public interface Command {
    /** The subcommand name, e.g. {@code scatter1d}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** Full usage text, printed for {@code --help} and on a usage error. */
    String usage();

    /**
     * Runs the command. Returns the process exit code (0 on success). Throw {@link UsageException}
     * for bad options (the launcher prints the message and the usage, exit 2); throw
     * {@link IllegalArgumentException} or an {@link java.io.IOException} for bad input (message, exit 1).
     */
    int run(Args args, PrintStream out, PrintStream err) throws Exception;
}
