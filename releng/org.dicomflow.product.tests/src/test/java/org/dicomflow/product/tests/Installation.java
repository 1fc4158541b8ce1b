package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The installation built by this reactor, driven through its {@code dicomflow} launcher as a user would.
 * Each test gets its own instance folder ({@code DICOMFLOW_INSTANCE}) so tests never share etc/ or state.
 */
final class Installation {

    private final Path home;

    private Installation(Path home) {
        this.home = home;
    }

    static Installation built() {
        Path home = Path.of(System.getProperty("dicomflow.installation", "target/no-installation"));
        assertTrue(Files.isExecutable(home.resolve("dicomflow")),
                "the build produced an installation with an executable launcher at " + home.resolve("dicomflow"));
        return new Installation(home);
    }

    Path home() {
        return home;
    }

    Path launcher() {
        return home.resolve("dicomflow");
    }

    /** A finished run of the launcher. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs {@code dicomflow args...} to completion (bounded by {@code limit}). */
    Result run(Path instance, Duration limit, String... args) throws IOException, InterruptedException {
        return run(instance, limit, Map.of(), args);
    }

    /** Runs {@code dicomflow args...} with more environment (e.g. DICOMFLOW_VMARGS). */
    Result run(Path instance, Duration limit, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Running r = start(instance, env, args);
        if (!r.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            r.process.destroyForcibly();
            throw new AssertionError("dicomflow " + String.join(" ", args) + " did not finish within " + limit
                    + "\n" + r.output());
        }
        return new Result(r.process.exitValue(), Files.readString(r.stdout), Files.readString(r.stderr));
    }

    /** Starts {@code dicomflow args...}; output goes to files in the instance folder. */
    Running start(Path instance, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher().toString());
        cmd.addAll(List.of(args));
        Files.createDirectories(instance);
        String name = args.length == 0 ? "workstation" : args[0];
        Path out = Files.createTempFile(instance, name, ".out");
        Path err = Files.createTempFile(instance, name, ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("DICOMFLOW_INSTANCE", instance.toString());
        pb.environment().put("TCP_NODELAY", "1");
        pb.environment().putAll(env);
        return new Running(pb.start(), out, err);
    }

    /** A launcher process still running (the node, the workstation). */
    static final class Running implements AutoCloseable {
        final Process process;
        final Path stdout;
        final Path stderr;

        Running(Process process, Path stdout, Path stderr) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        String output() {
            try {
                return "--- stdout\n" + Files.readString(stdout, StandardCharsets.UTF_8) + "--- stderr\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        }

        /** Waits until stdout or stderr has a line matching {@code regex}; fails with the output otherwise. */
        String awaitLine(String regex, Duration limit) throws InterruptedException {
            Pattern p = Pattern.compile(regex);
            long deadline = System.nanoTime() + limit.toNanos();
            while (true) {
                for (Path f : List.of(stdout, stderr)) {
                    try {
                        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                            if (p.matcher(line).find()) {
                                return line;
                            }
                        }
                    } catch (IOException e) {
                        // a line being written; read again
                    }
                }
                if (!process.isAlive()) {
                    throw new AssertionError("process ended (exit " + process.exitValue() + ") before printing /"
                            + regex + "/\n" + output());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no line /" + regex + "/ within " + limit + "\n" + output());
                }
                Thread.sleep(50);
            }
        }

        /** Sends SIGTERM and returns the exit code; fails if the process does not end within {@code limit}. */
        int terminate(Duration limit) throws InterruptedException {
            process.destroy(); // SIGTERM on Linux
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("did not stop within " + limit + " of SIGTERM\n" + output());
            }
            return process.exitValue();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
