package org.dicomflow.dicom.json;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dicomflow.dicom.DataSet;

/**
 * The DICOM JSON model of PS3.18 F.2 (media type {@code application/dicom+json}): data set to JSON and back.
 *
 * <h2>Writing</h2>
 * <ul>
 * <li>Members are the tags as eight upper-case hex digits, in tag order; group lengths are left out (F.2.2).
 * Every attribute has "vr"; an empty one has nothing else (F.2.5).</li>
 * <li>Text is decoded with the data set's Specific Character Set ({@link DataSet#getStrings}); (0008,0005) itself is
 * written as it is, as F.2.2 note 3 asks, although the JSON text is Unicode.</li>
 * <li>Empty values among several are {@code null}; empty sequence items are {@code {}} (F.2.5).</li>
 * <li>PN: an object with the non-empty groups "Alphabetic", "Ideographic", "Phonetic" (F.2.2).</li>
 * <li>IS, DS: numbers, in their DICOM text where that is a JSON number; text that is not a number at all stays a
 * string (F.2.3 allows strings for IS/DS). FL, FD, US, SS, UL, SL: numbers (FL in its shortest float form;
 * NaN and infinities, which JSON numbers lack, as the strings "NaN", "Infinity", "-Infinity"). SV, UV: numbers,
 * or strings beyond 2^53-1 where JavaScript numbers would lose digits (F.2.3 allows both). AT: "GGGGEEEE".</li>
 * <li>OB, OD, OF, OL, OV, OW, UN in memory: "InlineBinary", base64 of the value in little endian byte order
 * (values of big endian data sets are swapped). Encapsulated pixel data: InlineBinary of its item stream (the
 * PS3.5 A.4 value field: items and sequence delimiter).</li>
 * <li>A {@link java.net.URI} value: "BulkDataURI" with that URI.</li>
 * <li>A {@link org.dicomflow.dicom.BulkData} value (left in its file): with {@link JsonOptions.BulkDataMode#URI},
 * "BulkDataURI" {@code file:///path/to/file.dcm?offset=N&length=M} (plus {@code &bigEndian=true} for a value
 * stored big endian), which {@link #read} turns back into the same reference; with
 * {@link JsonOptions.BulkDataMode#INLINE}, the value is loaded (streamed) into InlineBinary, or, for number and text
 * VRs, into a Value array. Encapsulated pixel data left in its file, fragments back to back, becomes one
 * BulkDataURI for the whole value with {@code &encapsulated=true} in URI mode (read back as a plain URI).</li>
 * </ul>
 *
 * <h2>Reading</h2>
 * <ul>
 * <li>A missing "vr" is taken from the dictionary (private elements by their creator's dictionary, else UN).</li>
 * <li>Text becomes Java strings (values joined by backslashes, as the data set holds strings). Where the character
 * set in force cannot encode a text, the data set deciding it gets (0008,0005) "ISO_IR 192": JSON without
 * Specific Character Set but with non-ASCII names is read as UTF-8; a declared set covering the text stays.</li>
 * <li>PN objects become the '='-joined groups, without trailing empty groups; a plain string is accepted too.</li>
 * <li>Numbers become binary values for US, SS, UL, SL, SV, UV, FL, FD (range checked; SV/UV/FL/FD also from
 * strings), text for IS and DS (DS rounded to its 16 characters if longer). A {@code null} in a binary number
 * array has no binary form and is left out.</li>
 * <li>InlineBinary: bytes (little endian). For Pixel Data, bytes that are exactly an item stream become
 * {@link org.dicomflow.dicom.Fragments}.</li>
 * <li>BulkDataURI: a {@link java.net.URI} value, or a {@link org.dicomflow.dicom.BulkData} for our own file URIs
 * (unless {@link JsonReadOptions#fileBulkData()} is off: do that for JSON from outside). An empty BulkDataURI
 * (seen in the wild for omitted data) is an empty value.</li>
 * <li>Group lengths are ignored. Bad structure is a {@link JsonFormatException} naming the JSON path.</li>
 * </ul>
 */
public final class DicomJson {

    private DicomJson() {
    }

    /** The compact JSON of {@code ds}, bulk data as BulkDataURI. */
    public static String write(DataSet ds) {
        StringBuilder sb = new StringBuilder(Math.max(64, ds.size() * 48));
        try {
            write(ds, sb, JsonOptions.COMPACT);
        } catch (IOException e) {
            // a StringBuilder does not fail, but loading encapsulated fragments from their file can
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    public static void write(DataSet ds, Appendable out, JsonOptions options) throws IOException {
        new DataSetJsonWriter(out, options).write(ds);
    }

    /** Several data sets as F.2.1 returns multiple results: one top-level array. */
    public static void writeAll(List<DataSet> dataSets, Appendable out, JsonOptions options) throws IOException {
        DataSetJsonWriter writer = new DataSetJsonWriter(out, options);
        writer.json().beginArray();
        for (DataSet ds : dataSets) {
            writer.write(ds);
        }
        writer.json().endArray();
    }

    /** Reads one DICOM JSON object. @throws JsonFormatException for bad JSON or a bad DICOM JSON model */
    public static DataSet read(String json) {
        try {
            return read(new StringReader(json), JsonReadOptions.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    public static DataSet read(Reader in) throws IOException {
        return read(in, JsonReadOptions.DEFAULT);
    }

    /** Reads one DICOM JSON object; the reader is not closed. */
    public static DataSet read(Reader in, JsonReadOptions options) throws IOException {
        Object json = new JsonParser(options.maxDepth(), options.maxChars()).parse(in);
        return new DataSetJsonReader(options.fileBulkData()).read(json, "");
    }

    /** Reads multiple results (F.2.1: an array of DICOM JSON objects); a single object is one result. */
    public static List<DataSet> readAll(Reader in, JsonReadOptions options) throws IOException {
        Object json = new JsonParser(options.maxDepth(), options.maxChars()).parse(in);
        DataSetJsonReader reader = new DataSetJsonReader(options.fileBulkData());
        List<DataSet> results = new ArrayList<>();
        if (json instanceof Map) {
            results.add(reader.read(json, ""));
        } else if (json instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                results.add(reader.read(list.get(i), "/" + i));
            }
        } else {
            throw new JsonFormatException("an array of DICOM JSON objects was expected, not " + DataSetJsonReader.kind(json), "");
        }
        return results;
    }

    public static List<DataSet> readAll(String json) {
        try {
            return readAll(new StringReader(json), JsonReadOptions.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
