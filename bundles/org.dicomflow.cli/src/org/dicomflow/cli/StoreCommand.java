package org.dicomflow.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.dicomflow.dicom.DicomFormatException;
import org.dicomflow.net.ApplicationEntity;
import org.dicomflow.net.Association;
import org.dicomflow.net.DicomFile;
import org.dicomflow.net.Failures;
import org.dicomflow.net.StoreResult;

/**
 * {@code dicomflow store}: sends files to a remote AE (C-STORE), like dcmtk's storescu +sd or dcm4che's storescu.
 * Files are scanned first, the association proposes exactly the SOP classes and syntaxes they need, and each
 * file's bytes go out as they are in the file when its syntax was accepted.
 */
final class StoreCommand implements Main.Command {

    static final String USAGE = """
            usage: dicomflow store -c AET@host:port [-b CALLING_AET] [--timeout S] [-v] FILE|DIR...
              Sends DICOM files (folders recursively) to a remote AE (C-STORE) on one association.
              -c, --connect AET@host:port  the remote AE
              -b, --bind AET               our (calling) AE title, default DICOMFLOW
              --timeout S                  seconds to wait for connect, association and each response (default 60)
              -v, --verbose                a line per file sent
            Progress goes to stderr, a summary to stdout; each file that failed gets a line on stderr.
            exit codes: 0 all stored, 1 some file failed or was not DICOM, 2 usage, 3 cannot connect,
                        4 rejected, 5 aborted, 6 timeout""";

    /** Keeps every association's proposal well under PS3.8's 128 presentation contexts. */
    private static final int MAX_KINDS_PER_ASSOCIATION = 60;

    @Override
    public String summary() {
        return "send DICOM files to a remote AE (C-STORE)";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) {
        RemoteOptions connection = new RemoteOptions(60);
        boolean verbose = false;
        Arguments args = new Arguments(argv);
        try {
            for (String o; (o = args.nextOption()) != null;) {
                if (connection.accept(o, args)) {
                    continue;
                }
                switch (o) {
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return ExitCode.OK;
                }
                case "-v", "--verbose" -> verbose = true;
                default -> throw new Arguments.UsageException("unknown option '" + o + "'");
                }
            }
            connection.requireRemote();
            if (args.operands().isEmpty()) {
                throw new Arguments.UsageException("name at least one FILE or DIR");
            }
        } catch (Arguments.UsageException e) {
            err.println("dicomflow store: " + e.getMessage());
            err.println(USAGE);
            return ExitCode.USAGE;
        }

        Progress progress = new Progress(err);
        List<DicomFile> files = new ArrayList<>();
        int failed = scan(args.operands(), files, err);
        int inputs = files.size() + failed;
        Endpoint remote = connection.remote();
        long start = System.nanoTime();
        int stored = 0;
        int warnings = 0;
        long bytes = 0;
        for (List<DicomFile> batch : batches(files)) {
            try (Association as = new ApplicationEntity(connection.calling())
                    .connect(connection.request().withContextsFor(batch), connection.timeouts())) {
                for (DicomFile f : batch) {
                    StoreResult r = as.store(f);
                    if (r.isSuccess() || r.isWarning()) {
                        stored++;
                        bytes += f.dataSetLength();
                        warnings += r.isWarning() ? 1 : 0;
                        if (verbose || r.isWarning()) {
                            (r.isWarning() ? err : out).println((r.isWarning() ? "dicomflow store: " : "") + f.path() + ": " + r.describe());
                        }
                    } else {
                        failed++;
                        err.println("dicomflow store: " + f.path() + ": " + r.describe());
                    }
                    progress.update(stored + failed, inputs, bytes);
                }
                as.release();
            } catch (IOException e) {
                progress.done();
                err.println("dicomflow store: " + remote + ": " + Failures.describe(e));
                summary(out, stored, inputs, failed, warnings, bytes, start);
                return ExitCode.of(e);
            }
        }
        progress.done();
        summary(out, stored, inputs, failed, warnings, bytes, start);
        return failed == 0 ? ExitCode.OK : ExitCode.FAILURE;
    }

    /** Finds the files (folders recursively) and scans each; returns how many could not be used. */
    private static int scan(List<String> operands, List<DicomFile> files, PrintStream err) {
        int failed = 0;
        for (String name : operands) {
            Path p = Path.of(name);
            List<Path> paths = new ArrayList<>();
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted()
                            .forEach(paths::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    err.println("dicomflow store: " + name + ": cannot list: " + e.getMessage());
                    failed++;
                }
            } else {
                paths.add(p);
            }
            for (Path f : paths) {
                try {
                    files.add(DicomFile.scan(f));
                } catch (DicomFormatException e) {
                    err.println("dicomflow store: " + f + ": not DICOM: " + e.getMessage());
                    failed++;
                } catch (IOException e) {
                    err.println("dicomflow store: " + f + ": " + (Files.exists(f) ? e.getMessage() : "no such file"));
                    failed++;
                }
            }
        }
        return failed;
    }

    /** Consecutive files with few enough distinct (SOP class, syntax) pairs to share one association. */
    private static List<List<DicomFile>> batches(List<DicomFile> files) {
        List<List<DicomFile>> batches = new ArrayList<>();
        List<DicomFile> current = new ArrayList<>();
        Set<String> kinds = new HashSet<>();
        for (DicomFile f : files) {
            String kind = f.sopClassUid() + "|" + f.transferSyntaxUid();
            if (!kinds.contains(kind) && kinds.size() == MAX_KINDS_PER_ASSOCIATION) {
                batches.add(current);
                current = new ArrayList<>();
                kinds.clear();
            }
            kinds.add(kind);
            current.add(f);
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private static void summary(PrintStream out, int stored, int total, int failed, int warnings, long bytes, long start) {
        double s = (System.nanoTime() - start) / 1e9;
        out.println(String.format(Locale.ROOT, "stored %d of %d file%s (%.1f MB) in %.2f s, %.0f files/s%s%s", stored, total, total == 1 ? "" : "s", bytes / 1e6, s, stored / Math.max(s, 1e-9),
                failed == 0 ? "" : ", " + failed + " failed", warnings == 0 ? "" : ", " + warnings + " with warnings"));
    }

    /** At most one progress line a second on stderr, so long transfers show they are alive. */
    static final class Progress {
        private final PrintStream err;
        private long last = System.nanoTime();
        private boolean printed;

        Progress(PrintStream err) {
            this.err = err;
        }

        void update(int done, int total, long bytes) {
            long now = System.nanoTime();
            if (now - last >= 1_000_000_000L) {
                last = now;
                printed = true;
                err.println(String.format(Locale.ROOT, "... %d/%d files, %.1f MB", done, total, bytes / 1e6));
            }
        }

        void done() {
            if (printed) {
                err.flush();
            }
        }
    }
}
