package org.dicomflow.anonymizer;

import java.nio.file.Path;

/** The outcome of anonymizing one file: where it went, under which new UIDs, what changed and what may remain. */
public record AnonymizedFile(Path input, Path output, String studyInstanceUid, String seriesInstanceUid,
        String sopInstanceUid, DataSetDiff diff, VerificationReport verification) {
}
