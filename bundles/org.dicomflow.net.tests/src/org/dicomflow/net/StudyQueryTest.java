package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.junit.jupiter.api.Test;

/** The identifier a study search sends, and date ranges in DICOM's notation. */
class StudyQueryTest {
    private static final LocalDate JAN_1 = LocalDate.of(2020, 1, 1);
    private static final LocalDate DEC_31 = LocalDate.of(2020, 12, 31);

    /** Keyword -> value ("" for a return key) of every element of an identifier. */
    private static Map<String, String> keys(DataSet identifier) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < identifier.size(); i++) {
            int tag = identifier.tagAt(i);
            m.put(org.dicomflow.dicom.ElementDictionary.keywordOf(tag), String.join("\\", identifier.getStrings(tag)));
        }
        return m;
    }

    @Test
    void everyStudyAsksForWhatTheResultReads() {
        Map<String, String> expected = new TreeMap<>();
        expected.put("QueryRetrieveLevel", "STUDY");
        for (String k : new String[] { "PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID",
                "StudyDate", "StudyTime", "StudyDescription", "AccessionNumber", "ModalitiesInStudy",
                "NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances" }) {
            expected.put(k, "");
        }
        assertEquals(expected, keys(StudyQuery.all().toIdentifier()));
        assertEquals(UID.StudyRootQueryRetrieveInformationModelFind, StudyQuery.INFORMATION_MODEL);
    }

    @Test
    void searchFieldsBecomeMatchingKeys() {
        StudyQuery q = StudyQuery.all().withPatientName("DOE*^J?HN").withPatientId("12*")
                .withStudyDate(DateRange.between(JAN_1, DEC_31)).withModalities("CT", "MR")
                .withAccessionNumber("A?1").withStudyInstanceUids("1.2.3", "1.2.4");
        Map<String, String> k = keys(q.toIdentifier());
        assertEquals("DOE*^J?HN", k.get("PatientName"));
        assertEquals("12*", k.get("PatientID"));
        assertEquals("20200101-20201231", k.get("StudyDate"));
        assertEquals("CT\\MR", k.get("ModalitiesInStudy"));
        assertEquals("A?1", k.get("AccessionNumber"));
        assertEquals("1.2.3\\1.2.4", k.get("StudyInstanceUID"));
        assertEquals("", k.get("StudyTime"));
        assertFalse(k.containsKey("SpecificCharacterSet"));
        assertEquals("StudyQuery[PatientName=DOE*^J?HN, PatientID=12*, StudyDate=20200101-20201231, "
                + "ModalitiesInStudy=CT\\MR, AccessionNumber=A?1, StudyInstanceUID=1.2.3\\1.2.4]", q.toString());

        // the query is immutable, and null or empty takes a field out again
        assertEquals("", keys(StudyQuery.all().toIdentifier()).get("PatientName"));
        Map<String, String> cleared = keys(q.withPatientName(null).withPatientId("").withStudyDate((DateRange) null)
                .withModalities().withAccessionNumber(null).withStudyInstanceUids().toIdentifier());
        assertEquals(keys(StudyQuery.all().toIdentifier()), cleared);
        assertEquals("DOE*^J?HN", keys(q.toIdentifier()).get("PatientName"));
    }

    @Test
    void dateRangesInDicomNotation() {
        assertEquals("20200101", keys(StudyQuery.all().withStudyDate(JAN_1).toIdentifier()).get("StudyDate"));
        assertEquals("20200101-", DateRange.since(JAN_1).toDicom());
        assertEquals("-20201231", DateRange.until(DEC_31).toDicom());
        assertEquals("20200101-20201231", DateRange.between(JAN_1, DEC_31).toDicom());
        assertEquals("20200101", DateRange.between(JAN_1, JAN_1).toDicom());

        assertEquals(DateRange.between(JAN_1, DEC_31), DateRange.parse("20200101-20201231"));
        assertEquals(DateRange.since(JAN_1), DateRange.parse("20200101-"));
        assertEquals(DateRange.until(DEC_31), DateRange.parse(" -20201231 "));
        assertEquals(DateRange.on(JAN_1), DateRange.parse("20200101"));
        for (String bad : new String[] { "", "-", "2020-01-01", "20201301", "2020010", "20201231-20200101", "yesterday" }) {
            assertThrows(IllegalArgumentException.class, () -> DateRange.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new DateRange(null, null));

        DateRange year = DateRange.between(JAN_1, DEC_31);
        assertTrue(year.contains(JAN_1));
        assertTrue(year.contains(DEC_31));
        assertFalse(year.contains(JAN_1.minusDays(1)));
        assertFalse(year.contains(DEC_31.plusDays(1)));
        assertFalse(year.contains(null));
        assertTrue(DateRange.until(DEC_31).contains(LocalDate.of(1900, 1, 1)));
    }

    @Test
    void valuesTheirVrCannotHoldAreRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> StudyQuery.all().withModalities("ct"));
        assertThrows(IllegalArgumentException.class, () -> StudyQuery.all().withStudyInstanceUids("1.2.x"));
        assertThrows(IllegalArgumentException.class, () -> StudyQuery.all().withPatientId("A\\B"));
        assertThrows(IllegalArgumentException.class, () -> StudyQuery.all().withAccessionNumber("12345678901234567"));
    }

    @Test
    void textBeyondAsciiDeclaresUtf8() {
        DataSet identifier = StudyQuery.all().withPatientName("Müller*").toIdentifier();
        assertEquals("ISO_IR 192", identifier.getString(Tag.SpecificCharacterSet));
        assertEquals("Müller*", identifier.getString(Tag.PatientName));
    }
}
