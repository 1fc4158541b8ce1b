package org.dicomflow.dicom.json;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recursive descent parser for JSON (RFC 8259) into plain Java values: {@code Map<String, Object>} (members in
 * document order), {@code List<Object>}, {@code String}, {@code BigDecimal} (a {@link NumberLiteral}, which also
 * keeps the number's text), {@code Boolean} and {@code null}.
 *
 * <p>Made for input from the network: nesting depth and input length are bounded (a deeply nested document
 * gives a {@link JsonFormatException}, never a {@link StackOverflowError}), so is the length of a number
 * literal, duplicate member names are refused (which of two values would count is unspecified in RFC 8259,
 * and for DICOM JSON it would be two values for one tag), and every error names line, column and offset.
 * A leading byte order mark is ignored, as RFC 8259 section 8.1 permits.
 */
public final class JsonParser {

    /** Enough for DICOM sequences nested 100 deep (each nesting level costs four JSON levels). */
    public static final int DEFAULT_MAX_DEPTH = 400;
    /** 256 Mi characters: large inline pixel data fits, an endless stream does not. */
    public static final long DEFAULT_MAX_CHARS = 256L * 1024 * 1024;
    /** Longer number literals are refused: BigDecimal work grows with their length. */
    static final int MAX_NUMBER_LENGTH = 1000;

    private final int maxDepth;
    private final long maxChars;

    private Reader in;
    private final char[] buf = new char[8192];
    private int bufPos;
    private int bufLen;
    /** Characters consumed before buf[0]. */
    private long bufStart;
    private long line;
    private long lineStart;
    private int depth;
    private final StringBuilder text = new StringBuilder();

    public JsonParser(int maxDepth, long maxChars) {
        if (maxDepth < 1 || maxChars < 1) {
            throw new IllegalArgumentException("limits must be positive: depth " + maxDepth + ", chars " + maxChars);
        }
        this.maxDepth = maxDepth;
        this.maxChars = maxChars;
    }

    public JsonParser() {
        this(DEFAULT_MAX_DEPTH, DEFAULT_MAX_CHARS);
    }

    /** Parses one JSON text with the default limits. */
    public static Object parse(String json) {
        return new JsonParser().parseText(json);
    }

    public Object parseText(String json) {
        try {
            return parse(new StringReader(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /** Parses one JSON text: a value, surrounded by nothing but white space. The reader is not closed. */
    public Object parse(Reader reader) throws IOException {
        in = reader;
        bufPos = 0;
        bufLen = 0;
        bufStart = 0;
        line = 1;
        lineStart = 0;
        depth = 0;
        if (peek() == '\uFEFF') {
            bufPos++;
        }
        Object value = value();
        skipWhiteSpace();
        if (peek() != -1) {
            throw error("unexpected '" + printable(peek()) + "' after the JSON value");
        }
        return value;
    }

    // ---------------------------------------------------------------- grammar

    private Object value() throws IOException {
        skipWhiteSpace();
        int c = peek();
        switch (c) {
        case '{':
            return object();
        case '[':
            return array();
        case '"':
            bufPos++;
            return string();
        case 't':
            literal("true");
            return Boolean.TRUE;
        case 'f':
            literal("false");
            return Boolean.FALSE;
        case 'n':
            literal("null");
            return null;
        case -1:
            throw error("unexpected end of input, a value was expected");
        default:
            if (c == '-' || (c >= '0' && c <= '9')) {
                return number();
            }
            throw error("unexpected '" + printable(c) + "', a value was expected");
        }
    }

    private Map<String, Object> object() throws IOException {
        enter();
        bufPos++; // '{'
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhiteSpace();
        if (peek() == '}') {
            bufPos++;
            depth--;
            return members;
        }
        while (true) {
            skipWhiteSpace();
            if (peek() != '"') {
                throw error(peek() == -1 ? "unexpected end of input, a member name was expected"
                        : "a member name (a string) was expected, not '" + printable(peek()) + "'");
            }
            long nameOffset = offset();
            long nameLine = line;
            long nameColumn = column();
            bufPos++;
            String name = string();
            skipWhiteSpace();
            expect(':', "':' after a member name");
            Object value = value();
            if (members.containsKey(name)) {
                throw new JsonFormatException("duplicate member name \"" + name + "\"", nameOffset, nameLine, nameColumn);
            }
            members.put(name, value);
            skipWhiteSpace();
            int c = read();
            if (c == '}') {
                depth--;
                return members;
            }
            if (c != ',') {
                throw errorBefore(c, "',' or '}' in an object");
            }
        }
    }

    private List<Object> array() throws IOException {
        enter();
        bufPos++; // '['
        List<Object> elements = new ArrayList<>();
        skipWhiteSpace();
        if (peek() == ']') {
            bufPos++;
            depth--;
            return elements;
        }
        while (true) {
            elements.add(value());
            skipWhiteSpace();
            int c = read();
            if (c == ']') {
                depth--;
                return elements;
            }
            if (c != ',') {
                throw errorBefore(c, "',' or ']' in an array");
            }
        }
    }

    private void enter() {
        if (++depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth + " levels");
        }
    }

    /** The rest of a string after its opening quote. */
    private String string() throws IOException {
        text.setLength(0);
        while (true) {
            if (bufPos == bufLen && !fill()) {
                throw error("unexpected end of input inside a string");
            }
            // copy the run of plain characters in one go
            int start = bufPos;
            while (bufPos < bufLen) {
                char c = buf[bufPos];
                if (c == '"' || c == '\\' || c < 0x20) {
                    break;
                }
                bufPos++;
            }
            text.append(buf, start, bufPos - start);
            if (bufPos == bufLen) {
                continue;
            }
            char c = buf[bufPos];
            if (c == '"') {
                bufPos++;
                return text.toString();
            }
            if (c < 0x20) {
                throw error("control character U+" + String.format("%04X", (int) c) + " must be escaped in a string");
            }
            bufPos++; // backslash
            text.append(escape());
        }
    }

    private char escape() throws IOException {
        int c = read();
        switch (c) {
        case '"': return '"';
        case '\\': return '\\';
        case '/': return '/';
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case 'u':
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int h = read();
                int d = Character.digit(h, 16);
                if (h == -1 || d < 0 || h > 'f') {
                    throw errorBefore(h, "four hexadecimal digits after \\u");
                }
                v = v << 4 | d;
            }
            // surrogates are kept as they come: a valid pair becomes one code point in the Java string
            return (char) v;
        case -1:
            throw error("unexpected end of input inside a string");
        default:
            throw errorBefore(c, "an escape character (\" \\ / b f n r t u) after '\\'");
        }
    }

    private BigDecimal number() throws IOException {
        long startOffset = offset();
        long startColumn = column();
        text.setLength(0);
        while (true) {
            int c = peek();
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                if (text.length() == MAX_NUMBER_LENGTH) {
                    throw new JsonFormatException("number literal longer than " + MAX_NUMBER_LENGTH + " characters",
                            startOffset, line, startColumn);
                }
                text.append((char) c);
                bufPos++;
            } else {
                break;
            }
        }
        if (!JsonWriter.isJsonNumber(text)) {
            throw new JsonFormatException("'" + text + "' is not a JSON number", startOffset, line, startColumn);
        }
        try {
            return new NumberLiteral(text.toString());
        } catch (NumberFormatException | ArithmeticException e) {
            // BigDecimal keeps the exponent in an int: 1e9999999999 is valid JSON but out of any useful range
            throw new JsonFormatException("number " + text + " is out of range", startOffset, line, startColumn);
        }
    }

    private void literal(String word) throws IOException {
        for (int i = 0; i < word.length(); i++) {
            int c = read();
            if (c != word.charAt(i)) {
                throw errorBefore(c, "'" + word + "'");
            }
        }
    }

    private void expect(char wanted, String what) throws IOException {
        int c = read();
        if (c != wanted) {
            throw errorBefore(c, what);
        }
    }

    private void skipWhiteSpace() throws IOException {
        while (true) {
            if (bufPos == bufLen && !fill()) {
                return;
            }
            char c = buf[bufPos];
            if (c == '\n') {
                bufPos++;
                line++;
                lineStart = offset();
            } else if (c == ' ' || c == '\t' || c == '\r') {
                bufPos++;
            } else {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- input

    private int peek() throws IOException {
        if (bufPos == bufLen && !fill()) {
            return -1;
        }
        return buf[bufPos];
    }

    private int read() throws IOException {
        int c = peek();
        if (c != -1) {
            bufPos++;
        }
        return c;
    }

    private boolean fill() throws IOException {
        bufStart += bufLen;
        bufPos = 0;
        bufLen = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        if (bufStart + n > maxChars) {
            throw error("input longer than " + maxChars + " characters");
        }
        bufLen = n;
        return true;
    }

    private long offset() {
        return bufStart + bufPos;
    }

    private long column() {
        return offset() - lineStart + 1;
    }

    /** An error at the current position. */
    private JsonFormatException error(String problem) {
        return new JsonFormatException(problem, offset(), line, column());
    }

    /** An error about character {@code c}, just consumed: the position is that of {@code c}. */
    private JsonFormatException errorBefore(int c, String expected) {
        if (c == -1) {
            return error("unexpected end of input, " + expected + " was expected");
        }
        long at = offset() - 1;
        return new JsonFormatException("unexpected '" + printable(c) + "', " + expected + " was expected", at, line,
                at - lineStart + 1);
    }

    private static String printable(int c) {
        return c < 0x20 || c == 0x7F ? String.format("\\u%04x", c) : String.valueOf((char) c);
    }
}
