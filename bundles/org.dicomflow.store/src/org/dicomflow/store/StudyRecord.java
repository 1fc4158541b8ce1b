package org.dicomflow.store;

import java.util.List;

/**
 * One study as the index knows it, with its patient. Absent values are empty strings; dates (YYYYMMDD)
 * and times (HHMMSS.FFFFFF) are as stored in the files, without the separators of old files.
 */
public record StudyRecord(String studyInstanceUid, String patientId, String patientName, String patientBirthDate,
        String studyDate, String studyTime, String accessionNumber, String studyDescription, List<String> modalities,
        int numberOfSeries, int numberOfInstances) {
}
