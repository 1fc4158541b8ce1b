package org.dicomflow.anonymizer;

import java.nio.file.Path;

import org.dicomflow.dicom.DataSet;

/**
 * The outcome of anonymizing one file: where it went, under which new UIDs, what may remain and, on request, what
 * changed. The diff is computed on the first call of {@link #diff()}: a batch of thousands of files that nobody
 * reviews one by one should not pay for it. For that the result holds both data sets (their bulk data stays in the
 * files, except for a deflated input, which is read whole): a caller keeping many results should rather keep what it
 * needs from them.
 */
public final class AnonymizedFile {

    private final Path input;
    private final Path output;
    private final String studyInstanceUid;
    private final String seriesInstanceUid;
    private final String sopInstanceUid;
    private final VerificationReport verification;
    private final DataSet original;
    private final DataSet anonymized;
    // two threads asking at once may both compute it: harmless, both get the same diff
    private volatile DataSetDiff diff;

    AnonymizedFile(Path input, Path output, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
            VerificationReport verification, DataSet original, DataSet anonymized) {
        this.input = input;
        this.output = output;
        this.studyInstanceUid = studyInstanceUid;
        this.seriesInstanceUid = seriesInstanceUid;
        this.sopInstanceUid = sopInstanceUid;
        this.verification = verification;
        this.original = original;
        this.anonymized = anonymized;
    }

    public Path input() {
        return input;
    }

    public Path output() {
        return output;
    }

    public String studyInstanceUid() {
        return studyInstanceUid;
    }

    public String seriesInstanceUid() {
        return seriesInstanceUid;
    }

    public String sopInstanceUid() {
        return sopInstanceUid;
    }

    /** What the anonymized data set may still give away. */
    public VerificationReport verification() {
        return verification;
    }

    /** The elements removed, changed or added, computed on the first call. */
    public DataSetDiff diff() {
        DataSetDiff d = diff;
        if (d == null) {
            d = DataSetDiff.between(original, anonymized);
            diff = d;
        }
        return d;
    }

    @Override
    public String toString() {
        return "AnonymizedFile[" + input + " -> " + output + "]";
    }
}
