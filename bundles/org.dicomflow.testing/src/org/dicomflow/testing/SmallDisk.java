package org.dicomflow.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real small file system for disk-full tests: a tmpfs of a given size mounted on a folder, unmounted by
 * {@link #close()}. Mounting needs root: without it the test is skipped, except under CI (the {@code CI}
 * variable set), where it fails, so a disk-full test never silently stops running.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} (as mount takes it: "24m") on the existing folder {@code dir}. */
    public static SmallDisk mount(Path dir, String size) throws Exception {
        String problem;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            boolean ended = p.waitFor(30, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes());
            if (ended && p.exitValue() == 0) {
                return new SmallDisk(dir);
            }
            p.destroyForcibly();
            problem = ended ? "exit " + p.exitValue() + ": " + out.strip() : "mount did not finish";
        } catch (IOException e) {
            problem = e.getMessage();
        }
        String message = "cannot mount a " + size + " tmpfs at " + dir + " for a disk-full test (needs root): " + problem;
        String ci = System.getenv("CI");
        if (ci != null && !ci.isEmpty()) {
            fail(message + " (CI is set: this test must not be skipped)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    public Path dir() {
        return dir;
    }

    /** Writes {@code file} until the file system has about {@code free} bytes left (tmpfs keeps no holes: real bytes). */
    public static void fill(Path file, long free) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long left;
            while ((left = Files.getFileStore(file).getUsableSpace() - free) > 0) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), left));
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
            }
            ch.force(true);
        }
    }

    @Override
    public void close() throws Exception {
        if (run("umount", dir.toString()) != 0 && run("umount", "-l", dir.toString()) != 0) {
            throw new AssertionError("could not unmount the tmpfs at " + dir);
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
