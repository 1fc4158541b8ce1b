package org.dicomflow.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code dicomflow COMMAND [options]}: the command-line tools. Plain Java on the same bundles as the
 * workstation and the node, so a tool starts as fast as a dcmtk one. Each command returns its exit code.
 */
public final class Main {

    /** A command-line tool. */
    public interface Command {
        String summary();

        int run(String[] args, PrintStream out, PrintStream err);
    }

    static final Map<String, Command> COMMANDS = new TreeMap<>(Map.of("echo", new EchoCommand(), "dump", new DumpCommand(),
            "store", new StoreCommand(), "find", new FindCommand(), "move", RetrieveCommand.move(), "get",
            RetrieveCommand.get(), "ls", new LsCommand(), "reindex", new ReindexCommand()));

    private Main() {
    }

    /**
     * Output is UTF-8 whatever the locale: DICOM text comes in many character sets and a C/POSIX locale (as on
     * servers and in CI) would turn every non-ASCII character into '?'.
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        if (GracefulStop.signalled()) {
            // the signal's shutdown ends the process with the signal's status once the tool's hook is done
            return;
        }
        System.exit(code);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("-h") || args[0].equals("--help")) {
            usage(out);
            return 0;
        }
        Command c = COMMANDS.get(args[0]);
        if (c == null) {
            err.println("dicomflow: unknown command '" + args[0] + "' (dicomflow help lists the commands)");
            return ExitCode.USAGE;
        }
        return c.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }

    private static void usage(PrintStream out) {
        out.println("usage: dicomflow [COMMAND [options]]");
        out.println("  (no command)  open the workstation");
        out.println(String.format("  %-12s  %s", "node", "run the headless DICOM node (dicomflow node --help)"));
        out.println(String.format("  %-12s  %s", "anonymize", "de-identify files, PS3.15 Annex E or an installed anonymizer"));
        COMMANDS.forEach((name, c) -> out.println(String.format("  %-12s  %s", name, c.summary())));
        out.println("Run 'dicomflow COMMAND --help' for a command's options.");
    }
}
