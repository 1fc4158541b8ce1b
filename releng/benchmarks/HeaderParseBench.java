import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.dicom.io.ReadOptions;

/**
 * In-process header parsing: reads every file of a folder up to (not including) Pixel Data, several passes
 * after a warm-up, and prints files/s and bytes allocated per file. Run by header-parse.sh with the
 * installation's bundles on the class path:  java -cp ... HeaderParseBench.java DIR [PASSES]
 */
public class HeaderParseBench {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        ReadOptions headerOnly = ReadOptions.DEFAULT.withStopBefore(Tag.PixelData);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int warm = 0; warm < 3; warm++) {
            sink += readAll(files, headerOnly);
        }
        double best = Double.MAX_VALUE;
        long allocated = 0;
        for (int p = 0; p < passes; p++) {
            long a0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            sink += readAll(files, headerOnly);
            double seconds = (System.nanoTime() - t0) / 1e9;
            allocated = threads.getCurrentThreadAllocatedBytes() - a0;
            best = Math.min(best, seconds);
        }
        System.out.printf("in-process header parse: %d files, best of %d passes %.3f s = %.0f files/s, %.1f KB allocated per file (elements seen %d)%n",
                files.size(), passes, best, files.size() / best, allocated / 1024.0 / files.size(), sink);
    }

    private static long readAll(List<Path> files, ReadOptions options) throws Exception {
        long elements = 0;
        for (Path f : files) {
            try (DicomReader r = new DicomReader(f).withOptions(options)) {
                DataSet ds = r.readDataSet();
                elements += ds.size();
            }
        }
        return elements;
    }
}
