package org.dicomflow.dicom;

import java.util.Arrays;
import java.util.List;

/**
 * Encodes a text value with the graphic sets a Specific Character Set declares, choosing escape sequences as
 * PS3.5 6.1.2.5.3 requires: a character is written from the current G0 or G1 set if it has it, otherwise from
 * the first declared set that has it (initial sets first, then in the order of the values of (0008,0005)),
 * designating that set with its escape sequence. Before BACKSLASH, before control characters, before PN
 * delimiters '^' and '=' and at the end of the value, a changed G0 is switched back to the initial G0. G1 is
 * not switched back (PS3.5 K.2: the decoder resets it), but a set needed again after such a point is
 * designated again, so every PN component and every line carries its own escape sequence.
 * Characters no declared set has become '?'.
 */
final class Iso2022Encoder {

    private final GraphicSet initialG0;
    private final GraphicSet initialG1;
    /** Sets that may be designated, in order of preference; empty without code extensions. */
    private final List<GraphicSet> candidates;

    Iso2022Encoder(GraphicSet initialG0, GraphicSet initialG1, List<GraphicSet> candidates) {
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.candidates = candidates;
    }

    byte[] encode(String value, boolean personName) {
        Out out = new Out(value.length() + 8);
        GraphicSet g0 = initialG0;
        GraphicSet g1 = initialG1;
        // true once G1 may differ from what a decoder that does not reset G1 at delimiters believes
        boolean g1Stale = false;
        for (int k = 0; k < value.length(); k++) {
            char ch = value.charAt(k);
            if (isResetPoint(ch, personName)) {
                if (g0 != initialG0) {
                    out.escape(initialG0.escape);
                }
                out.put(ch);
                if (g1 != initialG1) {
                    g1Stale = true;
                }
                g0 = initialG0;
                g1 = initialG1;
                continue;
            }
            int code = g0.encode(ch);
            if (code >= 0) {
                out.code(code, g0.doubleByte, false);
                continue;
            }
            if (g1 != null && !g1Stale) {
                code = g1.encode(ch);
                if (code >= 0) {
                    out.code(code, g1.doubleByte, true);
                    continue;
                }
            }
            GraphicSet set = find(ch);
            if (set == null) {
                // no declared set has it: '?' from the initial G0 (IR 6 and IR 14 both have it)
                if (g0 != initialG0) {
                    out.escape(initialG0.escape);
                    g0 = initialG0;
                }
                out.put('?');
                if (Character.isHighSurrogate(ch) && k + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(k + 1))) {
                    k++;
                }
                continue;
            }
            code = set.encode(ch);
            if (set.g1) {
                if (g1 != set || g1Stale) {
                    out.escape(set.escape);
                    g1 = set;
                    g1Stale = false;
                }
                out.code(code, set.doubleByte, true);
            } else {
                if (g0 != set) {
                    out.escape(set.escape);
                    g0 = set;
                }
                out.code(code, set.doubleByte, false);
            }
        }
        if (g0 != initialG0) {
            out.escape(initialG0.escape);
        }
        return out.toByteArray();
    }

    /** True if every character of {@code value} has a declared set (or is a control or delimiter). */
    boolean canEncode(String value) {
        for (int k = 0; k < value.length(); k++) {
            char ch = value.charAt(k);
            if (ch >= 0x20 && initialG0.encode(ch) < 0 && (initialG1 == null || initialG1.encode(ch) < 0)
                    && find(ch) == null) {
                return false;
            }
        }
        return true;
    }

    private GraphicSet find(char ch) {
        if (initialG0.encode(ch) >= 0) {
            return initialG0;
        }
        if (initialG1 != null && initialG1.encode(ch) >= 0) {
            return initialG1;
        }
        for (GraphicSet set : candidates) {
            if (set.encode(ch) >= 0) {
                return set;
            }
        }
        return null;
    }

    private static boolean isResetPoint(char ch, boolean personName) {
        return ch < 0x20 || ch == '\\' || personName && (ch == '^' || ch == '=');
    }

    /** A growable byte array. */
    private static final class Out {
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void put(int b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2 + 8);
            }
            buf[size++] = (byte) b;
        }

        void escape(String sequence) {
            for (int i = 0; i < sequence.length(); i++) {
                put(sequence.charAt(i));
            }
        }

        void code(int code, boolean doubleByte, boolean gr) {
            int high = gr ? 0x80 : 0;
            if (doubleByte) {
                put(code >> 8 | high);
            }
            put(code & 0xFF | high);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
