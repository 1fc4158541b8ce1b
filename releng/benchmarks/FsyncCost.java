import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * What durability costs on a disk, per stored object, without any DICOM: write N files of SIZE bytes to a
 * temporary name and rename them into place (what storescp does, minus the rename), then the same forcing
 * each file before its rename (one fsync), then forcing the file and the folder after the rename (two, what the
 * node and our SCP do). Rounds alternate so the disk's drift hits all three alike.
 *   java releng/benchmarks/FsyncCost.java DIR [N=500] [SIZE=39000] [ROUNDS=3]
 */
public class FsyncCost {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 39000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        byte[] data = new byte[size];
        String[] modes = { "write+rename", "fsync file", "fsync file+folder" };
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (int mode = 0; mode < modes.length; mode++) {
                Path d = Files.createDirectories(dir.resolve("r" + round + "m" + mode));
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    Path part = d.resolve(i + ".part");
                    try (FileChannel c = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        ByteBuffer b = ByteBuffer.wrap(data);
                        while (b.hasRemaining()) {
                            c.write(b);
                        }
                        if (mode > 0) {
                            c.force(true);
                        }
                    }
                    Files.move(part, d.resolve(i + ".dcm"), StandardCopyOption.ATOMIC_MOVE);
                    if (mode == 2) {
                        try (FileChannel folder = FileChannel.open(d, StandardOpenOption.READ)) {
                            folder.force(true);
                        }
                    }
                }
                line.append(String.format("  %s %.2f ms", modes[mode], (System.nanoTime() - t0) / 1e6 / n));
            }
            System.out.println(line + " per file");
        }
    }
}
