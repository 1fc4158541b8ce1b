package org.dicomflow.dicom.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.junit.jupiter.api.Test;

/** JSON written by another implementation (pydicom; see testdata/json/README.md), read with expected values. */
class PydicomJsonFilesTest {

    private static final Path DIR = Path.of("testdata", "json");

    private static DataSet read(String name) throws IOException {
        try (Reader in = Files.newBufferedReader(DIR.resolve(name), StandardCharsets.UTF_8)) {
            return DicomJson.read(in);
        }
    }

    @Test
    void test1() throws IOException {
        DataSet ds = read("test1.json");
        assertEquals(109, ds.size());
        assertEquals("1.2.840.10008.5.1.4.1.1.4", ds.getString(Tag.SOPClassUID));
        assertEquals(VR.UI, ds.vrOf(Tag.SOPClassUID));
        assertEquals("1.3.6.1.4.1.5962.99.1.1516012269.2092621929.1509049565933.2991.0", ds.getString(Tag.SOPInstanceUID));
        assertEquals("Prostate^Volunteer", ds.getString(Tag.PatientName));
        assertEquals("Prostate", ds.getPersonName(Tag.PatientName).alphabetic().family());
        assertTrue(ds.contains(Tag.ReferringPhysicianName));
        assertNull(ds.value(Tag.ReferringPhysicianName), "{\"Alphabetic\": \"\"} is an empty name");
        assertEquals("051Y", ds.getString(Tag.PatientAge));
        assertEquals(714, ds.getInt(Tag.ImagesInAcquisition, 0));
        assertEquals(VR.IS, ds.vrOf(Tag.ImagesInAcquisition));
        assertEquals(87.09, ds.getDouble(Tag.PatientWeight, 0));
        assertArrayEquals(new String[] { "ORIGINAL", "PRIMARY", "OTHER" }, ds.getStrings(Tag.ImageType));
        assertArrayEquals(new String[] { "1.0", "-0.0", "0.0", "-0.0", "0.982071", "0.188509" },
                ds.getStrings(Tag.ImageOrientationPatient), "DS numbers keep their text");
        assertArrayEquals(new double[] { -129.995, -56.8856, -108.805 }, ds.getDoubles(Tag.ImagePositionPatient));
        assertArrayEquals(new long[] { 128, 0, 0, 32 }, ds.getLongs(Tag.AcquisitionMatrix), "the trailing null is dropped");
        assertEquals(VR.US, ds.vrOf(Tag.AcquisitionMatrix));
        assertArrayEquals(new long[] { 11776 }, ds.getLongs(Tag.LargestImagePixelValue));
        assertEquals(VR.SS, ds.vrOf(Tag.LargestImagePixelValue));
        assertEquals(13, ds.getInt(0x00209057, 0));
        assertEquals(VR.UL, ds.vrOf(0x00209057));
        assertEquals(256, ds.getInt(Tag.Rows, 0));
        assertEquals("134345", ds.getString(Tag.ContentTime));
        assertEquals("20141210", ds.getString(Tag.StudyDate));
        assertArrayEquals(new String[] { "24", "LX", "MR Software release:DV24.0_R01_1344.a" }, ds.getStrings(Tag.SoftwareVersions));
        // empty values: "Value": [""] is an empty element
        assertTrue(ds.contains(Tag.PatientBirthDate));
        assertNull(ds.value(Tag.PatientBirthDate));
        // Pixel Data with "BulkDataURI": "" : the bulk data was left out, nothing to refer to
        assertTrue(ds.contains(Tag.PixelData));
        assertNull(ds.value(Tag.PixelData));
        assertEquals(VR.OW, ds.vrOf(Tag.PixelData));
        // private elements with their creators
        assertEquals("GEMS_ACQU_01", ds.getString(0x00190010));
        assertEquals("GEMS_ACQU_01", ds.privateCreatorOf(0x0019109E));
        assertEquals("EPI2", ds.getString(0x0019109E));
        assertEquals("GEIIS PACS", ds.privateCreatorOf(0x09031010));
        assertEquals(714, ds.getInt(0x00251007, 0));
        assertEquals(VR.SL, ds.vrOf(0x00251007));
        // sequences, including an empty item
        Sequence deid = ds.getSequence(Tag.DeidentificationMethodCodeSequence);
        assertTrue(deid.size() > 3);
        assertEquals("113100", deid.get(0).getString(Tag.CodeValue));
        assertEquals("Basic Application Confidentiality Profile", deid.get(0).getString(Tag.CodeMeaning));
        assertTrue(deid.get(1).isEmpty());
        assertEquals("210005", deid.get(2).getString(Tag.CodeValue));
        assertEquals("1.2.840.10008.3.1.2.3.3", ds.getItem(Tag.ReferencedPerformedProcedureStepSequence, 0)
                .getString(Tag.ReferencedSOPClassUID));
        DataSet modified = ds.getItem(Tag.OriginalAttributesSequence, 0);
        assertEquals("COERCE", modified.getString(Tag.ReasonForTheAttributeModification));
        assertFalse(ds.contains(Tag.SpecificCharacterSet), "ASCII only: no character set needed");
        // what we write for it reads back to the same elements
        RoundTripTest.assertSameElements(ds, DicomJson.read(DicomJson.write(ds)), "");
    }

    @Test
    void testPN() throws IOException {
        DataSet ds = read("test_PN.json");
        assertEquals(3, ds.size());
        assertEquals("Prostate^Volunteer", ds.getString(Tag.PatientName));
        assertNull(ds.value(Tag.ReferringPhysicianName));
        DataSet inner = ds.getItem(Tag.OriginalAttributesSequence, 0).getItem(Tag.ModifiedAttributesSequence, 0);
        assertTrue(inner.contains(Tag.PatientName));
        assertNull(inner.value(Tag.PatientName));
        assertNull(inner.value(Tag.PatientID));
        assertEquals("051Y", inner.getString(Tag.PatientAge));
        assertNull(inner.value(Tag.PatientBirthDate));
        assertEquals("M", inner.getString(Tag.PatientSex));
        RoundTripTest.assertSameElements(ds, DicomJson.read(DicomJson.write(ds)), "");
    }
}
