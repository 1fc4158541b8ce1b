package org.dicomflow.store;

/** One series of a study as the index knows it. Absent values are empty strings. */
public record SeriesRecord(String seriesInstanceUid, String studyInstanceUid, String modality, String seriesNumber,
        String seriesDescription, String bodyPartExamined, int numberOfInstances) {
}
