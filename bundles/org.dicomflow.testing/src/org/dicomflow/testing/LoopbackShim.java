package org.dicomflow.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds native/loopback-bind.c (shipped in this bundle) into an LD_PRELOAD library that keeps
 * peers without a bind option on 127.0.0.1. Without gcc the peers listen on all interfaces, which
 * is acceptable for short-lived test peers on random ports.
 */
public final class LoopbackShim {
    private static final String SOURCE = "native/loopback-bind.c";

    private LoopbackShim() {
    }

    /** The compiled library in {@code dir}, or empty if it cannot be built here. */
    public static synchronized Optional<Path> build(Path dir) {
        try {
            Path so = dir.resolve("loopback-bind.so");
            if (Files.exists(so)) {
                return Optional.of(so);
            }
            Optional<Path> gcc = Peers.findBinary("gcc");
            if (gcc.isEmpty()) {
                return Optional.empty();
            }
            Files.createDirectories(dir);
            Path c = dir.resolve("loopback-bind.c");
            try (InputStream in = openSource()) {
                if (in == null) {
                    return Optional.empty();
                }
                Files.copy(in, c);
            }
            Process p = new ProcessBuilder(List.of(gcc.get().toString(), "-shared", "-fPIC", "-O2", "-o",
                    so.toString(), c.toString(), "-ldl")).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("gcc.log").toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(so);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** From the bundle (OSGi: bundle root) or, in a plain checkout, the working directory's bundle folder. */
    private static InputStream openSource() throws IOException {
        InputStream in = LoopbackShim.class.getClassLoader().getResourceAsStream(SOURCE);
        if (in != null) {
            return in;
        }
        for (Path candidate : List.of(Path.of(SOURCE), Path.of("..", "org.dicomflow.testing", SOURCE),
                Path.of("bundles", "org.dicomflow.testing", SOURCE))) {
            if (Files.isRegularFile(candidate)) {
                return Files.newInputStream(candidate);
            }
        }
        return null;
    }
}
