package org.dicomflow.dicom;

import java.nio.charset.StandardCharsets;

/**
 * Decodes a text value under ISO/IEC 2022 code extensions as PS3.5 6.1.2.5 restricts them: G0 invoked in GL,
 * G1 in GR, designations by escape sequence, and the initial state (the sets of value 1 of Specific Character
 * Set) restored at the end of the value, at BACKSLASH between values, at every control character other than
 * ESC (CR, LF, FF, TAB, ...), and for PN at '^' and '='. Never throws: what does not decode becomes U+FFFD.
 */
final class Iso2022Decoder {

    private static final int ESC = 0x1B;
    private static final char REPLACEMENT = '\uFFFD';

    private final GraphicSet initialG0;
    private final GraphicSet initialG1;
    /** Used for GR bytes while no G1 set is designated. */
    private final GraphicSet fallbackG1;

    Iso2022Decoder(GraphicSet initialG0, GraphicSet initialG1, GraphicSet fallbackG1) {
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.fallbackG1 = fallbackG1;
    }

    String decode(byte[] b, int off, int len, boolean personName) {
        StringBuilder out = new StringBuilder(len);
        GraphicSet g0 = initialG0;
        GraphicSet g1 = initialG1;
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c == ESC) {
                int n = escapeLength(b, i, end);
                GraphicSet.Designation d = n == 0 ? null
                        : GraphicSet.designation(new String(b, i, n, StandardCharsets.ISO_8859_1));
                if (d == null) {
                    // unknown, malformed or truncated escape sequence: one replacement character for the ESC and
                    // its intermediate bytes (and final byte, if any)
                    out.append(REPLACEMENT);
                    i = n > 0 ? i + n : skipIntermediates(b, i + 1, end);
                } else {
                    if (d.g1) {
                        g1 = d.set;
                    } else {
                        g0 = d.set;
                    }
                    i += n;
                }
            } else if (c < 0x20) {
                out.append((char) c);
                g0 = initialG0;
                g1 = initialG1;
                i++;
            } else if (c < 0x80) {
                if (g0.doubleByte) {
                    if (c == 0x20 || c == 0x7F) {
                        out.append((char) c);
                        i++;
                    } else if (i + 1 < end && isGl94(b[i + 1] & 0xFF)) {
                        out.append(g0.decode(c, b[i + 1] & 0xFF));
                        i += 2;
                    } else {
                        out.append(REPLACEMENT);
                        i++;
                    }
                } else {
                    out.append(g0.decode(c));
                    if (c == '\\' || personName && (c == '^' || c == '=')) {
                        g0 = initialG0;
                        g1 = initialG1;
                    }
                    i++;
                }
            } else if (c < 0xA0) {
                // C1 control (or mislabelled text): kept as the control character, as ISO-8859 decoders do
                out.append((char) c);
                i++;
            } else {
                GraphicSet set = g1 != null ? g1 : fallbackG1;
                if (set.doubleByte) {
                    int c2 = i + 1 < end ? b[i + 1] & 0xFF : 0;
                    if (isGl94(c & 0x7F) && isGl94(c2 & 0x7F) && c2 >= 0x80) {
                        out.append(set.decode(c & 0x7F, c2 & 0x7F));
                        i += 2;
                    } else {
                        out.append(REPLACEMENT);
                        i++;
                    }
                } else {
                    out.append(set.decode(c & 0x7F));
                    i++;
                }
            }
        }
        return out.toString();
    }

    private static boolean isGl94(int x) {
        return x >= 0x21 && x <= 0x7E;
    }

    private static int skipIntermediates(byte[] b, int i, int end) {
        while (i < end && (b[i] & 0xFF) >= 0x20 && (b[i] & 0xFF) <= 0x2F) {
            i++;
        }
        return i;
    }

    /**
     * Length of the escape sequence at {@code i} (ESC, intermediate bytes 02/00..02/15, one final byte
     * 03/00..07/14), or 0 if it is malformed or truncated.
     */
    static int escapeLength(byte[] b, int i, int end) {
        int j = i + 1;
        while (j < end && (b[j] & 0xFF) >= 0x20 && (b[j] & 0xFF) <= 0x2F) {
            j++;
        }
        if (j < end && (b[j] & 0xFF) >= 0x30 && (b[j] & 0xFF) <= 0x7E) {
            return j + 1 - i;
        }
        return 0;
    }
}
