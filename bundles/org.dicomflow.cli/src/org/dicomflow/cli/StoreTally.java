package org.dicomflow.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.dicomflow.net.DicomFile;
import org.dicomflow.net.StoreResult;

/**
 * What {@code dicomflow store} has done so far: a line per file that failed or was stored with a warning (per
 * file sent with -v), a progress line at most once a second, and the summary.
 */
final class StoreTally {
    private final int inputs;
    private final boolean verbose;
    private final PrintStream out;
    private final PrintStream err;
    private final StoreCommand.Progress progress;
    private final long start = System.nanoTime();
    private int stored;
    private int failed;
    private int warnings;
    private long bytes;

    /** @param unusable inputs already known to have failed (not DICOM, unreadable) */
    StoreTally(int inputs, int unusable, boolean verbose, PrintStream out, PrintStream err) {
        this.inputs = inputs;
        this.failed = unusable;
        this.verbose = verbose;
        this.out = out;
        this.err = err;
        this.progress = new StoreCommand.Progress(err);
    }

    void file(DicomFile f, StoreResult r) {
        if (r.isSuccess() || r.isWarning()) {
            stored++;
            bytes += f.dataSetLength();
            if (r.isWarning()) {
                warnings++;
                err.println("dicomflow store: " + f.path() + ": " + r.describe());
            } else if (verbose) {
                out.println(f.path() + ": " + r.describe());
            }
        } else {
            failed++;
            err.println("dicomflow store: " + f.path() + ": " + r.describe());
        }
        progress.update(stored + failed, inputs, bytes);
    }

    boolean anyFailed() {
        return failed > 0;
    }

    /** The last line on stdout; {@code stopped} when a stop signal ended the run early. */
    void summary(boolean stopped) {
        progress.done();
        double s = (System.nanoTime() - start) / 1e9;
        out.println(String.format(Locale.ROOT, "stored %d of %d file%s (%.1f MB) in %.2f s, %.0f files/s%s%s%s",
                stored, inputs, inputs == 1 ? "" : "s", bytes / 1e6, s, stored / Math.max(s, 1e-9),
                failed == 0 ? "" : ", " + failed + " failed", warnings == 0 ? "" : ", " + warnings + " with warnings",
                stopped ? ", stopped before the end" : ""));
    }
}
