package org.dicomflow.dicom;

/**
 * What PS3.5 table 6.2-1 allows in one string value of each VR: length and characters. Used by the setters
 * so that a bad value is refused with a reason instead of being written into a file. Query keys are values
 * too: wildcards (* ?) and ranges (DA/TM/DT with '-') are accepted where C-FIND uses them.
 */
final class ValueRules {

    private ValueRules() {
    }

    /** Why {@code value} is not a valid single value of {@code vr}, or null if it is. */
    static String check(VR vr, String value) {
        int max = vr.maxLength();
        if (vr == VR.PN) {
            for (String group : value.split("=", -1)) {
                if (group.length() > 64) {
                    return "a PN component group has " + group.length() + " characters, at most 64 are allowed";
                }
            }
        } else if (max > 0 && value.length() > max && !isRange(vr, value, max)) {
            return value.length() + " characters, at most " + max + " are allowed for " + vr;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String problem = checkChar(vr, c);
            if (problem != null) {
                return "character '" + printable(c) + "' at position " + (i + 1) + " " + problem;
            }
        }
        return null;
    }

    /** A C-FIND range ("from-to", either side may be empty) whose sides each fit the VR (PS3.4 C.2.2.2.5). */
    private static boolean isRange(VR vr, String value, int max) {
        if (vr != VR.DA && vr != VR.TM && vr != VR.DT) {
            return false;
        }
        int dash = vr == VR.DT ? rangeDashOfDateTime(value) : value.indexOf('-');
        return dash >= 0 && dash <= max && value.length() - dash - 1 <= max;
    }

    /** In DT the '-' of a UTC offset is not a range separator: the separator follows a full value or starts it. */
    private static int rangeDashOfDateTime(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '-' && (i == 0 || i >= 4 && (value.length() - i - 1 == 0 || value.length() - i - 1 >= 4))) {
                return i;
            }
        }
        return -1;
    }

    private static String checkChar(VR vr, char c) {
        boolean control = c < 0x20 && c != 0x1B;
        boolean textControl = c == '\r' || c == '\n' || c == '\f' || c == '\t';
        switch (vr) {
        case AE:
            return c == '\\' || c < 0x20 || c > 0x7E ? "is not allowed in an AE title" : null;
        case CS:
            return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '_' || c == '*' || c == '?'
                    ? null : "is not allowed in CS (upper-case letters, digits, space, underscore)";
        case DA:
            return (c >= '0' && c <= '9') || c == '-' ? null : "is not allowed in DA (YYYYMMDD)";
        case TM:
            return (c >= '0' && c <= '9') || c == '.' || c == '-' ? null : "is not allowed in TM (HHMMSS.FFFFFF)";
        case DT:
            return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' ? null : "is not allowed in DT";
        case DS:
            return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == 'E' || c == 'e' || c == ' '
                    ? null : "is not allowed in DS (a decimal number)";
        case IS:
            return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == ' ' ? null : "is not allowed in IS (an integer)";
        case UI:
            return (c >= '0' && c <= '9') || c == '.' ? null : "is not allowed in a UID (digits and dots)";
        case AS:
            return (c >= '0' && c <= '9') || c == 'D' || c == 'W' || c == 'M' || c == 'Y' ? null
                    : "is not allowed in AS (nnnD, nnnW, nnnM or nnnY)";
        case LT: case ST: case UT:
            return control && !textControl ? "(a control character) is not allowed in " + vr : null;
        case UR:
            return c == ' ' || c == '\\' || control ? "is not allowed in a URI" : null;
        case LO: case SH: case PN: case UC:
            return c == '\\' || control ? "is not allowed in " + vr : null;
        default:
            return null;
        }
    }

    private static String printable(char c) {
        return c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
