package org.scattering4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Entry point of the {@code scattering4j} launcher: finds the subcommands of every module on the class
 * path (a {@link ServiceLoader} of {@link Command}) and runs the one named by the first argument.
 *
 * <p>Exit codes: 0 success, 1 bad input or failure (message on stderr), 2 usage error.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs a command line and returns its exit code, without calling {@link System#exit}. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        Map<String, Command> commands = new TreeMap<>();
        for (Command c : ServiceLoader.load(Command.class)) {
            commands.put(c.name(), c);
        }
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            err.println("usage: scattering4j COMMAND [options]   (scattering4j COMMAND --help for details)");
            err.println("commands:");
            for (Command c : commands.values()) {
                err.printf("  %-12s %s%n", c.name(), c.summary());
            }
            return argv.length == 0 ? 2 : 0;
        }
        Command c = commands.get(argv[0]);
        if (c == null) {
            err.println("scattering4j: unknown command '" + argv[0] + "'; known: " + String.join(", ", commands.keySet()));
            return 2;
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.println(c.usage());
            return 0;
        }
        try {
            return c.run(Args.parse(rest, flagsOf(c)), out, err);
        } catch (UsageException e) {
            err.println("scattering4j " + c.name() + ": " + e.getMessage());
            err.println();
            err.println(c.usage());
            return 2;
        } catch (IllegalArgumentException | IllegalStateException | IOException | UncheckedIOException e) {
            err.println("scattering4j " + c.name() + ": error: " + e.getMessage());
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("scattering4j " + c.name() + ": out of memory; raise the heap with JAVA_OPTS=-Xmx...");
            return 1;
        } catch (Exception e) {
            err.println("scattering4j " + c.name() + ": unexpected failure: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private static Set<String> flagsOf(Command c) {
        return c instanceof HasFlags ? ((HasFlags) c).flags() : Set.of();
    }

    /** Implemented by commands that have value-less options such as {@code --no-rotation-covariant}. */
    public interface HasFlags {
        Set<String> flags();
    }
}
