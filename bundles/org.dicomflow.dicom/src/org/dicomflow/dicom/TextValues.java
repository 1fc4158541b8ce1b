package org.dicomflow.dicom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Turns encoded string values into Java strings: character set, padding and multi-value rules of PS3.5 6.2. */
final class TextValues {

    private static final String[] NONE = new String[0];

    private TextValues() {
    }

    /** The whole value as text (all values, backslashes kept), padding removed. */
    static String decode(byte[] raw, VR vr, SpecificCharacterSet cs) {
        String s = vr.isCharacterSetSensitive()
                ? cs.decode(raw, 0, raw.length, vr == VR.PN)
                : new String(raw, StandardCharsets.ISO_8859_1);
        return trimEnd(s, vr);
    }

    /** The values of a (decoded, unpadded) string value. */
    static String[] split(String whole, VR vr) {
        if (whole.isEmpty()) {
            return NONE;
        }
        if (!vr.isMultiValued()) {
            return new String[] { whole };
        }
        List<String> values = new ArrayList<>(2);
        int start = 0;
        for (int i = 0; i <= whole.length(); i++) {
            if (i == whole.length() || whole.charAt(i) == '\\') {
                values.add(trim(whole.substring(start, i), vr));
                start = i + 1;
            }
        }
        return values.toArray(NONE);
    }

    /** PS3.5 6.2: leading spaces are insignificant except for LT, ST, UT, UR (and trailing for all). */
    static String trim(String v, VR vr) {
        String t = trimEnd(v, vr);
        if (vr == VR.LT || vr == VR.ST || vr == VR.UT || vr == VR.UR || vr == VR.UC) {
            return t;
        }
        int start = 0;
        while (start < t.length() && t.charAt(start) == ' ') {
            start++;
        }
        return t.substring(start);
    }

    private static String trimEnd(String s, VR vr) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }
}
