package org.dicomflow.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.DicomFormatException;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.dicom.io.ReadOptions;
import org.dicomflow.dicom.json.DicomJson;
import org.dicomflow.dicom.json.JsonOptions;

/** {@code dicomflow dump}: prints DICOM files element by element (like dcmdump) or as DICOM JSON. */
final class DumpCommand implements Main.Command {

    static final String USAGE = """
            usage: dicomflow dump [--json] [--max-width N] FILE...
              Prints each file's meta information and data set, one element a line (tag, VR, value,
              length, number of values, keyword), sequences indented; or the DICOM JSON model (PS3.18 F.2).
              Pixel data and other large values are not loaded.
              --json          DICOM JSON instead of the element list
              --max-width N   cut lines at N characters (default 120)
            A file that is not DICOM or is corrupt gets a one-line error; the other files are still dumped.
            exit codes: 0 all files dumped, 1 some file could not be read, 2 usage""";

    @Override
    public String summary() {
        return "print DICOM files element by element (or as DICOM JSON)";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) {
        boolean json = false;
        int width = 120;
        Arguments args = new Arguments(argv);
        try {
            for (String o; (o = args.nextOption()) != null;) {
                switch (o) {
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return ExitCode.OK;
                }
                case "--json" -> json = true;
                case "--max-width" -> width = args.intValue(o, 40, 100_000);
                default -> throw new Arguments.UsageException("unknown option '" + o + "'");
                }
            }
            if (args.operands().isEmpty()) {
                throw new Arguments.UsageException("name at least one FILE");
            }
        } catch (Arguments.UsageException e) {
            return Arguments.usageError("dump", e, USAGE, err);
        }
        // one write per file, not per line: dumps of thousands of files are I/O-bound otherwise
        PrintStream stdout = out;
        out = new PrintStream(new java.io.BufferedOutputStream(stdout, 1 << 16), false, java.nio.charset.StandardCharsets.UTF_8);
        int failed = 0;
        boolean many = args.operands().size() > 1;
        for (String name : args.operands()) {
            Path file = Path.of(name);
            try (DicomReader reader = new DicomReader(file)) {
                reader.withOptions(ReadOptions.DEFAULT);
                DataSet meta = reader.fileMeta();
                DataSet ds = reader.readDataSet();
                if (json) {
                    DicomJson.write(ds, out, JsonOptions.PRETTY);
                    out.println();
                } else {
                    if (many) {
                        out.println("# " + file);
                    }
                    DataSetDump dump = new DataSetDump(out, width);
                    if (meta != null) {
                        out.println("# File Meta Information");
                        dump.print(meta, 0);
                    }
                    out.println("# Data Set, " + describe(reader));
                    dump.print(ds, 0);
                }
            } catch (NoSuchFileException e) {
                err.println("dicomflow dump: " + name + ": no such file");
                failed++;
            } catch (DicomFormatException e) {
                err.println("dicomflow dump: " + name + ": not readable as DICOM: " + e.getMessage());
                failed++;
            } catch (IOException | RuntimeException e) {
                err.println("dicomflow dump: " + name + ": " + (Files.isDirectory(file) ? "is a directory" : e.getMessage()));
                failed++;
            } finally {
                out.flush();
            }
        }
        return failed == 0 ? ExitCode.OK : ExitCode.FAILURE;
    }

    private static String describe(DicomReader reader) throws IOException {
        var ts = reader.transferSyntax();
        String name = org.dicomflow.dicom.UIDDictionary.nameOf(ts.uid());
        return "transfer syntax " + (name == null ? ts.uid() : name + " (" + ts.uid() + ")");
    }
}
