package org.dicomflow.dicom;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.HashMap;
import java.util.Map;

/**
 * One coded graphic character set of ISO/IEC 2022 as DICOM uses it (PS3.3 C.12.1.1.2, PS3.5 6.1.2.5): a 94- or
 * 96-character single-byte set or a 94x94 double-byte set, with the escape sequence that designates it to its
 * DICOM code element (G0 or G1).
 *
 * <p>Characters are addressed by their 7-bit code (0x20..0x7F, or two such codes for double-byte sets), so the
 * same table serves whether the set is invoked in GL (bytes 0x21..0x7E) or GR (bytes 0xA1..0xFE). Tables are
 * built lazily from the JDK's charsets; the two JIS X 0201 halves are defined here because the JDK's
 * {@code JIS_X0201} maps 05/12 and 07/14 to ASCII rather than to what PS3.5 Annex H.1.1 says.
 */
final class GraphicSet {

    static final char NONE = '\uFFFD';

    /** ISO-IR 6, ASCII (G0). */
    static final GraphicSet IR6 = new GraphicSet("ISO-IR 6", false, false, "\u001b(B", null);
    /**
     * ISO-IR 14, JIS X 0201 romaji (G0): ASCII except 07/14 = OVERLINE. 05/12 (YEN SIGN in the standard) is
     * decoded as BACKSLASH: for SH, LO, PN and UC it is the value delimiter (PS3.5 H.1.1 note 3), and callers
     * split decoded strings on '\'.
     */
    static final GraphicSet IR14 = new GraphicSet("ISO-IR 14", false, false, "\u001b(J", null);
    /** ISO-IR 13, JIS X 0201 katakana (G1): half-width katakana U+FF61..U+FF9F at 02/01..05/15. */
    static final GraphicSet IR13 = new GraphicSet("ISO-IR 13", true, false, "\u001b)I", null);
    static final GraphicSet IR100 = latin("ISO-IR 100", 'A', "ISO-8859-1");
    static final GraphicSet IR101 = latin("ISO-IR 101", 'B', "ISO-8859-2");
    static final GraphicSet IR109 = latin("ISO-IR 109", 'C', "ISO-8859-3");
    static final GraphicSet IR110 = latin("ISO-IR 110", 'D', "ISO-8859-4");
    static final GraphicSet IR144 = latin("ISO-IR 144", 'L', "ISO-8859-5");
    static final GraphicSet IR127 = latin("ISO-IR 127", 'G', "ISO-8859-6");
    static final GraphicSet IR126 = latin("ISO-IR 126", 'F', "ISO-8859-7");
    static final GraphicSet IR138 = latin("ISO-IR 138", 'H', "ISO-8859-8");
    static final GraphicSet IR148 = latin("ISO-IR 148", 'M', "ISO-8859-9");
    static final GraphicSet IR203 = latin("ISO-IR 203", 'b', "ISO-8859-15");
    /** TIS 620-2533; the JDK's ISO-8859-11 is TIS-620 plus NO-BREAK SPACE at 0xA0. */
    static final GraphicSet IR166 = latin("ISO-IR 166", 'T', "x-iso-8859-11");
    /** JIS X 0208 (G0); the JDK charset takes the 7-bit byte pairs. */
    static final GraphicSet IR87 = new GraphicSet("ISO-IR 87", false, true, "\u001b$B", "x-JIS0208");
    /** JIS X 0212 (G0). */
    static final GraphicSet IR159 = new GraphicSet("ISO-IR 159", false, true, "\u001b$(D", "JIS_X0212-1990");
    /** KS X 1001 (G1); EUC-KR is KS X 1001 in GR. */
    static final GraphicSet IR149 = new GraphicSet("ISO-IR 149", true, true, "\u001b$)C", "EUC-KR");
    /** GB 2312 (G1); the JDK's GB2312 is EUC-CN, i.e. GB 2312 in GR. */
    static final GraphicSet IR58 = new GraphicSet("ISO-IR 58", true, true, "\u001b$)A", "GB2312");

    private static final GraphicSet[] ALL = {IR6, IR14, IR13, IR100, IR101, IR109, IR110, IR144, IR127, IR126,
        IR138, IR148, IR203, IR166, IR87, IR159, IR149, IR58};

    /** Designations the decoder understands, keyed by the escape sequence (ISO-8859-1 string of its bytes). */
    private static final Map<String, Designation> DESIGNATIONS = new HashMap<>();

    static {
        for (GraphicSet set : ALL) {
            DESIGNATIONS.put(set.escape, new Designation(set, set.g1));
            char fin = set.escape.charAt(set.escape.length() - 1);
            if (set.doubleByte) {
                // the same 94x94 set designated to the other element, and the long form of ESC $ @/A/B
                DESIGNATIONS.putIfAbsent("\u001b$(" + fin, new Designation(set, false));
                DESIGNATIONS.putIfAbsent("\u001b$)" + fin, new Designation(set, true));
            } else if (set.size96) {
                continue;
            } else {
                DESIGNATIONS.putIfAbsent("\u001b(" + fin, new Designation(set, false));
                DESIGNATIONS.putIfAbsent("\u001b)" + fin, new Designation(set, true));
            }
        }
        // JIS C 6226-1978 (ESC $ @), the predecessor of JIS X 0208, which some writers still announce, and the
        // short form of G0-designate for GB 2312 (final bytes 04/00..04/02 may omit the 02/08)
        DESIGNATIONS.put("\u001b$@", new Designation(IR87, false));
        DESIGNATIONS.put("\u001b$A", new Designation(IR58, false));
    }

    final String name;
    /** True if DICOM designates this set to G1 (invoked in GR), false for G0 (GL). */
    final boolean g1;
    final boolean doubleByte;
    final boolean size96;
    /** The designating escape sequence as an ISO-8859-1 string. */
    final String escape;
    private final String charsetName;

    private volatile char[] decodeTable;
    private volatile Map<Character, Integer> encodeTable;

    private GraphicSet(String name, boolean g1, boolean doubleByte, String escape, String charsetName) {
        this(name, g1, doubleByte, false, escape, charsetName);
    }

    private GraphicSet(String name, boolean g1, boolean doubleByte, boolean size96, String escape,
            String charsetName) {
        this.name = name;
        this.g1 = g1;
        this.doubleByte = doubleByte;
        this.size96 = size96;
        this.escape = escape;
        this.charsetName = charsetName;
    }

    private static GraphicSet latin(String name, char fin, String charsetName) {
        return new GraphicSet(name, true, false, true, "\u001b-" + fin, charsetName);
    }

    /** The designation an escape sequence makes, or {@code null} if it is not one DICOM uses. */
    static Designation designation(String escapeSequence) {
        return DESIGNATIONS.get(escapeSequence);
    }

    /** The JDK charset behind this set, or {@code null} for IR 6, 13 and 14. */
    Charset charset() {
        return charsetName == null ? null : Charset.forName(charsetName);
    }

    /** Character at 7-bit code {@code x} (0x20..0x7F) of a single-byte set, or {@link #NONE}. */
    char decode(int x) {
        return table()[x - 0x20];
    }

    /** Character at 7-bit codes {@code x1 x2} (each 0x21..0x7E) of a double-byte set, or {@link #NONE}. */
    char decode(int x1, int x2) {
        return table()[(x1 - 0x21) * 94 + (x2 - 0x21)];
    }

    /**
     * The 7-bit code of {@code c} in this set ({@code x} or {@code x1 << 8 | x2}), or -1 if the set does not
     * contain it.
     */
    int encode(char c) {
        Map<Character, Integer> map = encodeTable;
        if (map == null) {
            map = buildEncodeTable();
        }
        Integer code = map.get(c);
        return code == null ? -1 : code;
    }

    private char[] table() {
        char[] t = decodeTable;
        if (t == null) {
            t = buildDecodeTable();
            decodeTable = t;
        }
        return t;
    }

    private synchronized Map<Character, Integer> buildEncodeTable() {
        if (encodeTable != null) {
            return encodeTable;
        }
        char[] t = table();
        Map<Character, Integer> map = new HashMap<>(t.length * 2);
        for (int i = 0; i < t.length; i++) {
            if (t[i] != NONE) {
                int code = doubleByte ? (i / 94 + 0x21) << 8 | (i % 94 + 0x21) : i + 0x20;
                map.putIfAbsent(t[i], code);
            }
        }
        encodeTable = map;
        return map;
    }

    private char[] buildDecodeTable() {
        if (this == IR6 || this == IR14) {
            char[] t = new char[96];
            for (int i = 0; i < 96; i++) {
                t[i] = (char) (i + 0x20);
            }
            if (this == IR14) {
                t[0x7E - 0x20] = '\u203E';
            }
            return t;
        }
        if (this == IR13) {
            char[] t = new char[96];
            java.util.Arrays.fill(t, NONE);
            for (int x = 0x21; x <= 0x5F; x++) {
                t[x - 0x20] = (char) (0xFF61 + x - 0x21);
            }
            return t;
        }
        CharsetDecoder decoder = charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // GL-pair charsets (the JIS ones) take 7-bit codes, the EUC ones and ISO-8859 take GR bytes
        int high = doubleByte && !g1 ? 0 : 0x80;
        if (!doubleByte) {
            char[] t = new char[96];
            for (int x = 0x20; x <= 0x7F; x++) {
                t[x - 0x20] = decodeOne(decoder, new byte[] {(byte) (x | high)});
            }
            if (!size96) {
                t[0] = NONE;
                t[95] = NONE;
            }
            return t;
        }
        char[] t = new char[94 * 94];
        byte[] pair = new byte[2];
        for (int x1 = 0x21; x1 <= 0x7E; x1++) {
            for (int x2 = 0x21; x2 <= 0x7E; x2++) {
                pair[0] = (byte) (x1 | high);
                pair[1] = (byte) (x2 | high);
                t[(x1 - 0x21) * 94 + x2 - 0x21] = decodeOne(decoder, pair);
            }
        }
        return t;
    }

    private static char decodeOne(CharsetDecoder decoder, byte[] bytes) {
        try {
            CharBuffer out = decoder.reset().decode(ByteBuffer.wrap(bytes));
            // a set character is exactly one BMP char; private use and multi-char results are not ours to use
            return out.length() == 1 ? out.charAt(0) : NONE;
        } catch (CharacterCodingException e) {
            return NONE;
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** A set designated to G0 or G1 by an escape sequence. */
    static final class Designation {
        final GraphicSet set;
        final boolean g1;

        Designation(GraphicSet set, boolean g1) {
            this.set = set;
            this.g1 = g1;
        }
    }
}
