package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.junit.jupiter.api.Test;

/** The typed views of C-FIND matches: values as peers send them, and values no parser accepts. */
class StudyResultTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void valuesAsReceivedArePadded() {
        DataSet match = new DataSet();
        // as the reader leaves a received identifier: padded bytes
        match.put(Tag.PatientName, VR.PN, ascii("Doe^Peter "));
        match.put(Tag.PatientID, VR.LO, ascii("98890234"));
        match.put(Tag.PatientBirthDate, VR.DA, ascii("19800101"));
        match.put(Tag.PatientSex, VR.CS, ascii("M "));
        match.put(Tag.StudyInstanceUID, VR.UI, ascii("1.2.3\0"));
        match.put(Tag.StudyDate, VR.DA, ascii("2001.01.01"));
        match.put(Tag.StudyTime, VR.TM, ascii("235959.999 "));
        match.put(Tag.StudyDescription, VR.LO, ascii("Brain-MRA "));
        match.put(Tag.AccessionNumber, VR.SH, ascii("ACC-1 "));
        match.put(Tag.ModalitiesInStudy, VR.CS, ascii("CT\\MR "));
        match.put(Tag.NumberOfStudyRelatedSeries, VR.IS, ascii("3 "));
        match.put(Tag.NumberOfStudyRelatedInstances, VR.IS, ascii("+12 "));

        StudyResult r = StudyResult.of(match);
        assertEquals("Doe", r.patientName().alphabetic().family());
        assertEquals("Peter", r.patientName().alphabetic().given());
        assertEquals("98890234", r.patientId());
        assertEquals(LocalDate.of(1980, 1, 1), r.patientBirthDate());
        assertEquals("M", r.patientSex());
        assertEquals("1.2.3", r.studyInstanceUid());
        assertEquals(LocalDate.of(2001, 1, 1), r.studyDate());
        assertEquals(LocalTime.of(23, 59, 59, 999_000_000), r.studyTime());
        assertEquals("Brain-MRA", r.studyDescription());
        assertEquals("ACC-1", r.accessionNumber());
        assertEquals(List.of("CT", "MR"), r.modalitiesInStudy());
        assertEquals(3, r.numberOfStudyRelatedSeries());
        assertEquals(12, r.numberOfStudyRelatedInstances());
    }

    @Test
    void malformedValuesAreNullAndStayInTheDataSet() {
        DataSet match = new DataSet();
        match.put(Tag.PatientBirthDate, VR.DA, ascii("1980"));
        match.put(Tag.StudyDate, VR.DA, ascii("20201345"));
        match.put(Tag.StudyTime, VR.TM, ascii("25:61"));
        match.put(Tag.NumberOfStudyRelatedSeries, VR.IS, ascii("many"));
        match.put(Tag.NumberOfStudyRelatedInstances, VR.IS, ascii("1.5"));
        // a peer that sent the name with a VR that holds no person name
        match.put(Tag.PatientName, VR.OB, new byte[] { 1, 2 });
        match.put(Tag.ModalitiesInStudy, VR.CS, ascii("CT\\\\MR"));

        StudyResult r = StudyResult.of(match);
        assertNull(r.patientBirthDate());
        assertNull(r.studyDate());
        assertNull(r.studyTime());
        assertNull(r.numberOfStudyRelatedSeries());
        assertNull(r.numberOfStudyRelatedInstances());
        assertNull(r.patientName());
        assertEquals(List.of("CT", "MR"), r.modalitiesInStudy(), "empty values are left out");
        assertEquals("1980", r.dataSet().getString(Tag.PatientBirthDate));
        assertEquals("20201345", r.dataSet().getString(Tag.StudyDate));
        assertEquals("many", r.dataSet().getString(Tag.NumberOfStudyRelatedSeries));
        // the data set itself still says what is wrong when asked for the typed value
        assertThrows(java.time.DateTimeException.class, () -> r.dataSet().getDate(Tag.StudyDate));
    }

    @Test
    void absentAndEmptyKeysAreNull() {
        DataSet match = new DataSet();
        match.put(Tag.StudyDate, VR.DA, null);
        match.put(Tag.PatientName, VR.PN, new byte[0]);
        StudyResult r = StudyResult.of(match);
        assertNull(r.studyDate());
        assertNull(r.patientName());
        assertNull(r.studyInstanceUid());
        assertNull(r.numberOfStudyRelatedSeries());
        assertEquals(List.of(), r.modalitiesInStudy());
    }

    @Test
    void otherLevels() {
        DataSet match = new DataSet();
        match.setString(Tag.PatientName, VR.PN, "Roe^Jane");
        match.setString(Tag.PatientID, VR.LO, "DF-1");
        match.setString(Tag.NumberOfPatientRelatedStudies, VR.IS, "2");
        match.setString(Tag.StudyInstanceUID, VR.UI, "1.2");
        match.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3");
        match.setString(Tag.Modality, VR.CS, "CT");
        match.setString(Tag.SeriesNumber, VR.IS, "4");
        match.put(Tag.NumberOfSeriesRelatedInstances, VR.IS, ascii("x"));
        match.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4");
        match.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        match.setString(Tag.InstanceNumber, VR.IS, "7");

        PatientResult p = PatientResult.of(match);
        assertEquals("Roe^Jane", p.patientName().toString());
        assertEquals("DF-1", p.patientId());
        assertEquals(2, p.numberOfPatientRelatedStudies());
        SeriesResult s = SeriesResult.of(match);
        assertEquals("1.2", s.studyInstanceUid());
        assertEquals("1.2.3", s.seriesInstanceUid());
        assertEquals("CT", s.modality());
        assertEquals(4, s.seriesNumber());
        assertNull(s.numberOfSeriesRelatedInstances());
        InstanceResult i = InstanceResult.of(match);
        assertEquals("1.2.3.4", i.sopInstanceUid());
        assertEquals("1.2.840.10008.5.1.4.1.1.2", i.sopClassUid());
        assertEquals("1.2.3", i.seriesInstanceUid());
        assertEquals(7, i.instanceNumber());
    }
}
