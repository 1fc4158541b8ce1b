package org.dicomflow.dicom;

/** Value representations of PS3.5 section 6.2, with their two-character codes. */
public enum VR {
    AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV,
    TM, UC, UI, UL, UN, UR, US, UT, UV;

    /** The two-character code as written in Explicit VR encodings. */
    public String code() {
        return name();
    }

    /** The VR for a two-character code, or {@code null} if the code is not a VR. */
    public static VR ofCode(String code) {
        if (code == null || code.length() != 2) {
            return null;
        }
        for (VR vr : values()) {
            if (vr.name().equals(code)) {
                return vr;
            }
        }
        return null;
    }

    /** The VR whose code is the two bytes {@code b0 b1}, or {@code null}. */
    public static VR ofCode(int b0, int b1) {
        return ofCode(new String(new char[] {(char) (b0 & 0xFF), (char) (b1 & 0xFF)}));
    }

    /** True for VRs whose values are character strings; used to pick space vs NUL padding. */
    public boolean isString() {
        switch (this) {
            case AE: case AS: case CS: case DA: case DS: case DT: case IS: case LO: case LT: case PN:
            case SH: case ST: case TM: case UC: case UI: case UR: case UT:
                return true;
            default:
                return false;
        }
    }

    /** Padding byte for odd-length values: NUL for UI and binary VRs, space for other strings (PS3.5 6.2). */
    public byte paddingByte() {
        return isString() && this != UI ? (byte) ' ' : 0;
    }
}
