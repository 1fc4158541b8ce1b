package org.dicomflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A peer program (dcmtk tool, Orthanc) started for a test. Its stdout and stderr go to a log file
 * that {@link #output()} returns for assertions and failure messages. Stop it with {@link #close()}.
 */
public final class PeerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private PeerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in {@code workDir} with {@code env} added to our environment; TCP_NODELAY=1 always. */
    public static PeerProcess start(String name, List<String> command, Map<String, String> env, Path workDir)
            throws IOException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        // Debian's dcmtk leaves Nagle on otherwise: 40 ms stalls per message
        pb.environment().put("TCP_NODELAY", "1");
        return new PeerProcess(name, pb.start(), log);
    }

    /**
     * Runs {@code command} to completion (at most {@code timeout}) and returns it; for client
     * tools such as echoscu whose exit code and output the test checks.
     */
    public static PeerProcess run(String name, List<String> command, Path workDir, Duration timeout)
            throws IOException, InterruptedException {
        PeerProcess p = start(name, command, Map.of(), workDir);
        if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.close();
            throw new IOException(name + " did not finish within " + timeout + "; output:\n" + p.output());
        }
        return p;
    }

    /**
     * Waits until {@code port} on 127.0.0.1 accepts connections, polling, at most {@code timeout}.
     *
     * @throws IOException if the process exits first or the time runs out (message includes its output)
     */
    public PeerProcess awaitPort(int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " before listening on port "
                        + port + "; output:\n" + output());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return this;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + " does not listen on 127.0.0.1:" + port + " after " + timeout
                            + "; output:\n" + output());
                }
                Thread.sleep(50); // polling a starting process; not a timing assertion
            }
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Exit code; only after the process ended. */
    public int exitCode() {
        return process.exitValue();
    }

    /** Everything the process wrote so far. */
    public String output() {
        try {
            // peers print patient names in whatever character set the data had: never fail on that
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path logFile() {
        return log;
    }

    /** Terminates politely (SIGTERM), then forcibly after 10 s; waits for the exit. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
