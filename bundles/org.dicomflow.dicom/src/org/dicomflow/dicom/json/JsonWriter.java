package org.dicomflow.dicom.json;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes JSON (RFC 8259) to an {@link Appendable} as it goes: nothing is built in memory, so a data set with
 * megabytes of inline binary costs no more than its text.
 *
 * <p>Strings are escaped so the output is valid JSON and safe to embed: quote, backslash and every control
 * character (U+0000-U+001F, and U+007F) are escaped, and so are U+2028/U+2029, which JSON allows raw but
 * JavaScript source does not. Characters outside the BMP are written as their surrogate pair, which an UTF-8
 * encoder turns into one 4-byte sequence; a lone surrogate cannot be encoded in UTF-8 and is written as a
 * {@code \\uXXXX} escape instead. With {@code asciiOnly} every non-ASCII character is escaped (a non-BMP
 * character as two escapes, its surrogate pair), for transports that are not 8-bit clean.
 *
 * <p>The writer checks the structure (a name before each member value, balanced containers) and throws
 * {@link IllegalStateException} on misuse: a bug in the caller, not bad data.
 */
public final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Appendable out;
    private final boolean pretty;
    private final boolean asciiOnly;

    /** Per open container: true for an object. */
    private boolean[] isObject = new boolean[16];
    /** Per open container: how many values (or members) it has so far. */
    private int[] counts = new int[16];
    /** Per open container: whether an element was a container (pretty arrays then go multi-line). */
    private boolean[] multiLine = new boolean[16];
    private int depth;
    private boolean nameWritten;
    private boolean done;

    public JsonWriter(Appendable out, boolean pretty, boolean asciiOnly) {
        this.out = out;
        this.pretty = pretty;
        this.asciiOnly = asciiOnly;
    }

    /** A compact writer that keeps non-ASCII characters as they are. */
    public JsonWriter(Appendable out) {
        this(out, false, false);
    }

    public JsonWriter beginObject() throws IOException {
        beforeValue(true);
        out.append('{');
        push(true);
        return this;
    }

    public JsonWriter endObject() throws IOException {
        pop(true, '}');
        return this;
    }

    public JsonWriter beginArray() throws IOException {
        beforeValue(true);
        out.append('[');
        push(false);
        return this;
    }

    public JsonWriter endArray() throws IOException {
        pop(false, ']');
        return this;
    }

    /** The name of the next object member. */
    public JsonWriter name(String name) throws IOException {
        if (depth == 0 || !isObject[depth - 1] || nameWritten) {
            throw new IllegalStateException("a name belongs directly inside an object, before its value");
        }
        if (counts[depth - 1] > 0) {
            out.append(',');
        }
        if (pretty) {
            newLine(depth);
        }
        string(name);
        out.append(pretty ? ": " : ":");
        nameWritten = true;
        return this;
    }

    public JsonWriter value(String s) throws IOException {
        if (s == null) {
            return nullValue();
        }
        beforeValue(false);
        string(s);
        return this;
    }

    public JsonWriter value(long n) throws IOException {
        beforeValue(false);
        out.append(Long.toString(n));
        return this;
    }

    /** A finite double; NaN and infinities have no JSON form and are refused. */
    public JsonWriter value(double d) throws IOException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(d + " cannot be written as a JSON number");
        }
        beforeValue(false);
        out.append(Double.toString(d));
        return this;
    }

    public JsonWriter value(BigDecimal n) throws IOException {
        if (n == null) {
            return nullValue();
        }
        beforeValue(false);
        out.append(n.toString());
        return this;
    }

    public JsonWriter value(boolean b) throws IOException {
        beforeValue(false);
        out.append(b ? "true" : "false");
        return this;
    }

    public JsonWriter nullValue() throws IOException {
        beforeValue(false);
        out.append("null");
        return this;
    }

    /**
     * A number given as text, written as it is so that its format survives (a DS "0.50" stays 0.50).
     *
     * @throws IllegalArgumentException if the text is not a JSON number
     */
    public JsonWriter numberValue(CharSequence jsonNumber) throws IOException {
        if (!isJsonNumber(jsonNumber)) {
            throw new IllegalArgumentException("'" + jsonNumber + "' is not a JSON number");
        }
        beforeValue(false);
        out.append(jsonNumber);
        return this;
    }

    /**
     * A string holding the base64 (RFC 4648, with padding, no line breaks) of all bytes of {@code bytes},
     * encoded as they are read: a value of any size costs a fixed buffer. The stream is not closed.
     */
    public JsonWriter valueBase64(InputStream bytes) throws IOException {
        beforeValue(false);
        out.append('"');
        Base64.Encoder encoder = Base64.getEncoder();
        byte[] chunk = new byte[3 * 16384]; // a multiple of 3: no padding until the very end
        int n;
        while ((n = bytes.readNBytes(chunk, 0, chunk.length)) > 0) {
            byte[] encoded = encoder.encode(n == chunk.length ? chunk : Arrays.copyOf(chunk, n));
            out.append(new String(encoded, StandardCharsets.ISO_8859_1));
            if (n < chunk.length) {
                break;
            }
        }
        out.append('"');
        return this;
    }

    /** Whether the writer has finished one complete top-level value. */
    public boolean isComplete() {
        return done && depth == 0;
    }

    /** The JSON number grammar of RFC 8259 section 6: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    public static boolean isJsonNumber(CharSequence s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return false;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else {
            int start = i;
            i = digits(s, i);
            if (i == start) {
                return false;
            }
        }
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            i = digits(s, i);
            if (i == start) {
                return false;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            i = digits(s, i);
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    private static int digits(CharSequence s, int i) {
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    // ---------------------------------------------------------------- structure

    private void beforeValue(boolean container) throws IOException {
        if (depth == 0) {
            if (done) {
                throw new IllegalStateException("JSON text has one top-level value; it is already complete");
            }
            if (!container) {
                done = true;
            }
            return;
        }
        int top = depth - 1;
        if (isObject[top]) {
            if (!nameWritten) {
                throw new IllegalStateException("an object member needs a name before its value");
            }
            nameWritten = false;
        } else {
            if (counts[top] > 0) {
                out.append(',');
            }
            if (pretty) {
                if (container) {
                    multiLine[top] = true;
                    newLine(depth);
                } else if (counts[top] > 0) {
                    out.append(' ');
                }
            }
        }
        counts[top]++;
    }

    private void push(boolean object) {
        if (depth == isObject.length) {
            isObject = Arrays.copyOf(isObject, depth * 2);
            counts = Arrays.copyOf(counts, depth * 2);
            multiLine = Arrays.copyOf(multiLine, depth * 2);
        }
        isObject[depth] = object;
        counts[depth] = 0;
        multiLine[depth] = false;
        depth++;
    }

    private void pop(boolean object, char close) throws IOException {
        if (depth == 0 || isObject[depth - 1] != object || nameWritten) {
            throw new IllegalStateException("no open " + (object ? "object" : "array") + " to close here");
        }
        depth--;
        // pretty: objects with members and arrays holding containers close on their own line
        if (pretty && counts[depth] > 0 && (object || multiLine[depth])) {
            newLine(depth);
        }
        out.append(close);
        if (depth == 0) {
            done = true;
        }
    }

    private void newLine(int indent) throws IOException {
        out.append('\n');
        for (int i = 0; i < indent; i++) {
            out.append("  ");
        }
    }

    // ---------------------------------------------------------------- strings

    private void string(String s) throws IOException {
        out.append('"');
        int plainFrom = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!needsEscape(s, i, c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++; // a valid pair passes unescaped as a whole
                }
                continue;
            }
            out.append(s, plainFrom, i);
            escape(c);
            plainFrom = i + 1;
        }
        out.append(s, plainFrom, n);
        out.append('"');
    }

    private boolean needsEscape(String s, int i, char c) {
        if (c < 0x20 || c == '"' || c == '\\' || c == 0x7F || c == '\u2028' || c == '\u2029') {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        if (asciiOnly) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        // a low surrogate reached here is not preceded by its high half (pairs are skipped whole)
        return Character.isLowSurrogate(c);
    }

    private void escape(char c) throws IOException {
        switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                .append(HEX[c & 0xF]);
        }
    }
}
