package org.dicomflow.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a tool's arguments in order: options with values ({@code -c X}, {@code --timeout 5},
 * {@code --timeout=5}), flags, and operands. Errors are {@link UsageException}s with a readable message.
 */
final class Arguments {

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private final String[] args;
    private int next;
    private String pendingValue;
    private final List<String> operands = new ArrayList<>();

    Arguments(String[] args) {
        this.args = args;
    }

    /** The next option name, or null at the end; operands are collected on the way. */
    String nextOption() {
        pendingValue = null;
        while (next < args.length) {
            String a = args[next++];
            if (a.startsWith("-") && a.length() > 1) {
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    pendingValue = a.substring(eq + 1);
                    return a.substring(0, eq);
                }
                return a;
            }
            operands.add(a);
        }
        return null;
    }

    String value(String option) throws UsageException {
        if (pendingValue != null) {
            String v = pendingValue;
            pendingValue = null;
            return v;
        }
        if (next >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[next++];
    }

    int intValue(String option, int min, int max) throws UsageException {
        String v = value(option);
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                throw new UsageException(option + ": " + i + " is not in " + min + "-" + max);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": '" + v + "' is not a whole number");
        }
    }

    double positiveSeconds(String option) throws UsageException {
        String v = value(option);
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d > 0) || d > 86_400) {
                throw new UsageException(option + ": " + v + " is not a number of seconds in (0, 86400]");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": '" + v + "' is not a number of seconds");
        }
    }

    List<String> operands() {
        return operands;
    }

    /** For commands that take options only: refuses the first operand. */
    void requireNoOperands() throws UsageException {
        if (!operands.isEmpty()) {
            throw new UsageException("unexpected '" + operands.get(0) + "'");
        }
    }

    /**
     * Reports a usage error of {@code command} the one way every command does: its name and the problem, then
     * {@code usage} (if any), on {@code err}; returns {@link ExitCode#USAGE}.
     */
    static int usageError(String command, UsageException e, String usage, java.io.PrintStream err) {
        err.println("dicomflow " + command + ": " + e.getMessage());
        if (usage != null) {
            err.println(usage);
        }
        return ExitCode.USAGE;
    }
}
