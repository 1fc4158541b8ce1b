package org.dicomflow.anonymizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.dicomflow.anonymizer.internal.AnnexEAnonymizer;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What De-identification Method Code Sequence (0012,0064) says, against the codes of PS3.16 CID 7050
 * "De-identification Method" (coding scheme DCM), typed in here from the standard rather than taken from the code:
 *
 * <pre>
 * 113100  Basic Application Confidentiality Profile
 * 113101  Clean Pixel Data Option                      (changes pixels: not offered, never written)
 * 113102  Clean Recognizable Visual Features Option    (changes pixels: not offered, never written)
 * 113103  Clean Graphics Option
 * 113104  Clean Structured Content Option
 * 113105  Clean Descriptors Option
 * 113106  Retain Longitudinal Temporal Information Full Dates Option
 * 113107  Retain Longitudinal Temporal Information Modified Dates Option
 * 113108  Retain Patient Characteristics Option
 * 113109  Retain Device Identity Option
 * 113110  Retain UIDs Option
 * 113111  Retain Safe Private Option
 * 113112  Retain Institution Identity Option
 * </pre>
 */
class DeidentificationMethodCodesTest {

    private static final String[] BASIC = { "113100", "Basic Application Confidentiality Profile" };

    private static final Map<ProfileOption, String[]> CID_7050 = new EnumMap<>(Map.of(
            ProfileOption.CLEAN_GRAPHICS, new String[] { "113103", "Clean Graphics Option" },
            ProfileOption.CLEAN_STRUCTURED_CONTENT, new String[] { "113104", "Clean Structured Content Option" },
            ProfileOption.CLEAN_DESCRIPTORS, new String[] { "113105", "Clean Descriptors Option" },
            ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES,
            new String[] { "113106", "Retain Longitudinal Temporal Information Full Dates Option" },
            ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES,
            new String[] { "113107", "Retain Longitudinal Temporal Information Modified Dates Option" },
            ProfileOption.RETAIN_PATIENT_CHARACTERISTICS,
            new String[] { "113108", "Retain Patient Characteristics Option" },
            ProfileOption.RETAIN_DEVICE_IDENTITY, new String[] { "113109", "Retain Device Identity Option" },
            ProfileOption.RETAIN_UIDS, new String[] { "113110", "Retain UIDs Option" },
            ProfileOption.RETAIN_SAFE_PRIVATE, new String[] { "113111", "Retain Safe Private Option" },
            ProfileOption.RETAIN_INSTITUTION_IDENTITY,
            new String[] { "113112", "Retain Institution Identity Option" }));

    @Test
    void everyOptionCarriesItsCid7050CodeAndMeaning() {
        assertEquals(EnumSet.allOf(ProfileOption.class), CID_7050.keySet(), "every option has its CID 7050 row");
        for (ProfileOption o : ProfileOption.values()) {
            assertArrayEquals(CID_7050.get(o), new String[] { o.codeValue(), o.codeMeaning() }, o.name());
        }
        assertArrayEquals(BASIC,
                new String[] { ProfileOption.BASIC_PROFILE_CODE, ProfileOption.BASIC_PROFILE_MEANING });
        assertEquals("DCM", ProfileOption.CODING_SCHEME);
    }

    @Test
    void basicProfileAloneWritesOnlyItsOwnCode() {
        assertEquals(List.of(List.of(BASIC[0], "DCM", BASIC[1])), codesWritten(anonymized(TestData.context())));
    }

    @ParameterizedTest
    @EnumSource(ProfileOption.class)
    void eachOptionIsWrittenAfterTheBasicProfile(ProfileOption option) {
        DataSet ds = anonymized(TestData.context(option));
        String[] row = CID_7050.get(option);
        assertEquals(List.of(List.of(BASIC[0], "DCM", BASIC[1]), List.of(row[0], "DCM", row[1])), codesWritten(ds));
        assertArrayEquals(new String[] { BASIC[1], row[1] }, ds.getStrings(Tag.DeidentificationMethod));
        assertEquals("YES", ds.getString(Tag.PatientIdentityRemoved));
    }

    private static DataSet anonymized(AnonymizationContext context) {
        DataSet ds = new DataSet();
        ds.setString(Tag.PatientName, VR.PN, "Doe^Jane");
        ds.setString(Tag.PatientID, VR.LO, "PID-7050");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3.4.7050");
        new AnnexEAnonymizer().anonymize(ds, context);
        return ds;
    }

    /** Each item as (Code Value, Coding Scheme Designator, Code Meaning). */
    private static List<List<String>> codesWritten(DataSet ds) {
        Sequence codes = ds.getSequence(Tag.DeidentificationMethodCodeSequence);
        List<List<String>> out = new ArrayList<>();
        for (DataSet item : codes) {
            out.add(List.of(item.getString(Tag.CodeValue), item.getString(Tag.CodingSchemeDesignator),
                    item.getString(Tag.CodeMeaning)));
        }
        return out;
    }
}
