package org.dicomflow.dicom;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Defined Terms of Specific Character Set (0008,0005), PS3.3 C.12.1.1.2 Tables C.12-2 to C.12-5, with the
 * graphic sets each one declares.
 */
enum DefinedTerm {
    // single-byte, no code extensions (Table C.12-2); "ISO_IR 6" is not a Defined Term but common in files
    ISO_IR_6("ISO_IR 6", Kind.SINGLE_BYTE, GraphicSet.IR6, null, "US-ASCII"),
    ISO_IR_100("ISO_IR 100", Kind.SINGLE_BYTE, GraphicSet.IR6, GraphicSet.IR100, "ISO-8859-1"),
    ISO_IR_101("ISO_IR 101", Kind.SINGLE_BYTE, GraphicSet.IR6, GraphicSet.IR101, "ISO-8859-2"),
    ISO_IR_109("ISO_IR 109", Kind.SINGLE_BYTE, GraphicSet.IR6, GraphicSet.IR109, "ISO-8859-3"),
    ISO_IR_110("ISO_IR 110", Kind.SINGLE_BYTE, GraphicSet.IR6, GraphicSet.IR110, "ISO-8859-4"),
    ISO_IR_144("ISO_IR 144", Kind.SINGLE_BYTE, GraphicSet.IR6, GraphicSet.IR144, "ISO-8859-5"),
    ISO_IR_127("ISO_IR 127", Kind.SINGLE_BYTE, GraphicSet.IR6, GraphicSet.IR127, "ISO-8859-6"),
    ISO_IR_126("ISO_IR 126", Kind.SINGLE_BYTE, GraphicSet.IR6, GraphicSet.IR126, "ISO-8859-7"),
    ISO_IR_138("ISO_IR 138", Kind.SINGLE_BYTE, GraphicSet.IR6, GraphicSet.IR138, "ISO-8859-8"),
    ISO_IR_148("ISO_IR 148", Kind.SINGLE_BYTE, GraphicSet.IR6, GraphicSet.IR148, "ISO-8859-9"),
    ISO_IR_203("ISO_IR 203", Kind.SINGLE_BYTE, GraphicSet.IR6, GraphicSet.IR203, "ISO-8859-15"),
    ISO_IR_13("ISO_IR 13", Kind.SINGLE_BYTE, GraphicSet.IR14, GraphicSet.IR13, null),
    ISO_IR_166("ISO_IR 166", Kind.SINGLE_BYTE, GraphicSet.IR6, GraphicSet.IR166, "x-iso-8859-11"),
    // single-byte with code extensions (Table C.12-3)
    ISO_2022_IR_6("ISO 2022 IR 6", Kind.ISO_2022, GraphicSet.IR6, null, null),
    ISO_2022_IR_100("ISO 2022 IR 100", Kind.ISO_2022, GraphicSet.IR6, GraphicSet.IR100, null),
    ISO_2022_IR_101("ISO 2022 IR 101", Kind.ISO_2022, GraphicSet.IR6, GraphicSet.IR101, null),
    ISO_2022_IR_109("ISO 2022 IR 109", Kind.ISO_2022, GraphicSet.IR6, GraphicSet.IR109, null),
    ISO_2022_IR_110("ISO 2022 IR 110", Kind.ISO_2022, GraphicSet.IR6, GraphicSet.IR110, null),
    ISO_2022_IR_144("ISO 2022 IR 144", Kind.ISO_2022, GraphicSet.IR6, GraphicSet.IR144, null),
    ISO_2022_IR_127("ISO 2022 IR 127", Kind.ISO_2022, GraphicSet.IR6, GraphicSet.IR127, null),
    ISO_2022_IR_126("ISO 2022 IR 126", Kind.ISO_2022, GraphicSet.IR6, GraphicSet.IR126, null),
    ISO_2022_IR_138("ISO 2022 IR 138", Kind.ISO_2022, GraphicSet.IR6, GraphicSet.IR138, null),
    ISO_2022_IR_148("ISO 2022 IR 148", Kind.ISO_2022, GraphicSet.IR6, GraphicSet.IR148, null),
    ISO_2022_IR_203("ISO 2022 IR 203", Kind.ISO_2022, GraphicSet.IR6, GraphicSet.IR203, null),
    ISO_2022_IR_13("ISO 2022 IR 13", Kind.ISO_2022, GraphicSet.IR14, GraphicSet.IR13, null),
    ISO_2022_IR_166("ISO 2022 IR 166", Kind.ISO_2022, GraphicSet.IR6, GraphicSet.IR166, null),
    // multi-byte with code extensions (Table C.12-4)
    ISO_2022_IR_87("ISO 2022 IR 87", Kind.ISO_2022, GraphicSet.IR87, null, null),
    ISO_2022_IR_159("ISO 2022 IR 159", Kind.ISO_2022, GraphicSet.IR159, null, null),
    ISO_2022_IR_149("ISO 2022 IR 149", Kind.ISO_2022, null, GraphicSet.IR149, null),
    ISO_2022_IR_58("ISO 2022 IR 58", Kind.ISO_2022, null, GraphicSet.IR58, null),
    // multi-byte without code extensions (Table C.12-5)
    ISO_IR_192("ISO_IR 192", Kind.STATELESS, null, null, "UTF-8"),
    GB18030("GB18030", Kind.STATELESS, null, null, "GB18030"),
    GBK("GBK", Kind.STATELESS, null, null, "GBK");

    enum Kind {
        /** One single-byte set in G1 (and G0), no escape sequences. */
        SINGLE_BYTE,
        /** ISO 2022 code extensions. */
        ISO_2022,
        /** A multi-byte encoding that allows no code extensions; decoded with its JDK charset as a whole. */
        STATELESS
    }

    private static final Map<String, DefinedTerm> BY_TERM = new HashMap<>();
    private static final Map<String, DefinedTerm> BY_LOOSE_KEY = new HashMap<>();

    static {
        for (DefinedTerm t : values()) {
            BY_TERM.put(t.term, t);
            BY_LOOSE_KEY.put(looseKey(t.term), t);
        }
        // spellings seen in the wild that name a Defined Term unambiguously
        BY_LOOSE_KEY.put("UTF8", ISO_IR_192);
        BY_LOOSE_KEY.put("ISO2022IR192", ISO_IR_192);
        BY_LOOSE_KEY.put("GB2312", GB18030); // stateless EUC-CN; GB 18030 is a superset with the same bytes
    }

    final String term;
    final Kind kind;
    /** The set this term designates to G0, or {@code null}. */
    final GraphicSet g0;
    /** The set this term designates to G1, or {@code null}. */
    final GraphicSet g1;
    /** JDK charset that decodes the whole value directly (SINGLE_BYTE fast path, STATELESS), or null. */
    final String charsetName;

    DefinedTerm(String term, Kind kind, GraphicSet g0, GraphicSet g1, String charsetName) {
        this.term = term;
        this.kind = kind;
        this.g0 = g0;
        this.g1 = g1;
        this.charsetName = charsetName;
    }

    /** The term spelled exactly as PS3.3 defines it, or {@code null}. */
    static DefinedTerm exact(String term) {
        return BY_TERM.get(term);
    }

    /** The term ignoring case, spaces and punctuation ("ISO-IR 100", "iso_ir_100"), or {@code null}. */
    static DefinedTerm loose(String term) {
        return BY_LOOSE_KEY.get(looseKey(term));
    }

    /** The code-extension form of a single-byte term ("ISO_IR 100" -> "ISO 2022 IR 100"), else itself. */
    DefinedTerm withCodeExtensions() {
        if (kind != Kind.SINGLE_BYTE) {
            return this;
        }
        return exact(term.replace("ISO_IR ", "ISO 2022 IR "));
    }

    private static String looseKey(String term) {
        return term.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }
}
