package org.dicomflow.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Specific Character Set (0008,0005): decodes and encodes the values of text VRs (SH, LO, ST, LT, UC, UT, PN)
 * as PS3.5 section 6.1 and PS3.3 C.12.1.1.2 define.
 *
 * <p>Supported Defined Terms: the default repertoire (no value, or "ISO_IR 6"), ISO_IR 100, 101, 109, 110, 126,
 * 127, 138, 144, 148, 203, 13 (JIS X 0201), 166 (TIS 620), ISO_IR 192 (UTF-8), GB18030 and GBK; and with code
 * extensions ISO 2022 IR 6, 100, 101, 109, 110, 126, 127, 138, 144, 148, 203, 13, 166, ISO 2022 IR 87
 * (JIS X 0208), 159 (JIS X 0212), 149 (KS X 1001) and 58 (GB 2312). Escape sequences are interpreted here
 * (PS3.5 6.1.2.5), not by the JDK; the JDK's charsets only supply the character tables.
 *
 * <p>{@link #decode} takes a whole value field, backslashes between values included, and never throws: bytes
 * that do not fit become U+FFFD. Padding is left in place. Callers must split the decoded string on '\', not
 * the bytes: in GBK, GB18030 and the double-byte ISO 2022 sets the byte 05/12 can be half of a character.
 *
 * <p>Instances are immutable and thread-safe. Unknown or misspelt terms do not throw; what was assumed instead
 * is listed in {@link #warnings()}.
 */
public final class SpecificCharacterSet {

    /** No Specific Character Set: the default repertoire. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of(), List.of(), Mode.DEFAULT,
            null, GraphicSet.IR6, null, List.of());

    private static final int CACHE_LIMIT = 256;
    private static final ConcurrentHashMap<List<String>, SpecificCharacterSet> CACHE = new ConcurrentHashMap<>();

    private enum Mode { DEFAULT, SINGLE_BYTE, ISO_2022, STATELESS }

    private final List<String> definedTerms;
    private final List<String> warnings;
    private final Mode mode;
    /** Decodes the whole value (STATELESS) or, without ESC in the value, a SINGLE_BYTE value; else null. */
    private final Charset charset;
    private final GraphicSet initialG0;
    private final Iso2022Decoder decoder;
    private final Iso2022Encoder encoder;

    private SpecificCharacterSet(List<String> definedTerms, List<String> warnings, Mode mode, Charset charset,
            GraphicSet initialG0, GraphicSet initialG1, List<GraphicSet> declared) {
        this.definedTerms = definedTerms;
        this.warnings = warnings;
        this.mode = mode;
        this.charset = charset;
        this.initialG0 = initialG0;
        if (mode == Mode.SINGLE_BYTE || mode == Mode.ISO_2022) {
            GraphicSet fallbackG1 = initialG1;
            for (int i = 0; fallbackG1 == null && i < declared.size(); i++) {
                if (declared.get(i).g1) {
                    fallbackG1 = declared.get(i);
                }
            }
            if (fallbackG1 == null) {
                // GR bytes although no G1 set is declared: real files carry Latin-1 this way, so show them so
                fallbackG1 = GraphicSet.IR100;
            }
            this.decoder = new Iso2022Decoder(initialG0, initialG1, fallbackG1);
            this.encoder = new Iso2022Encoder(initialG0, initialG1,
                    mode == Mode.ISO_2022 ? declared : List.of());
        } else {
            this.decoder = null;
            this.encoder = null;
        }
    }

    /**
     * The character set for the values of (0008,0005), e.g. {@code ""} and {@code "ISO 2022 IR 87"}, or
     * {@code "ISO_IR 192"}. Values may carry their space padding. No values, or only empty ones, give the
     * default repertoire. Never throws for unknown terms: they are ignored with a warning.
     */
    public static SpecificCharacterSet valueOf(String... values) {
        if (values == null || values.length == 0) {
            return DEFAULT;
        }
        List<String> terms = new ArrayList<>(values.length);
        boolean allEmpty = true;
        for (String v : values) {
            String t = v == null ? "" : v.strip();
            terms.add(t);
            allEmpty &= t.isEmpty();
        }
        if (allEmpty && terms.size() == 1) {
            return DEFAULT;
        }
        List<String> key = List.copyOf(terms);
        SpecificCharacterSet cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        SpecificCharacterSet created = create(key);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.putIfAbsent(key, created);
        }
        return created;
    }

    private static SpecificCharacterSet create(List<String> terms) {
        List<String> warnings = new ArrayList<>();
        // resolve each value; null stands for an empty (or unusable) value
        List<DefinedTerm> resolved = new ArrayList<>(terms.size());
        for (int i = 0; i < terms.size(); i++) {
            String t = terms.get(i);
            DefinedTerm d = null;
            if (!t.isEmpty()) {
                d = DefinedTerm.exact(t);
                if (d == null) {
                    d = DefinedTerm.loose(t);
                    if (d != null) {
                        warnings.add("Specific Character Set '" + t + "' is not a Defined Term; assuming '" + d.term
                                + "'");
                    } else {
                        warnings.add("Unknown Specific Character Set '" + t + "' ignored");
                    }
                }
            } else if (i > 0) {
                warnings.add("Empty value " + (i + 1) + " of Specific Character Set ignored");
            }
            resolved.add(d);
        }

        DefinedTerm first = resolved.get(0);
        List<DefinedTerm> others = new ArrayList<>();
        for (int i = 1; i < resolved.size(); i++) {
            DefinedTerm d = resolved.get(i);
            if (d == null) {
                continue;
            }
            if (d.kind == DefinedTerm.Kind.STATELESS) {
                warnings.add("'" + d.term + "' cannot be used as a code extension; ignored");
                continue;
            }
            others.add(d);
        }

        if (first != null && first.kind == DefinedTerm.Kind.STATELESS) {
            if (!others.isEmpty()) {
                warnings.add("'" + first.term + "' allows no code extensions; other values ignored");
            }
            return new SpecificCharacterSet(terms, List.copyOf(warnings), Mode.STATELESS,
                    Charset.forName(first.charsetName), GraphicSet.IR6, null, List.of());
        }
        if (others.isEmpty()) {
            if (first == null || first == DefinedTerm.ISO_IR_6) {
                return new SpecificCharacterSet(terms, List.copyOf(warnings), Mode.DEFAULT, null, GraphicSet.IR6,
                        null, List.of());
            }
            if (first.kind == DefinedTerm.Kind.SINGLE_BYTE) {
                return new SpecificCharacterSet(terms, List.copyOf(warnings), Mode.SINGLE_BYTE,
                        first.charsetName == null ? null : Charset.forName(first.charsetName), first.g0, first.g1,
                        List.of());
            }
        }

        // code extensions: single-byte terms stand for their ISO 2022 form
        List<DefinedTerm> all = new ArrayList<>();
        if (first != null) {
            all.add(first);
        }
        all.addAll(others);
        List<GraphicSet> declared = new ArrayList<>();
        declared.add(GraphicSet.IR6); // value 1 empty or not: ISO-IR 6 is a G0 set of every 2022 charset
        for (DefinedTerm d : all) {
            DefinedTerm ext = d.withCodeExtensions();
            if (ext != d) {
                warnings.add("'" + d.term + "' used with code extensions; assuming '" + ext.term + "'");
            }
            for (GraphicSet s : new GraphicSet[] {ext.g0, ext.g1}) {
                if (s != null && !declared.contains(s)) {
                    declared.add(s);
                }
            }
        }
        // the initial state is that of value 1; a double-byte set cannot be the initial one
        GraphicSet initialG0 = GraphicSet.IR6;
        GraphicSet initialG1 = null;
        if (first != null) {
            DefinedTerm ext = first.withCodeExtensions();
            if (ext.g0 != null && !ext.g0.doubleByte) {
                initialG0 = ext.g0;
            }
            if (ext.g1 != null && !ext.g1.doubleByte) {
                initialG1 = ext.g1;
            }
        }
        return new SpecificCharacterSet(terms, List.copyOf(warnings), Mode.ISO_2022, null, initialG0, initialG1,
                List.copyOf(declared));
    }

    /** The values of (0008,0005) as given (stripped of padding); empty for {@link #DEFAULT}. */
    public List<String> definedTerms() {
        return definedTerms;
    }

    /** What was wrong with the values and what was assumed instead; empty if nothing. */
    public List<String> warnings() {
        return warnings;
    }

    /** True for ISO_IR 192 (UTF-8). */
    public boolean isUtf8() {
        return mode == Mode.STATELESS && charset.equals(StandardCharsets.UTF_8);
    }

    /** True if values may contain ISO 2022 escape sequences (a Defined Term "ISO 2022 ..." is declared). */
    public boolean usesCodeExtensions() {
        return mode == Mode.ISO_2022;
    }

    /**
     * Decodes a whole text value field. With {@code personName}, '^' and '=' also return to the initial
     * character sets (PS3.5 6.1.2.5.3). Never throws for bad bytes; they become U+FFFD.
     */
    public String decode(byte[] bytes, int offset, int length, boolean personName) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return "";
        }
        switch (mode) {
            case STATELESS:
                return new String(bytes, offset, length, charset);
            case DEFAULT:
                // Bytes >= 0x80 are not in the default repertoire, yet files without (0008,0005) often carry
                // Latin-1 text (older writers assumed it). ISO-8859-1 shows that text and every other byte
                // as some character instead of losing it.
                return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
            default:
                break;
        }
        boolean esc = false;
        boolean high = false;
        for (int i = offset, end = offset + length; i < end; i++) {
            int b = bytes[i];
            if (b == 0x1B) {
                esc = true;
                break;
            }
            high |= b < 0;
        }
        if (!esc) {
            if (!high && initialG0 == GraphicSet.IR6) {
                return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
            }
            if (mode == Mode.SINGLE_BYTE && charset != null) {
                return new String(bytes, offset, length, charset);
            }
        }
        return decoder.decode(bytes, offset, length, personName);
    }

    /** Decodes all of {@code bytes}; see {@link #decode(byte[], int, int, boolean)}. */
    public String decode(byte[] bytes, boolean personName) {
        return decode(bytes, 0, bytes.length, personName);
    }

    /**
     * Encodes a text value (backslashes between values included), with the escape sequences PS3.5 6.1.2.5.3
     * requires where code extensions are declared. Characters the declared sets lack become '?' (see
     * {@link #canEncode}). No padding is added.
     */
    public byte[] encode(String value, boolean personName) {
        if (value.isEmpty()) {
            return new byte[0];
        }
        switch (mode) {
            case STATELESS:
                return value.getBytes(charset);
            case DEFAULT:
                return value.getBytes(StandardCharsets.US_ASCII);
            case SINGLE_BYTE:
                if (charset != null) {
                    return value.getBytes(charset);
                }
                return encoder.encode(value, personName);
            default:
                return encoder.encode(value, personName);
        }
    }

    /** True if {@link #encode} represents every character of {@code value}. */
    public boolean canEncode(String value) {
        switch (mode) {
            case STATELESS:
            case SINGLE_BYTE:
                if (charset != null) {
                    return charset.newEncoder().canEncode(value);
                }
                return encoder.canEncode(value);
            case DEFAULT:
                return value.chars().allMatch(c -> c < 0x80);
            default:
                return encoder.canEncode(value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet && ((SpecificCharacterSet) o).definedTerms.equals(definedTerms);
    }

    @Override
    public int hashCode() {
        return definedTerms.hashCode();
    }

    @Override
    public String toString() {
        return definedTerms.isEmpty() ? "(default repertoire)" : String.join("\\", definedTerms);
    }
}
