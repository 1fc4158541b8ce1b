package org.dicomflow.anonymizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dicomflow.anonymizer.internal.AnnexEAnonymizer;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.json.JsonParser;
import org.junit.jupiter.api.Test;

class VerificationTest {

    private static DataSet patient() {
        DataSet ds = new DataSet();
        ds.setString(Tag.PatientName, VR.PN, "Doe^Johnathan");
        ds.setString(Tag.PatientID, VR.LO, "PID12345");
        ds.setString(Tag.StudyDescription, VR.LO, "CT head, Johnathan DOE");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3.4.5");
        return ds;
    }

    @Test
    void patientNameInASafePrivateElementIsReported() {
        DataSet ds = patient();
        ds.setString(0x00110010, VR.LO, "ACME 1.0");
        ds.setString(0x00111001, VR.LO, "scanned for Johnathan");
        ds.setString(0x00111002, VR.LO, "not declared safe");
        DataSet original = ds.copy();
        AnonymizationContext ctx = AnonymizationContext.builder(TestData.KEY)
                .option(ProfileOption.RETAIN_SAFE_PRIVATE).safePrivate("ACME 1.0", 0x0011, 0x01).build();
        new AnnexEAnonymizer().anonymize(ds, ctx);
        assertTrue(ds.contains(0x00111001));
        assertFalse(ds.contains(0x00111002));
        VerificationReport report = VerificationReport.verify(original, ds);
        assertEquals(1, report.remainingIdentifiers().size(), report.toText());
        assertEquals("(0011,1001)", report.remainingIdentifiers().get(0).path());
        assertEquals("JOHNATHAN", report.remainingIdentifiers().get(0).identifyingValue().toUpperCase());
    }

    @Test
    void freeTextKeptByTheProfileIsReportedAndCleanDescriptorsMasksIt() {
        DataSet original = patient();
        original.setString(Tag.Manufacturer, VR.LO, "Doe medical"); // not in Table E.1-1: kept
        VerificationReport untouched = VerificationReport.verify(original, original);
        assertTrue(untouched.remainingIdentifiers().stream().anyMatch(r -> r.path().equals("(0008,1030)")));

        DataSet ds = original.copy();
        new AnnexEAnonymizer().anonymize(ds, TestData.context(ProfileOption.CLEAN_DESCRIPTORS));
        assertEquals("CT head, XXXXXXXXX XXX", ds.getString(Tag.StudyDescription));
        List<VerificationReport.RemainingIdentifier> left = VerificationReport.verify(original, ds).remainingIdentifiers();
        assertEquals(1, left.size(), left.toString());
        assertEquals("(0008,0070)", left.get(0).path());
    }

    @Test
    void burnedInTextRisk() {
        DataSet ds = patient();
        ds.setString(Tag.BurnedInAnnotation, VR.CS, "YES");
        ds.setString(Tag.Modality, VR.CS, "US");
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7"); // Secondary Capture Image Storage
        assertEquals(3, VerificationReport.verify(ds, ds).burnedInTextRisks().size());
    }

    @Test
    void diffListsRemovedChangedAndAddedAsTextAndJson() {
        DataSet original = patient();
        DataSet ds = original.copy();
        new AnnexEAnonymizer().anonymize(ds, TestData.context());
        DataSetDiff diff = DataSetDiff.between(original, ds);
        String text = diff.toText();
        assertTrue(text.contains("- (0008,1030) StudyDescription LO: CT head, Johnathan DOE"), text);
        assertTrue(text.contains("~ (0010,0010) PatientName PN: Doe^Johnathan -> ANON^"), text);
        assertTrue(text.contains("+ (0012,0062) PatientIdentityRemoved CS: YES"), text);
        assertTrue(text.contains("+ (0012,0064)"), text);
        List<?> json = (List<?>) JsonParser.parse(diff.toJson());
        assertEquals(diff.changes().size(), json.size());
    }

    @Test
    void methodCodesListExactlyTheOptionsApplied() {
        DataSet ds = patient();
        new AnnexEAnonymizer().anonymize(ds, TestData.context(ProfileOption.RETAIN_UIDS, ProfileOption.CLEAN_GRAPHICS));
        var codes = ds.getSequence(Tag.DeidentificationMethodCodeSequence);
        assertEquals(List.of("113100", "113110", "113103"),
                codes.stream().map(i -> i.getString(Tag.CodeValue)).toList());
        assertEquals("DCM", codes.get(1).getString(Tag.CodingSchemeDesignator));
        assertEquals("1.2.3.4.5", ds.getString(Tag.StudyInstanceUID));
        assertEquals(3, ds.getStrings(Tag.DeidentificationMethod).length);
    }
}
