package org.dicomflow.dicom.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real DICOM files copied into testdata/real (see its README for sources and licences) and what their
 * inventory says about them: well-formed (dcmdump reads them) or malformed on purpose.
 */
final class TestFiles {

    static final Path ROOT = Path.of("testdata", "real");

    private TestFiles() {
    }

    /**
     * Files dcmdump reads although they break PS3.5, which we refuse with a parse error on purpose, and why.
     * (dcmtk reads past a wrong item length to the end of the file; we do not guess which length is right.)
     */
    static final java.util.Map<String, String> TOLERATED_BY_DCMTK_ONLY = java.util.Map.of(
            "pydicom/test_files/dicomdirtests/DICOMDIR-nooffset",
            "last directory record's item length (248) is longer than the 224 bytes left in the file");

    record Entry(Path file, String transferSyntax, String dcmdump, String notes) {
        boolean wellFormed() {
            return dcmdump.equals("ok") && !TOLERATED_BY_DCMTK_ONLY.containsKey(toString());
        }

        @Override
        public String toString() {
            return ROOT.relativize(file).toString();
        }
    }

    static List<Entry> all() {
        try {
            List<Entry> entries = new ArrayList<>();
            List<String> lines = Files.readAllLines(ROOT.resolve("inventory.tsv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split("\t", -1);
                entries.add(new Entry(ROOT.resolve(c[0]), c[5], c[17], c[21]));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("test data missing: run the tests from the bundle folder", e);
        }
    }

    static List<Entry> wellFormed() {
        return all().stream().filter(Entry::wellFormed).toList();
    }

    static List<Entry> malformed() {
        return all().stream().filter(e -> e.dcmdump().equals("error") || TOLERATED_BY_DCMTK_ONLY.containsKey(e.toString()))
                .toList();
    }
}
