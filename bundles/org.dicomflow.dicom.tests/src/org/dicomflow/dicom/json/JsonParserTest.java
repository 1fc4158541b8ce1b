package org.dicomflow.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonParserTest {

    @Test
    void parsesEveryKindOfValue() {
        Object v = JsonParser.parse(" {\"s\": \"a\\u00e9\\n\\/\", \"n\": -1.5e2, \"i\": 42, \"t\": true, \"f\": false, "
                + "\"z\": null, \"a\": [1, [], {}], \"o\": {\"k\": \"v\"}} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "aé\n/");
        expected.put("n", new BigDecimal("-1.5e2"));
        expected.put("i", new BigDecimal("42"));
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", null);
        expected.put("a", List.of(new BigDecimal(1), List.of(), Map.of()));
        expected.put("o", Map.of("k", "v"));
        assertEquals(expected, v);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) v).keySet()), "document order kept");
        assertNull(JsonParser.parse("null"));
        assertEquals("x", JsonParser.parse("\"x\""));
    }

    @Test
    void surrogatePairEscapesBecomeOneCodePoint() {
        assertEquals("\uD834\uDD1E", JsonParser.parse("\"\\uD834\\udd1e\""));
        assertEquals(0x1D11E, ((String) JsonParser.parse("\"\\uD834\\uDD1E\"")).codePointAt(0));
        assertEquals("\uD83D\uDE00", JsonParser.parse("\"\uD83D\uDE00\""));
    }

    @Test
    void ignoresALeadingByteOrderMark() {
        assertEquals(Map.of(), JsonParser.parse("\uFEFF{}"));
    }

    @Test
    void keepsLargeAndPreciseNumbersExactly() {
        assertEquals(new BigDecimal("18446744073709551615"), JsonParser.parse("18446744073709551615"));
        assertEquals(new BigDecimal("0.1000000000000000000000000001"), JsonParser.parse("0.1000000000000000000000000001"));
        assertEquals(new BigDecimal("1E+999999999"), JsonParser.parse("1e999999999"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                | 1 | 1  | end of input",
        "`   `             | 1 | 4  | end of input",
        "`{`               | 1 | 2  | end of input",
        "`{\"a\"`          | 1 | 5  | end of input",
        "`{\"a\":`         | 1 | 6  | end of input",
        "`{\"a\":1`        | 1 | 7  | end of input",
        "`{\"a\":1,`       | 1 | 8  | end of input",
        "`[1,2`            | 1 | 5  | end of input",
        "`\"abc`           | 1 | 5  | end of input",
        "`\"ab\\`          | 1 | 5  | end of input",
        "`\"\\u12`         | 1 | 6  | end of input",
        "`tru`             | 1 | 4  | end of input",
        "`{\"a\" 1}`       | 1 | 6  | ':'",
        "`{a:1}`           | 1 | 2  | member name",
        "`{\"a\":1,}`      | 1 | 8  | member name",
        "`[1,]`            | 1 | 4  | a value",
        "`[1 2]`           | 1 | 4  | ',' or ']'",
        "`{\"a\":1 \"b\":2}` | 1 | 8 | ',' or '}'",
        "`[01]`            | 1 | 2  | not a JSON number",
        "`[1.]`            | 1 | 2  | not a JSON number",
        "`[-]`             | 1 | 2  | not a JSON number",
        "`[+1]`            | 1 | 2  | a value",
        "`[.5]`            | 1 | 2  | a value",
        "`[NaN]`           | 1 | 2  | a value",
        "`[Infinity]`      | 1 | 2  | a value",
        "`[nul]`           | 1 | 5  | 'null'",
        "`[True]`          | 1 | 2  | a value",
        "`'a'`             | 1 | 1  | a value",
        "`\"a\\x\"`        | 1 | 4  | escape character",
        "`\"\\u12G4\"`     | 1 | 6  | hexadecimal",
        "`{} {}`           | 1 | 4  | after the JSON value",
        "`[1] x`           | 1 | 5  | after the JSON value",
        "`[\n1,\n\n  ?]`   | 4 | 3  | a value",
        "`{\"a\":1,\"a\":2}` | 1 | 8 | duplicate member name",
    })
    void badJsonGivesAClearErrorWithPosition(String json, long line, long column, String problem) {
        JsonFormatException e = assertThrows(JsonFormatException.class, () -> JsonParser.parse(json));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains("line " + line + ", column " + column), e.getMessage());
    }

    @Test
    void controlCharactersInStringsMustBeEscaped() {
        JsonFormatException e = assertThrows(JsonFormatException.class, () -> JsonParser.parse("\"a\nb\""));
        assertTrue(e.getMessage().contains("U+000A"), e.getMessage());
        assertEquals(2, e.offset());
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        for (String open : List.of("[", "{\"a\":")) {
            String deep = open.repeat(1_000_000);
            JsonFormatException e = assertThrows(JsonFormatException.class, () -> JsonParser.parse(deep));
            assertTrue(e.getMessage().contains("nesting deeper than " + JsonParser.DEFAULT_MAX_DEPTH), e.getMessage());
        }
        String ok = "[".repeat(JsonParser.DEFAULT_MAX_DEPTH) + "]".repeat(JsonParser.DEFAULT_MAX_DEPTH);
        assertTrue(JsonParser.parse(ok) instanceof List);
        assertThrows(JsonFormatException.class, () -> new JsonParser(3, 100).parseText("[[[[]]]]"));
        new JsonParser(4, 100).parseText("[[[[]]]]");
    }

    @Test
    void hugeNumbersAreRefusedOrKeptWithoutExpandingThem() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            JsonFormatException tooLong = assertThrows(JsonFormatException.class,
                    () -> JsonParser.parse("[" + "9".repeat(100_000) + "]"));
            assertTrue(tooLong.getMessage().contains("longer than"), tooLong.getMessage());
            JsonFormatException range = assertThrows(JsonFormatException.class, () -> JsonParser.parse("1e99999999999"));
            assertTrue(range.getMessage().contains("out of range"), range.getMessage());
            assertEquals(new BigDecimal("-1E-999999999"), JsonParser.parse("-1e-999999999"));
        });
    }

    @Test
    void inputLongerThanTheLimitIsRefused() throws IOException {
        JsonParser small = new JsonParser(10, 20_000);
        small.parseText("\"" + "x".repeat(19_000) + "\"");
        JsonFormatException e = assertThrows(JsonFormatException.class, () -> small.parseText("\"" + "x".repeat(50_000) + "\""));
        assertTrue(e.getMessage().contains("longer than 20000 characters"), e.getMessage());
        // an endless stream ends at the limit, not with OutOfMemoryError
        Reader endless = new Reader() {
            @Override
            public int read(char[] b, int off, int len) {
                Arrays.fill(b, off, off + len, ' ');
                return len;
            }

            @Override
            public void close() {
            }
        };
        assertThrows(JsonFormatException.class, () -> new JsonParser(10, 1_000_000).parse(endless));
    }

    @Test
    void everyTruncationOfADocumentIsACleanError() {
        String doc = "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"\\u5c71\u7530\"}]},"
                + "\"00281050\":{\"vr\":\"DS\",\"Value\":[-1.5e3,null,true,false]}}";
        JsonParser.parse(doc);
        for (int n = 0; n < doc.length(); n++) {
            String prefix = doc.substring(0, n);
            JsonFormatException e = assertThrows(JsonFormatException.class, () -> JsonParser.parse(prefix), prefix);
            assertTrue(e.offset() <= n, e.getMessage());
        }
    }

    @Test
    void readsFromAReaderInSmallPieces() throws IOException {
        String doc = "{\"k\": [\"" + "é".repeat(20_000) + "\", 1]}";
        Reader trickle = new Reader() {
            private final StringReader in = new StringReader(doc);

            @Override
            public int read(char[] b, int off, int len) throws IOException {
                return in.read(b, off, Math.min(len, 3));
            }

            @Override
            public void close() {
            }
        };
        assertEquals(JsonParser.parse(doc), new JsonParser().parse(trickle));
    }
}
