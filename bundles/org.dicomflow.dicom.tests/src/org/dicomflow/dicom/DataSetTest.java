package org.dicomflow.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The data model's typed access and its value rules (PS3.5 6.2). */
class DataSetTest {

    @Test
    void elementsStaySortedWhateverTheOrderTheyArePut() {
        DataSet ds = new DataSet(2);
        ds.setString(Tag.PatientName, "Doe^John");
        ds.setString(Tag.Modality, "CT");
        ds.setString(Tag.StudyInstanceUID, "1.2.3");
        ds.setString(Tag.SpecificCharacterSet, "ISO_IR 100");
        ds.setBytes(0x00091010, VR.OB, new byte[] { 1, 2 }); // private, after group 0008
        int[] tags = new int[ds.size()];
        for (int i = 0; i < ds.size(); i++) {
            tags[i] = ds.tagAt(i);
        }
        assertArrayEquals(new int[] { Tag.SpecificCharacterSet, Tag.Modality, 0x00091010, Tag.PatientName, Tag.StudyInstanceUID }, tags);
        assertTrue(ds.remove(Tag.Modality));
        assertFalse(ds.contains(Tag.Modality));
        assertEquals(4, ds.size());
        // tags with the top bit set sort after all others (unsigned order), as in a file
        ds.setBytes(0xFFFAFFFA, VR.OB, new byte[0]);
        assertEquals(0xFFFAFFFA, ds.tagAt(ds.size() - 1));
    }

    @Test
    void typedGettersReadWhatTypedSettersWrote() {
        DataSet ds = new DataSet();
        ds.setInt(Tag.Rows, VR.US, 512);
        ds.setInt(Tag.SmallestImagePixelValue, VR.SS, -1024);
        ds.setLong(Tag.ReferencedFrameNumber, VR.IS, 1, 2, 3);
        ds.setDouble(Tag.PixelSpacing, VR.DS, 0.488281, 0.5);
        ds.setDouble(Tag.RescaleSlope, VR.DS, 1.0 / 3);
        ds.setDate(Tag.StudyDate, LocalDate.of(2026, 11, 28));
        ds.setTime(Tag.StudyTime, LocalTime.of(13, 5, 7, 250_000_000));
        ds.setDateTime(Tag.AcquisitionDateTime, LocalDateTime.of(2026, 1, 2, 3, 4, 5), ZoneOffset.ofHours(-5));
        ds.setInt(Tag.FrameIncrementPointer, VR.AT, Tag.FrameTime);

        assertEquals(512, ds.getInt(Tag.Rows, -1));
        assertEquals(-1024, ds.getInt(Tag.SmallestImagePixelValue, 0));
        assertArrayEquals(new int[] { 1, 2, 3 }, ds.getInts(Tag.ReferencedFrameNumber));
        assertArrayEquals(new double[] { 0.488281, 0.5 }, ds.getDoubles(Tag.PixelSpacing));
        assertTrue(ds.getString(Tag.RescaleSlope).length() <= 16, "DS fits 16 characters: " + ds.getString(Tag.RescaleSlope));
        assertEquals(1.0 / 3, ds.getDouble(Tag.RescaleSlope, 0), 1e-12);
        assertEquals(LocalDate.of(2026, 11, 28), ds.getDate(Tag.StudyDate));
        assertEquals("130507.250000", ds.getString(Tag.StudyTime));
        assertEquals(LocalTime.of(13, 5, 7, 250_000_000), ds.getTime(Tag.StudyTime));
        assertEquals(LocalDateTime.of(2026, 1, 2, 3, 4, 5), ds.getDateTime(Tag.AcquisitionDateTime));
        assertEquals(ZoneOffset.ofHours(-5), ds.getZoneOffset(Tag.AcquisitionDateTime));
        assertEquals(LocalDateTime.of(2026, 11, 28, 13, 5, 7, 250_000_000), ds.getDateTime(Tag.StudyDate, Tag.StudyTime));
        assertEquals(Tag.FrameTime, ds.getInt(Tag.FrameIncrementPointer, 0));
        assertEquals(-7, new DataSet().getInt(Tag.Rows, -7), "absent -> default");
    }

    @Test
    void bigEndianValuesReadTheSame() {
        DataSet ds = new DataSet();
        ds.setBigEndian(true);
        ds.setInt(Tag.Columns, VR.US, 0x1234);
        ds.setDouble(Tag.FrameTime, VR.FD, 2.5);
        assertArrayEquals(new byte[] { 0x12, 0x34 }, ds.getBytes(Tag.Columns));
        assertEquals(0x1234, ds.getInt(Tag.Columns, 0));
        assertEquals(2.5, ds.getDouble(Tag.FrameTime, 0));
    }

    @Test
    void partialAndLegacyDatesAndTimesAreUnderstood() {
        DataSet ds = new DataSet();
        ds.put(Tag.StudyDate, VR.DA, "1999.12.31".getBytes());
        ds.put(Tag.StudyTime, VR.TM, "0930".getBytes());
        ds.put(Tag.AcquisitionDateTime, VR.DT, "2001".getBytes());
        ds.put(Tag.SeriesTime, VR.TM, "10:11:12".getBytes());
        assertEquals(LocalDate.of(1999, 12, 31), ds.getDate(Tag.StudyDate));
        assertEquals(LocalTime.of(9, 30), ds.getTime(Tag.StudyTime));
        assertEquals(LocalDateTime.of(2001, 1, 1, 0, 0), ds.getDateTime(Tag.AcquisitionDateTime));
        assertEquals(LocalTime.of(10, 11, 12), ds.getTime(Tag.SeriesTime));
        ds.put(Tag.PatientBirthDate, VR.DA, "2001-02".getBytes());
        assertThrows(java.time.DateTimeException.class, () -> ds.getDate(Tag.PatientBirthDate));
    }

    @Test
    void personNamesHaveThreeComponentGroups() {
        DataSet ds = new DataSet();
        ds.setString(Tag.SpecificCharacterSet, "ISO_IR 192");
        ds.setString(Tag.PatientName, "Yamada^Tarou=山田^太郎=やまだ^たろう");
        PersonName pn = ds.getPersonName(Tag.PatientName);
        assertEquals("Yamada", pn.alphabetic().family());
        assertEquals("太郎", pn.ideographic().given());
        assertEquals("やまだ", pn.phonetic().family());
        assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", pn.toString());
        assertEquals("Doe^John^^Dr.", PersonName.parse("Doe^John^^Dr.^").toString(), "trailing empty components dropped");
    }

    @Test
    void textIsDecodedWithTheCharacterSetInForceIncludingTheParents() {
        DataSet ds = new DataSet();
        ds.put(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100".getBytes());
        ds.put(Tag.PatientName, VR.PN, new byte[] { 'B', 'u', 'c', '^', 'J', (byte) 0xE9, 'r', (byte) 0xF4, 'm', 'e' });
        Sequence seq = ds.newSequence(Tag.OtherPatientIDsSequence, 1);
        DataSet item = seq.addItem();
        item.put(Tag.PatientName, VR.PN, new byte[] { 'M', (byte) 0xFC, 'l', 'l', 'e', 'r' });
        assertEquals("Buc^Jérôme", ds.getString(Tag.PatientName));
        assertEquals("Müller", item.getString(Tag.PatientName), "items inherit (0008,0005)");
        ds.put(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192".getBytes());
        assertEquals("M\uFFFDller", item.getString(Tag.PatientName), "a new character set applies to the items too");
    }

    @Test
    void valuesArePaddingFreeAndSplitIntoValues() {
        DataSet ds = new DataSet();
        ds.put(Tag.ImageType, VR.CS, "ORIGINAL\\PRIMARY\\AXIAL ".getBytes());
        ds.put(Tag.StudyDescription, VR.LO, "  Head  ".getBytes());
        ds.put(Tag.SOPInstanceUID, VR.UI, "1.2.3\0".getBytes());
        ds.put(Tag.ImageComments, VR.LT, "  indented\\kept".getBytes());
        assertArrayEquals(new String[] { "ORIGINAL", "PRIMARY", "AXIAL" }, ds.getStrings(Tag.ImageType));
        assertEquals("Head", ds.getString(Tag.StudyDescription));
        assertEquals("1.2.3", ds.getString(Tag.SOPInstanceUID));
        assertEquals("  indented\\kept", ds.getString(Tag.ImageComments), "LT: one value, leading spaces significant");
    }

    @Test
    void wrongTypesGiveAClearException() {
        DataSet ds = new DataSet();
        ds.setString(Tag.PatientName, "Doe^John");
        ds.setBytes(Tag.PixelData, VR.OW, new byte[4]);
        WrongVRException e = assertThrows(WrongVRException.class, () -> ds.getInts(Tag.PatientName));
        assertTrue(e.getMessage().contains("(0010,0010) PatientName is PN"), e.getMessage());
        assertThrows(WrongVRException.class, () -> ds.getDate(Tag.PatientName));
        assertThrows(WrongVRException.class, () -> ds.getPersonName(Tag.PixelData));
        assertThrows(WrongVRException.class, () -> ds.getString(Tag.PixelData));
    }

    @Test
    void settersRefuseValuesTheirVRDoesNotAllowAndSayWhy() {
        DataSet ds = new DataSet();
        assertProblem(() -> ds.setString(Tag.Modality, "ct"), "character 'c' at position 1 is not allowed in CS");
        assertProblem(() -> ds.setString(Tag.StationName, "A".repeat(17)), "17 characters, at most 16");
        assertProblem(() -> ds.setString(Tag.SOPInstanceUID, "1.2.abc"), "not allowed in a UID");
        assertProblem(() -> ds.setString(Tag.PatientID, "a\\b"), "not allowed in LO");
        assertProblem(() -> ds.setString(Tag.StudyDate, "2020-1-1x"), "not allowed in DA");
        assertProblem(() -> ds.setInt(Tag.Rows, VR.US, 70000), "out of range for US");
        assertProblem(() -> ds.setString(Tag.ImageComments, VR.LT, "a", "b"), "holds one value");
        // query keys: wildcards and ranges are values too
        ds.setString(Tag.PatientName, "DOE*");
        ds.setString(Tag.StudyDate, "20200101-20201231");
        ds.setString(Tag.StudyTime, "-1200");
        assertEquals("20200101-20201231", ds.getString(Tag.StudyDate));
    }

    @Test
    void privateElementsAreFoundThroughTheirCreator() {
        DataSet ds = new DataSet();
        int tag = ds.privateTag("ACME 1.0", 0x0029, 0x10, true);
        assertEquals(0x00291010, tag, "first free block is 0x10");
        ds.setString(tag, VR.LO, "value");
        int other = ds.privateTag("OTHER", 0x0029, 0x01, true);
        assertEquals(0x00291101, other);
        assertEquals(0x00291010, ds.privateTag("ACME 1.0", 0x0029, 0x10, false), "found again, not reserved twice");
        assertEquals(-1, ds.privateTag("NOBODY", 0x0029, 0x10, false));
        assertEquals("ACME 1.0", ds.privateCreatorOf(0x00291010));
        assertEquals("OTHER", ds.privateCreatorOf(0x00291101));
        assertNull(ds.privateCreatorOf(Tag.PatientName));
    }

    @Test
    void copiesAreDeep() {
        DataSet ds = new DataSet();
        ds.newSequence(Tag.ReferencedSeriesSequence, 1).addItem().setString(Tag.SeriesInstanceUID, "1.2");
        DataSet copy = ds.copy();
        copy.getItem(Tag.ReferencedSeriesSequence, 0).setString(Tag.SeriesInstanceUID, "9.9");
        assertEquals("1.2", ds.getItem(Tag.ReferencedSeriesSequence, 0).getString(Tag.SeriesInstanceUID));
    }

    private static void assertProblem(Runnable setter, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setter::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
