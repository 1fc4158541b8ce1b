package org.dicomflow.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonWriterTest {

    private static String string(String s, boolean asciiOnly) throws IOException {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb, false, asciiOnly).value(s);
        return sb.toString();
    }

    @Test
    void escapesQuoteBackslashAndControlCharacters() throws IOException {
        assertEquals("\"a\\\"b\\\\c\"", string("a\"b\\c", false));
        assertEquals("\"\\n\\r\\t\\b\\f\\u0000\\u001f\\u007f\"", string("\n\r\t\b\f\u0000\u001f\u007f", false));
        assertEquals("\"\\u001b$B\"", string("\u001b$B", false)); // ESC of ISO 2022 text that was not decoded
    }

    @Test
    void escapesLineAndParagraphSeparatorsThatJavaScriptSourceRejects() throws IOException {
        assertEquals("\"a\\u2028b\\u2029c\"", string("a\u2028b\u2029c", false));
    }

    @Test
    void writesCharactersOutsideTheBmpAsTheirPairOrAsTwoEscapes() throws IOException {
        String clef = "\uD834\uDD1E"; // U+1D11E MUSICAL SYMBOL G CLEF
        assertEquals("\"x" + clef + "y\"", string("x" + clef + "y", false));
        assertEquals("\"x\\ud834\\udd1ey\"", string("x" + clef + "y", true));
        assertEquals("\"\\u5c71\\u7530\"", string("山田", true));
        assertEquals("\"山田\"", string("山田", false));
    }

    @Test
    void escapesLoneSurrogatesWhichUtf8CannotEncode() throws IOException {
        assertEquals("\"a\\ud834b\"", string("a\uD834b", false));
        assertEquals("\"a\\udd1e\"", string("a\uDD1E", false));
        assertEquals("\"\\ud834\"", string("\uD834", false));
    }

    @Test
    void everyWrittenStringParsesBackToItself() throws IOException {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            if (!Character.isSurrogate(c)) {
                all.append(c);
            }
        }
        all.append("\uD83D\uDE00 end");
        for (boolean ascii : new boolean[] { false, true }) {
            assertEquals(all.toString(), JsonParser.parse(string(all.toString(), ascii)));
        }
    }

    @Test
    void compactAndPrettyLayouts() throws IOException {
        StringBuilder compact = new StringBuilder();
        StringBuilder pretty = new StringBuilder();
        for (StringBuilder sb : List.of(compact, pretty)) {
            JsonWriter w = new JsonWriter(sb, sb == pretty, false);
            w.beginObject().name("a").beginArray().value(1).value("x").nullValue().endArray()
                    .name("b").beginArray().beginObject().endObject().beginObject().name("c").value(true).endObject().endArray()
                    .name("d").beginObject().endObject().endObject();
            assertTrue(w.isComplete());
        }
        assertEquals("{\"a\":[1,\"x\",null],\"b\":[{},{\"c\":true}],\"d\":{}}", compact.toString());
        assertEquals("""
                {
                  "a": [1, "x", null],
                  "b": [
                    {},
                    {
                      "c": true
                    }
                  ],
                  "d": {}
                }""", pretty.toString());
        assertEquals(JsonParser.parse(compact.toString()), JsonParser.parse(pretty.toString()));
    }

    @Test
    void numbers() throws IOException {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).beginArray().value(-5).value(0.5).value(new BigDecimal("1E+400")).numberValue("0.50")
                .value(Long.MIN_VALUE).endArray();
        assertEquals("[-5,0.5,1E+400,0.50," + Long.MIN_VALUE + "]", sb.toString());
        JsonWriter w = new JsonWriter(new StringBuilder()).beginArray();
        assertThrows(IllegalArgumentException.class, () -> w.value(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> w.value(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> w.numberValue("+1"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-0", "1.5", "-12e+3", "1E-7", "10" })
    void jsonNumbers(String s) {
        assertTrue(JsonWriter.isJsonNumber(s));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "-", "+1", "01", ".5", "1.", "1e", "1e+", "0x10", "NaN", "1 ", " 1", "1.5.2" })
    void notJsonNumbers(String s) {
        assertFalse(JsonWriter.isJsonNumber(s));
    }

    @Test
    void base64IsStreamedInOnePieceWithoutLineBreaks() throws IOException {
        byte[] data = new byte[100_001];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).valueBase64(new ByteArrayInputStream(data));
        assertEquals("\"" + Base64.getEncoder().encodeToString(data) + "\"", sb.toString());
    }

    @Test
    void refusesMisuse() throws IOException {
        assertThrows(IllegalStateException.class, () -> new JsonWriter(new StringBuilder()).beginObject().value(1));
        assertThrows(IllegalStateException.class, () -> new JsonWriter(new StringBuilder()).beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter(new StringBuilder()).beginArray().endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter(new StringBuilder()).value(1).value(2));
        assertThrows(IllegalStateException.class, () -> new JsonWriter(new StringBuilder()).beginObject().name("a").endObject());
        Object parsed = JsonParser.parse("{\"k\":[]}");
        assertEquals(Map.of("k", List.of()), parsed);
    }
}
