package org.dicomflow.dicom.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.PersonName;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.junit.jupiter.api.Test;

/**
 * The examples PS3.18 F.2 gives (text as the standard prints it), read by us, and what we write for the same data
 * compared with them as JSON values (member order and white space aside).
 */
class StandardExamplesTest {

    /** PS3.18 F.2.1.1.2: multiple results are one top-level array. */
    private static final String F_2_1_1_2 = """
            [
              {
                 "0020000D": {
                  "vr": "UI",
                  "Value": [ "1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873" ]
                }
              },
              {
                "0020000D" : {
                  "vr": "UI",
                  "Value": [ "1.2.392.200036.9116.2.2.2.2162893313.1029997326.945876" ]
                }
              }
            ]
            """;

    @Test
    void multipleResults() throws IOException {
        List<DataSet> results = DicomJson.readAll(F_2_1_1_2);
        assertEquals(2, results.size());
        assertEquals("1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873", results.get(0).getString(Tag.StudyInstanceUID));
        assertEquals("1.2.392.200036.9116.2.2.2.2162893313.1029997326.945876", results.get(1).getString(Tag.StudyInstanceUID));
        assertEquals(VR.UI, results.get(1).vrOf(Tag.StudyInstanceUID));
        StringBuilder sb = new StringBuilder();
        DicomJson.writeAll(results, sb, JsonOptions.PRETTY);
        assertEquals(JsonParser.parse(F_2_1_1_2), JsonParser.parse(sb.toString()));
    }

    /** PS3.18 F.2.4: the values of an attribute in the "Value" array; F.2.3: "vr". */
    @Test
    void valueArray() {
        String json = "{ \"00080060\": { \"vr\": \"CS\", \"Value\": [ \"bar\", \"foo\" ] },"
                + " \"00080070\": { \"vr\": \"LO\", \"Value\": [ \"bar\" ] } }";
        DataSet ds = DicomJson.read(json);
        assertArrayEquals(new String[] { "bar", "foo" }, ds.getStrings(Tag.Modality));
        assertArrayEquals(new String[] { "bar" }, ds.getStrings(Tag.Manufacturer));
        assertEquals(JsonParser.parse(json), JsonParser.parse(DicomJson.write(ds)));
    }

    /** PS3.18 F.2.5: an empty attribute has no Value; empty values are null; empty items are {}. */
    @Test
    void nullValues() {
        String json = """
                {
                  "00080050": { "vr": "SH" },
                  "00081032": { "vr": "SQ", "Value": [ { "00080100": { "vr": "SH", "Value": [ "A" ] } }, { },
                                                      { "00080100": { "vr": "SH", "Value": [ "C" ] } } ] },
                  "00200020": { "vr": "CS", "Value": [ "bar", null, "foo" ] }
                }
                """;
        DataSet ds = DicomJson.read(json);
        assertTrue(ds.contains(Tag.AccessionNumber));
        assertNull(ds.value(Tag.AccessionNumber));
        assertArrayEquals(new String[] { "bar", "", "foo" }, ds.getStrings(Tag.PatientOrientation));
        assertEquals(3, ds.getSequence(Tag.ProcedureCodeSequence).size());
        assertTrue(ds.getItem(Tag.ProcedureCodeSequence, 1).isEmpty());
        assertEquals("C", ds.getItem(Tag.ProcedureCodeSequence, 2).getString(Tag.CodeValue));
        assertEquals(JsonParser.parse(json), JsonParser.parse(DicomJson.write(ds)));
    }

    /** PS3.18 F.2.2: a PN value is an object of its non-empty component groups (the standard's "^Bob^^Dr."). */
    @Test
    void personNameObjects() {
        String json = "{ \"00080090\": { \"vr\": \"PN\", \"Value\": [ { \"Alphabetic\": \"^Bob^^Dr.\" } ] },"
                + " \"00100010\": { \"vr\": \"PN\", \"Value\": [ { \"Alphabetic\": \"Yamada^Tarou\","
                + " \"Ideographic\": \"山田^太郎\", \"Phonetic\": \"やまだ^たろう\" } ] } }";
        DataSet ds = DicomJson.read(json);
        assertEquals("^Bob^^Dr.", ds.getString(Tag.ReferringPhysicianName));
        assertEquals("Dr.", ds.getPersonName(Tag.ReferringPhysicianName).alphabetic().prefix());
        // PS3.5 H.3's example name: the groups joined by '=' as Part 10 holds them
        assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", ds.getString(Tag.PatientName));
        PersonName pn = ds.getPersonName(Tag.PatientName);
        assertEquals("山田", pn.ideographic().family());
        assertEquals("たろう", pn.phonetic().given());
        assertEquals("ISO_IR 192", ds.getString(Tag.SpecificCharacterSet), "non-ASCII text and no character set: UTF-8");
        DataSet back = DicomJson.read(DicomJson.write(ds));
        assertEquals(ds.getString(Tag.PatientName), back.getString(Tag.PatientName));
        assertEquals(((Map<?, ?>) JsonParser.parse(json)).get("00100010"),
                ((Map<?, ?>) JsonParser.parse(DicomJson.write(ds))).get("00100010"));
    }
}
