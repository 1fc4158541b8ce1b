package org.dicomflow.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Valid JSON that is not a valid DICOM JSON model: a clear error naming the JSON path, nothing else. */
class InvalidDicomJsonTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`[]`                                                      | /                     | DICOM JSON object",
        "`{\"0010001G\":{\"vr\":\"PN\"}}`                          | /                     | not a tag",
        "`{\"0010001\":{\"vr\":\"PN\"}}`                           | /                     | not a tag",
        "`{\"00100010\":\"Doe\"}`                                  | /00100010             | attribute object",
        "`{\"00100010\":{\"vr\":\"XX\"}}`                          | /00100010/vr          | VR code",
        "`{\"00100010\":{\"vr\":5}}`                               | /00100010/vr          | VR code",
        "`{\"00100010\":{\"vr\":\"PN\",\"Value\":\"Doe\"}}`        | /00100010/Value       | must be an array",
        "`{\"00100010\":{\"vr\":\"PN\",\"Value\":[5]}}`            | /00100010/Value/0     | person name object",
        "`{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":1}]}}` | /00100010/Value/0/Alphabetic | must be a string",
        "`{\"7FE00010\":{\"vr\":\"OB\",\"Value\":[1],\"InlineBinary\":\"AA==\"}}` | /7FE00010 | more than one",
        "`{\"7FE00010\":{\"vr\":\"OB\",\"Value\":[1]}}`            | /7FE00010/Value       | InlineBinary or BulkDataURI",
        "`{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\"!!\"}}`  | /7FE00010/InlineBinary | not base64",
        "`{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":7}}`       | /7FE00010/InlineBinary | base64 string",
        "`{\"7FE00010\":{\"vr\":\"OB\",\"BulkDataURI\":\"a b\"}}`  | /7FE00010/BulkDataURI | not a URI",
        "`{\"00200011\":{\"vr\":\"IS\",\"Value\":[1.5]}}`          | /00200011/Value/0     | not an integer",
        "`{\"00200011\":{\"vr\":\"IS\",\"Value\":[true]}}`         | /00200011/Value/0     | a number was expected",
        "`{\"00280010\":{\"vr\":\"US\",\"Value\":[65536]}}`        | /00280010/Value/0     | out of range for US",
        "`{\"00280010\":{\"vr\":\"US\",\"Value\":[-1]}}`           | /00280010/Value/0     | out of range for US",
        "`{\"00280010\":{\"vr\":\"US\",\"Value\":[\"x\"]}}`        | /00280010/Value/0     | a number was expected",
        "`{\"00280010\":{\"vr\":\"SS\",\"Value\":[1e999999999]}}`  | /00280010/Value/0     | out of range for SS",
        "`{\"00091001\":{\"vr\":\"UV\",\"Value\":[18446744073709551616]}}` | /00091001/Value/0 | out of range for UV",
        "`{\"00091001\":{\"vr\":\"UV\",\"Value\":[-1]}}`           | /00091001/Value/0     | out of range for UV",
        "`{\"00091001\":{\"vr\":\"SV\",\"Value\":[9223372036854775808]}}` | /00091001/Value/0 | out of range for SV",
        "`{\"00091001\":{\"vr\":\"FL\",\"Value\":[1e39]}}`         | /00091001/Value/0     | out of range for FL",
        "`{\"00091001\":{\"vr\":\"FD\",\"Value\":[1e309]}}`        | /00091001/Value/0     | out of range for FD",
        "`{\"00280009\":{\"vr\":\"AT\",\"Value\":[\"0010\"]}}`     | /00280009/Value/0     | GGGGEEEE",
        "`{\"00280009\":{\"vr\":\"AT\",\"Value\":[1048592]}}`      | /00280009/Value/0     | GGGGEEEE",
        "`{\"00080060\":{\"vr\":\"CS\",\"Value\":[[\"CT\"]]}}`     | /00080060/Value/0     | a string was expected",
        "`{\"00104000\":{\"vr\":\"LT\",\"Value\":[\"a\",\"b\"]}}`  | /00104000/Value       | holds one value",
        "`{\"00081032\":{\"vr\":\"SQ\",\"Value\":[{\"00080100\":{\"vr\":\"SH\",\"Value\":[1,{}]}}]}}` | /00081032/Value/0/00080100/Value/1 | a string was expected",
        "`{\"00081032\":{\"vr\":\"SQ\",\"Value\":[\"item\"]}}`     | /00081032/Value/0     | sequence item must be an object",
    })
    void contentErrorsNameTheJsonPath(String json, String path, String problem) {
        JsonFormatException e = assertThrows(JsonFormatException.class, () -> DicomJson.read(json));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().endsWith(" at " + path), e.getMessage());
        assertEquals(-1, e.offset());
    }

    @Test
    void deeplyNestedSequencesAreRefusedCleanly() {
        String open = "{\"00081032\":{\"vr\":\"SQ\",\"Value\":[";
        String close = "]}}";
        // 99 DICOM levels fit the default JSON depth (four JSON levels each); a million do not
        int fits = JsonParser.DEFAULT_MAX_DEPTH / 4 - 1;
        DataSet ds = DicomJson.read(open.repeat(fits) + "{}" + close.repeat(fits));
        int levels = 0;
        for (DataSet d = ds; d.contains(Tag.ProcedureCodeSequence); d = d.getItem(Tag.ProcedureCodeSequence, 0)) {
            levels++;
        }
        assertEquals(fits, levels);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            String deep = open.repeat(1_000_000);
            JsonFormatException e = assertThrows(JsonFormatException.class, () -> DicomJson.read(deep));
            assertTrue(e.getMessage().contains("nesting deeper"), e.getMessage());
        });
        assertThrows(JsonFormatException.class, () -> DicomJson.read(new StringReader(open.repeat(3) + "{}" + close.repeat(3)),
                JsonReadOptions.DEFAULT.withLimits(8, 1000)));
    }

    @Test
    void truncatedDicomJsonIsACleanError() {
        String json = DicomJson.write(DicomJson.read("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"A^B\"}]},"
                + "\"00081032\":{\"vr\":\"SQ\",\"Value\":[{\"00080100\":{\"vr\":\"SH\",\"Value\":[\"X\"]}}]},"
                + "\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\"AAECAw==\"}}"));
        for (int n = 0; n < json.length(); n++) {
            String prefix = json.substring(0, n);
            assertThrows(JsonFormatException.class, () -> DicomJson.read(prefix), prefix);
        }
    }

    @Test
    void readAllWantsObjects() {
        JsonFormatException e = assertThrows(JsonFormatException.class, () -> DicomJson.readAll("[{}, 5]"));
        assertTrue(e.getMessage().endsWith(" at /1"), e.getMessage());
        assertThrows(JsonFormatException.class, () -> DicomJson.readAll("\"x\""));
        assertEquals(1, DicomJson.readAll("{}").size());
    }
}
