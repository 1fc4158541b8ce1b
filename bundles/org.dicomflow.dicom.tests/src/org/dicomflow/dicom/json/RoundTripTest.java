package org.dicomflow.dicom.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.dicomflow.dicom.BinaryValues;
import org.dicomflow.dicom.BulkData;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Fragments;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.SpecificCharacterSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.json.JsonOptions.BulkDataMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DataSet -> JSON -> DataSet for every kind of value the data set holds, in both layouts and both bulk data modes. */
class RoundTripTest {

    @TempDir
    Path tmp;

    private static final JsonOptions[] LAYOUTS = { JsonOptions.COMPACT, JsonOptions.PRETTY,
            JsonOptions.COMPACT.withAsciiOnly(true), JsonOptions.PRETTY.withBulkData(BulkDataMode.INLINE) };

    private static DataSet roundTrip(DataSet ds, JsonOptions options) throws IOException {
        StringBuilder sb = new StringBuilder();
        DicomJson.write(ds, sb, options);
        String json = sb.toString();
        if (options.asciiOnly()) {
            assertTrue(json.chars().allMatch(c -> c < 0x80), json);
        }
        return DicomJson.read(new StringReader(json));
    }

    /** Same tags, VRs and values (compared as the data set presents them, byte order aside). */
    static void assertSameElements(DataSet expected, DataSet actual, String where) {
        int[] e = new int[expected.size()];
        int[] a = new int[actual.size()];
        Arrays.setAll(e, expected::tagAt);
        Arrays.setAll(a, actual::tagAt);
        assertArrayEquals(e, a, where + ": tags");
        for (int i = 0; i < e.length; i++) {
            int tag = e[i];
            String at = where + Tag.toString(tag);
            VR vr = expected.vrAt(i);
            assertEquals(vr, actual.vrAt(i), at + " VR");
            Object x = expected.valueAt(i);
            Object y = actual.valueAt(i);
            if (x instanceof Sequence xs) {
                Sequence ys = (Sequence) y;
                assertEquals(xs.size(), ys == null ? 0 : ys.size(), at + " items");
                for (int k = 0; k < xs.size(); k++) {
                    assertSameElements(xs.get(k), ys.get(k), at + "[" + k + "]");
                }
            } else if (x instanceof Fragments xf) {
                Fragments yf = assertInstanceOf(Fragments.class, y, at);
                assertEquals(xf.size(), yf.size(), at + " fragments");
                for (int k = 0; k < xf.size(); k++) {
                    assertArrayEquals((byte[]) xf.get(k), (byte[]) yf.get(k), at + " fragment " + k);
                }
            } else if (x == null || x instanceof URI || x instanceof BulkData) {
                assertEquals(x, y, at);
            } else if (vr == VR.OB || vr == VR.UN || vr.bytesPerValue() > 1 && !vr.isMultiValued()) {
                byte[] little = ((byte[]) x).clone();
                if (expected.isBigEndian() && vr != VR.OB && vr != VR.UN) {
                    BinaryValues.swap(little, 0, little.length, vr.bytesPerValue());
                }
                assertArrayEquals(little, (byte[]) y, at);
            } else {
                assertArrayEquals(expected.getStrings(tag), actual.getStrings(tag), at);
            }
        }
    }

    /** One element of every VR, several values where the VR allows them, empty values among them. */
    private static DataSet everyValueKind(boolean bigEndian) {
        DataSet ds = new DataSet();
        ds.setBigEndian(bigEndian);
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "", "AXIAL");
        ds.setString(Tag.StudyDate, VR.DA, "20240229");
        ds.setString(Tag.StudyTime, VR.TM, "235959.123456");
        ds.setString(Tag.AcquisitionDateTime, VR.DT, "20240229235959.5+0100");
        ds.setString(Tag.PatientAge, VR.AS, "051Y");
        ds.setString(Tag.RetrieveAETitle, VR.AE, "STORESCP", "ARCHIVE");
        ds.setString(Tag.StudyDescription, VR.LO, "Thorax \"quoted\" ünïcödé 𝄞", "second");
        ds.setString(Tag.AdditionalPatientHistory, VR.LT, "line 1\r\nline 2\twith \\ backslash\u2028");
        ds.setString(Tag.InstitutionAddress, VR.ST, "Hauptstraße 1, Zürich");
        ds.setString(Tag.TextValue, VR.UT, "x".repeat(70_000));
        ds.setString(Tag.LongCodeValue, VR.UC, "a long code value", "another");
        ds.setString(Tag.RetrieveURL, VR.UR, "https://pacs.example/studies/1.2.3?x=1&y=2");
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2.99");
        ds.setString(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう", "", "Doe^John^^Dr.^Jr.", "=山田^太郎", "==やまだ^たろう");
        ds.setString(Tag.SeriesNumber, VR.IS, "-42", "", "2147483648");
        ds.setString(Tag.ImagePositionPatient, VR.DS, "-129.995", "0.50", "1E-7");
        ds.setString(Tag.SliceThickness, VR.DS, "1.5e+300");
        ds.setLong(Tag.Rows, VR.US, 0, 512, 65535);
        ds.setLong(0x00091005, VR.SS, -32768, 32767);
        ds.setLong(0x00091006, VR.UL, 0, 4294967295L);
        ds.setLong(0x00091007, VR.SL, Integer.MIN_VALUE, Integer.MAX_VALUE);
        ds.setLong(0x00091001, VR.SV, Long.MIN_VALUE, -(1L << 53) + 1, 1L << 53, Long.MAX_VALUE);
        ds.setLong(0x00091002, VR.UV, 0, (1L << 53) - 1, 1L << 53, -1L /* 2^64-1 */);
        ds.setDouble(0x00091004, VR.FL, 0.1, -3.4028234663852886E38, Float.MIN_VALUE,
                Double.NaN, Double.NEGATIVE_INFINITY);
        ds.setDouble(0x00091003, VR.FD, Math.PI, -0.0, Double.MIN_VALUE,
                Double.MAX_VALUE, Double.POSITIVE_INFINITY);
        ds.setLong(Tag.FrameIncrementPointer, VR.AT, Tag.FrameTime, Tag.PixelData, 0xFFFEE000L);
        ds.setString(0x00090010, VR.LO, "DICOMFLOW TEST");
        ds.setBytes(0x00091010, VR.OB, new byte[] { 1, 2, 3 });
        ds.setBytes(0x00091011, VR.OW, new byte[] { 1, 2, 3, 4 });
        ds.setBytes(0x00091012, VR.OF, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        ds.setBytes(0x00091013, VR.OD, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        ds.setBytes(0x00091014, VR.OL, new byte[] { 1, 2, 3, 4 });
        ds.setBytes(0x00091015, VR.OV, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        ds.setBytes(0x00091016, VR.UN, new byte[] { (byte) 0xFF, 0, 0x7F });
        ds.put(0x00091017, VR.LO, null); // empty
        ds.put(0x00091018, VR.SQ, null); // empty sequence
        ds.put(0x00091019, VR.US, null);
        ds.put(0x0009101A, VR.OB, null);
        ds.put(0x0009101B, VR.OB, URI.create("https://wado.example/studies/1/bulk/7FE00010"));
        Sequence seq = ds.newSequence(Tag.ReferencedSOPSequence, 3);
        DataSet item = seq.addItem();
        item.setString(Tag.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        seq.addItem(); // empty item
        DataSet nested = seq.addItem().newSequence(Tag.ProcedureCodeSequence, 1).addItem();
        nested.setString(Tag.CodeValue, VR.SH, "T-D3000");
        nested.setString(Tag.CodeMeaning, VR.LO, "Chest");
        Fragments f = new Fragments(VR.OB);
        f.add(new byte[] { 0, 0, 0, 0 });
        f.add(new byte[] { (byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9, 0 });
        f.add(new byte[0]);
        ds.put(Tag.PixelData, VR.OB, f);
        return ds;
    }

    @Test
    void everyValueKindSurvivesInEveryLayout() throws IOException {
        for (boolean bigEndian : new boolean[] { false, true }) {
            DataSet ds = everyValueKind(bigEndian);
            for (JsonOptions options : LAYOUTS) {
                DataSet back = roundTrip(ds, options);
                assertSameElements(ds, back, options + " bigEndian=" + bigEndian + " ");
                // and a second trip gives the same JSON text
                assertEquals(DicomJson.write(back), DicomJson.write(roundTrip(back, options)));
            }
        }
    }

    @Test
    void writtenFormFollowsF23() {
        DataSet ds = everyValueKind(false);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> json = (Map<String, Map<String, Object>>) JsonParser.parse(DicomJson.write(ds));
        assertEquals("[ORIGINAL, null, AXIAL]", json.get("00080008").get("Value").toString());
        assertEquals("[-42, null, 2147483648]", json.get("00200011").get("Value").toString(), "IS as numbers");
        assertEquals("[-129.995, 0.50, 1E-7]", json.get("00200032").get("Value").toString(), "DS text kept");
        assertEquals("[0.1, -3.4028235E+38, 1.4E-45, NaN, -Infinity]", json.get("00091004").get("Value").toString());
        assertEquals("[-9223372036854775808, -9007199254740991, 9007199254740992, 9223372036854775807]",
                json.get("00091001").get("Value").toString());
        assertInstanceOf(String.class, ((java.util.List<?>) json.get("00091001").get("Value")).get(0), "SV beyond 2^53: string");
        assertInstanceOf(java.math.BigDecimal.class, ((java.util.List<?>) json.get("00091001").get("Value")).get(1));
        assertEquals("[0, 9007199254740991, 9007199254740992, 18446744073709551615]", json.get("00091002").get("Value").toString());
        assertEquals("[00181063, 7FE00010, FFFEE000]", json.get("00280009").get("Value").toString());
        assertEquals("AQID", json.get("00091010").get("InlineBinary"));
        assertEquals(Map.of("vr", "LO"), json.get("00091017"));
        assertEquals(Map.of("vr", "SQ"), json.get("00091018"));
        assertEquals("https://wado.example/studies/1/bulk/7FE00010", json.get("0009101B").get("BulkDataURI"));
        assertEquals("[{Alphabetic=Yamada^Tarou, Ideographic=山田^太郎, Phonetic=やまだ^たろう}, null, "
                + "{Alphabetic=Doe^John^^Dr.^Jr.}, {Ideographic=山田^太郎}, {Phonetic=やまだ^たろう}]",
                json.get("00100010").get("Value").toString());
        assertEquals("[{00081150={vr=UI, Value=[1.2.840.10008.5.1.4.1.1.2]}}, {}, "
                + "{00081032={vr=SQ, Value=[{00080100={vr=SH, Value=[T-D3000]}, 00080104={vr=LO, Value=[Chest]}}]}}]",
                json.get("00081199").get("Value").toString());
        // F.2.2: members in ascending order, group lengths left out
        String[] keys = json.keySet().toArray(new String[0]);
        String[] sorted = keys.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, keys);
    }

    @Test
    void groupLengthsAreLeftOutAndIgnored() {
        DataSet ds = new DataSet();
        ds.setLong(0x00080000, VR.UL, 10);
        ds.setString(Tag.Modality, VR.CS, "CT");
        assertEquals("{\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]}}", DicomJson.write(ds));
        DataSet back = DicomJson.read("{\"00080000\":{\"vr\":\"UL\",\"Value\":[10]},\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]}}");
        assertFalse(back.contains(0x00080000));
        assertEquals("CT", back.getString(Tag.Modality));
    }

    @Test
    void textHeldAsBytesIsDecodedWithTheDataSetsCharacterSet() throws IOException {
        SpecificCharacterSet japanese = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
        DataSet ds = new DataSet();
        ds.put(Tag.SpecificCharacterSet, VR.CS, "\\ISO 2022 IR 87".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ds.put(Tag.PatientName, VR.PN, japanese.encode("Yamada^Tarou=山田^太郎=やまだ^たろう", true));
        DataSet latin = ds.newSequence(Tag.OtherPatientIDsSequence, 1).addItem();
        latin.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        latin.put(Tag.PatientName, VR.PN, "Buc^Jérôme".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        String json = DicomJson.write(ds);
        assertTrue(json.contains("\"Ideographic\":\"山田^太郎\""), json);
        assertTrue(json.contains("\"Alphabetic\":\"Buc^Jérôme\""), json);
        // (0008,0005) as it is; its empty first value is an empty value, null (F.2.5)
        assertTrue(json.contains("\"00080005\":{\"vr\":\"CS\",\"Value\":[null,\"ISO 2022 IR 87\"]}"), json);
        DataSet back = DicomJson.read(json);
        // the declared sets encode the text: they stay, and so the Part 10 encoding can be rebuilt
        assertArrayEquals(new String[] { "", "ISO 2022 IR 87" }, back.getStrings(Tag.SpecificCharacterSet));
        assertEquals("ISO_IR 100", back.getItem(Tag.OtherPatientIDsSequence, 0).getString(Tag.SpecificCharacterSet));
        assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", back.getString(Tag.PatientName));
        assertArrayEquals(ds.getBytes(Tag.PatientName), back.encodeString(VR.PN, back.getString(Tag.PatientName)));
        assertEquals("Buc^Jérôme", back.getItem(Tag.OtherPatientIDsSequence, 0).getString(Tag.PatientName));
    }

    @Test
    void nonAsciiTextGetsUtf8WhereTheCharacterSetCannotEncodeIt() {
        DataSet none = DicomJson.read("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Müller\"}]}}");
        assertEquals("ISO_IR 192", none.getString(Tag.SpecificCharacterSet));
        DataSet ascii = DicomJson.read("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Muller\"}]},"
                + "\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1.2\"]}}");
        assertFalse(ascii.contains(Tag.SpecificCharacterSet));
        DataSet covered = DicomJson.read("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Müller\"}]}}");
        assertEquals("ISO_IR 100", covered.getString(Tag.SpecificCharacterSet));
        DataSet uncovered = DicomJson.read("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
                + "\"00081030\":{\"vr\":\"LO\",\"Value\":[\"胸部\"]}}");
        assertEquals("ISO_IR 192", uncovered.getString(Tag.SpecificCharacterSet));
        DataSet inItem = DicomJson.read("{\"00081032\":{\"vr\":\"SQ\",\"Value\":[{\"00080104\":{\"vr\":\"LO\","
                + "\"Value\":[\"Thorax ü\"]}}]}}");
        assertEquals("ISO_IR 192", inItem.getString(Tag.SpecificCharacterSet), "the top level decides for its items");
        assertFalse(inItem.getItem(Tag.ProcedureCodeSequence, 0).contains(Tag.SpecificCharacterSet));
        DataSet notSensitive = DicomJson.read("{\"00080060\":{\"vr\":\"CS\",\"Value\":[\"É\"]}}");
        assertFalse(notSensitive.contains(Tag.SpecificCharacterSet), "CS is not character-set sensitive");
    }

    @Test
    void bulkDataAsFileUriOrInline() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("a dir with spaces and ü"));
        Path file = dir.resolve("image #1?.dcm");
        byte[] content = new byte[64];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        Files.write(file, content);
        DataSet ds = new DataSet();
        ds.setBulkData(Tag.PixelData, VR.OW, new BulkData(file, 8, 16, false));
        ds.setBulkData(0x00091010, VR.OW, new BulkData(file, 8, 16, true));
        ds.setBulkData(0x00091011, VR.US, new BulkData(file, 0, 6, false));

        String uriJson = DicomJson.write(ds);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> parsed = (Map<String, Map<String, Object>>) JsonParser.parse(uriJson);
        String uri = (String) parsed.get("7FE00010").get("BulkDataURI");
        assertEquals(file.toUri() + "?offset=8&length=16", uri);
        assertTrue(((String) parsed.get("00091010").get("BulkDataURI")).endsWith("?offset=8&length=16&bigEndian=true"));
        DataSet back = DicomJson.read(uriJson);
        assertEquals(new BulkData(file, 8, 16, false), back.getBulkData(Tag.PixelData));
        assertEquals(new BulkData(file, 8, 16, true), back.getBulkData(0x00091010));
        assertEquals(new BulkData(file, 0, 6, false), back.getBulkData(0x00091011));

        DataSet untrusted = DicomJson.read(new StringReader(uriJson), JsonReadOptions.UNTRUSTED);
        assertEquals(URI.create(uri), untrusted.value(Tag.PixelData), "untrusted JSON: no local file references");

        StringBuilder inline = new StringBuilder();
        DicomJson.write(ds, inline, JsonOptions.COMPACT.withBulkData(BulkDataMode.INLINE));
        DataSet loaded = DicomJson.read(inline.toString());
        assertArrayEquals(Arrays.copyOfRange(content, 8, 24), loaded.getBytes(Tag.PixelData));
        byte[] swapped = Arrays.copyOfRange(content, 8, 24);
        BinaryValues.swap(swapped, 0, swapped.length, 2);
        assertArrayEquals(swapped, loaded.getBytes(0x00091010), "big endian words become little endian");
        assertArrayEquals(new long[] { 0x0100, 0x0302, 0x0504 }, loaded.getLongs(0x00091011), "US from the file as numbers");
        assertTrue(inline.toString().contains("\"00091011\":{\"vr\":\"US\",\"Value\":[256,770,1284]}"), inline.toString());
    }

    @Test
    void otherFileUrisStayUris() {
        for (String uri : new String[] { "file:///tmp/x.dcm", "file:///tmp/x.dcm?offset=1", "file:///tmp/x.dcm?offset=-1&length=2",
                "file:///tmp/x.dcm?offset=1&length=2&frame=3", "file://server/share/x.dcm?offset=1&length=2",
                "http://host/x?offset=1&length=2", "relative/path" }) {
            DataSet ds = DicomJson.read("{\"7FE00010\":{\"vr\":\"OB\",\"BulkDataURI\":\"" + uri + "\"}}");
            assertEquals(URI.create(uri), ds.value(Tag.PixelData), uri);
        }
    }

    @Test
    void encapsulatedPixelDataLeftInItsFileBecomesOneUriForTheWholeValue() throws IOException {
        // a file holding, from offset 10: BOT item (4 bytes), fragment of 6, fragment of 2, sequence delimiter
        Fragments inMemory = new Fragments(VR.OB);
        inMemory.add(new byte[] { 0, 0, 0, 0 });
        inMemory.add(new byte[] { 1, 2, 3, 4, 5, 6 });
        inMemory.add(new byte[] { 7, 8 });
        byte[] itemStream = EncapsulatedValue.open(inMemory).readAllBytes();
        assertEquals(8 + 4 + 8 + 6 + 8 + 2 + 8, itemStream.length);
        byte[] fileBytes = new byte[10 + itemStream.length + 5];
        System.arraycopy(itemStream, 0, fileBytes, 10, itemStream.length);
        Path file = Files.write(tmp.resolve("encapsulated.dcm"), fileBytes);
        Fragments inFile = new Fragments(VR.OB);
        inFile.add(new byte[] { 0, 0, 0, 0 });
        inFile.add(new BulkData(file, 10 + 20, 6, false));
        inFile.add(new BulkData(file, 10 + 34, 2, false));
        DataSet ds = new DataSet();
        ds.put(Tag.PixelData, VR.OB, inFile);

        String json = DicomJson.write(ds);
        assertTrue(json.contains(file.toUri() + "?offset=10&length=" + itemStream.length + "&encapsulated=true"), json);
        assertInstanceOf(URI.class, DicomJson.read(json).value(Tag.PixelData));

        StringBuilder inline = new StringBuilder();
        DicomJson.write(ds, inline, JsonOptions.COMPACT.withBulkData(BulkDataMode.INLINE));
        Fragments back = DicomJson.read(inline.toString()).getFragments(Tag.PixelData);
        assertNotNull(back);
        assertArrayEquals(new byte[] { 1, 2, 3, 4, 5, 6 }, (byte[]) back.get(1));
        assertArrayEquals(new byte[] { 7, 8 }, (byte[]) back.get(2));
    }

    @Test
    void nativeOtherBytesThatMerelyStartLikeAnItemStayBytes() {
        byte[] b = { (byte) 0xFE, (byte) 0xFF, 0, (byte) 0xE0, 4, 0, 0, 0, 1, 2, 3, 4, 9, 9, 9, 9, 9, 9 };
        DataSet ds = new DataSet();
        ds.setBytes(Tag.PixelData, VR.OB, b);
        DataSet back = DicomJson.read(DicomJson.write(ds));
        assertArrayEquals(b, back.getBytes(Tag.PixelData));
    }

    @Test
    void missingVrComesFromTheDictionary() {
        DataSet ds = DicomJson.read("""
                {
                  "00100010": { "Value": [ { "Alphabetic": "Doe^Jane" } ] },
                  "00280010": { "Value": [ 512 ] },
                  "00081032": { "Value": [ { "00080100": { "Value": [ "X" ] } } ] },
                  "00191024": { "Value": [ 1.5 ] },
                  "00190010": { "Value": [ "GEMS_ACQU_01" ] },
                  "00291001": { "InlineBinary": "AAE=" },
                  "00290010": { "Value": [ "NOBODY KNOWS ME" ] }
                }
                """);
        assertEquals(VR.PN, ds.vrOf(Tag.PatientName));
        assertEquals(VR.US, ds.vrOf(Tag.Rows));
        assertEquals(512, ds.getInt(Tag.Rows, 0));
        assertEquals(VR.SQ, ds.vrOf(Tag.ProcedureCodeSequence));
        assertEquals(VR.SH, ds.getItem(Tag.ProcedureCodeSequence, 0).vrOf(Tag.CodeValue));
        assertEquals(VR.LO, ds.vrOf(0x00190010), "private creator");
        assertEquals(VR.DS, ds.vrOf(0x00191024), "private dictionary of GEMS_ACQU_01, creator read first");
        assertEquals("1.5", ds.getString(0x00191024));
        assertEquals(VR.UN, ds.vrOf(0x00291001), "unknown creator");
    }

    @Test
    void numbersFromOtherWriters() {
        DataSet ds = DicomJson.read("""
                {
                  "00181310": { "vr": "US", "Value": [ 128, 0, 0, 32, null ] },
                  "00200011": { "vr": "IS", "Value": [ 1.0E+2, "007", null ] },
                  "00180050": { "vr": "DS", "Value": [ 3.14159265358979323846264338327950288, 1e5, "+.5" ] },
                  "00091001": { "vr": "SV", "Value": [ "-9223372036854775808", 12 ] },
                  "00091002": { "vr": "UV", "Value": [ "18446744073709551615", 1e3 ] },
                  "00091003": { "vr": "FD", "Value": [ "NaN", 1e-320, "2.5", -0.0, "-0.0" ] }
                }
                """);
        assertArrayEquals(new long[] { 128, 0, 0, 32 }, ds.getLongs(Tag.AcquisitionMatrix), "null has no binary form");
        assertArrayEquals(new String[] { "100", "007", "" }, ds.getStrings(Tag.SeriesNumber));
        assertArrayEquals(new String[] { "3.14159265358979", "1e5", "+.5" }, ds.getStrings(Tag.SliceThickness),
                "DS as written, rounded to 16 characters where longer");
        assertArrayEquals(new long[] { Long.MIN_VALUE, 12 }, ds.getLongs(0x00091001));
        assertArrayEquals(new String[] { "18446744073709551615", "1000" }, ds.getStrings(0x00091002));
        assertTrue(Double.isNaN(ds.getDoubles(0x00091003)[0]));
        assertEquals(1e-320, ds.getDoubles(0x00091003)[1]);
        assertEquals(2.5, ds.getDoubles(0x00091003)[2]);
        assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(ds.getDoubles(0x00091003)[3]), "negative zero");
        assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(ds.getDoubles(0x00091003)[4]));
    }

    @Test
    void emptyInlineBinaryAndEmptyBulkDataUriAreEmptyValues() {
        DataSet ds = DicomJson.read("{\"00091010\":{\"vr\":\"OB\",\"InlineBinary\":\"\"},\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"\"},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"\"}]},\"00100020\":{\"vr\":\"LO\",\"Value\":[]}}");
        for (int tag : new int[] { 0x00091010, Tag.PixelData, Tag.PatientName, Tag.PatientID }) {
            assertTrue(ds.contains(tag));
            assertNull(ds.value(tag), Tag.toString(tag));
        }
        assertEquals("{\"00091010\":{\"vr\":\"OB\"}}", DicomJson.write(DicomJson.read("{\"00091010\":{\"vr\":\"OB\"}}")));
    }
}
