package org.dicomflow.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.dicomflow.store.ScanListener;
import org.dicomflow.store.ScanResult;

/** {@code dicomflow reindex}: rebuilds the archive's index from its files. */
final class ReindexCommand implements Main.Command {

    static final String USAGE = """
            usage: dicomflow reindex [--dir ARCHIVE]
              Rebuilds the index of the archive from the files in it: every .dcm file under the folder is
              read again (headers only) and indexed; unfinished .part files are removed. Files that cannot be
              indexed are listed and left where they are. Run it with the node stopped.
              --dir ARCHIVE   the archive folder (default: the node's, see etc/org.dicomflow.node.cfg)
            exit codes: 0 every file indexed, 1 some file was skipped or the archive cannot be opened, 2 usage""";

    @Override
    public String summary() {
        return "rebuild the archive's index from its files";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) {
        String dir = null;
        Arguments args = new Arguments(argv);
        try {
            for (String o; (o = args.nextOption()) != null;) {
                switch (o) {
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return ExitCode.OK;
                }
                case "--dir" -> dir = args.value(o);
                default -> throw new Arguments.UsageException("unknown option '" + o + "'");
                }
            }
            args.requireNoOperands();
        } catch (Arguments.UsageException e) {
            return Arguments.usageError("reindex", e, USAGE, err);
        }
        try {
            Path root = ArchiveLocation.existing(dir);
            Progress progress = new Progress(err);
            ScanResult result = ArchiveLocation.rebuildIndex(root, progress);
            progress.done();
            out.println(root + ": " + result.indexed() + " instances indexed, " + result.skipped() + " skipped, "
                    + result.removed() + " leftovers removed");
            return result.skipped() == 0 ? ExitCode.OK : ExitCode.FAILURE;
        } catch (IOException e) {
            err.println("dicomflow reindex: " + e.getMessage());
            return ExitCode.FAILURE;
        }
    }

    /** A count on stderr every thousand files, and a line per skipped file. */
    private static final class Progress implements ScanListener {
        private final PrintStream err;
        private int indexed;

        Progress(PrintStream err) {
            this.err = err;
        }

        @Override
        public void indexed(Path file) {
            if (++indexed % 1000 == 0) {
                err.print("\rindexed " + indexed);
                err.flush();
            }
        }

        @Override
        public void skipped(Path file, String reason) {
            err.println((indexed >= 1000 ? "\n" : "") + "skipped " + file + ": " + reason);
        }

        void done() {
            if (indexed >= 1000) {
                err.println();
            }
        }
    }
}
