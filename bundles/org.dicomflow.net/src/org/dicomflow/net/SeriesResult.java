package org.dicomflow.net;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;

/**
 * One series found by a SERIES-level C-FIND. Absent, empty or malformed values are null; the match as
 * received is {@link #dataSet()}.
 */
public record SeriesResult(String studyInstanceUid, String seriesInstanceUid, String modality, Integer seriesNumber,
        String seriesDescription, Integer numberOfSeriesRelatedInstances, DataSet dataSet) {

    /** The typed view of one match; never throws for the values it reads. */
    public static SeriesResult of(DataSet match) {
        return new SeriesResult(MatchValues.string(match, Tag.StudyInstanceUID),
                MatchValues.string(match, Tag.SeriesInstanceUID), MatchValues.string(match, Tag.Modality),
                MatchValues.integer(match, Tag.SeriesNumber), MatchValues.string(match, Tag.SeriesDescription),
                MatchValues.integer(match, Tag.NumberOfSeriesRelatedInstances), match);
    }

    @Override
    public String toString() {
        return modality + " #" + seriesNumber + " " + seriesInstanceUid;
    }
}
