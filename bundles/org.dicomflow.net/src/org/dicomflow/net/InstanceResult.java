package org.dicomflow.net;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;

/**
 * One instance found by an IMAGE-level C-FIND. Absent, empty or malformed values are null; the match as
 * received is {@link #dataSet()}.
 */
public record InstanceResult(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
        String sopClassUid, Integer instanceNumber, DataSet dataSet) {

    /** The typed view of one match; never throws for the values it reads. */
    public static InstanceResult of(DataSet match) {
        return new InstanceResult(MatchValues.string(match, Tag.StudyInstanceUID),
                MatchValues.string(match, Tag.SeriesInstanceUID), MatchValues.string(match, Tag.SOPInstanceUID),
                MatchValues.string(match, Tag.SOPClassUID), MatchValues.integer(match, Tag.InstanceNumber), match);
    }

    @Override
    public String toString() {
        return "#" + instanceNumber + " " + sopInstanceUid;
    }
}
