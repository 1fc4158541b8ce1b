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
        return ofCode(code.charAt(0), code.charAt(1));
    }

    /** Every VR by its two letters, so the reader finds one per element without allocating. */
    private static final VR[] BY_CODE = new VR[26 * 26];

    static {
        for (VR vr : values()) {
            BY_CODE[(vr.name().charAt(0) - 'A') * 26 + vr.name().charAt(1) - 'A'] = vr;
        }
    }

    /** The VR whose code is the two bytes {@code b0 b1}, or {@code null}. */
    public static VR ofCode(int b0, int b1) {
        int c0 = (b0 & 0xFF) - 'A';
        int c1 = (b1 & 0xFF) - 'A';
        return c0 < 0 || c0 >= 26 || c1 < 0 || c1 >= 26 ? null : BY_CODE[c0 * 26 + c1];
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

    /**
     * True for the VRs whose explicit VR header is 12 bytes: the code, 2 reserved bytes and a 4-byte length
     * (PS3.5 7.1.2). All others have a 2-byte length, which is why they cannot exceed 65534 bytes.
     */
    public boolean isExplicitLongHeader() {
        switch (this) {
            case OB: case OD: case OF: case OL: case OV: case OW: case SQ: case UC: case UN: case UR: case UT:
            case SV: case UV:
                return true;
            default:
                return false;
        }
    }

    /**
     * True for VRs whose value is binary (numbers, tags, other-byte/word data, unknown) rather than
     * characters or items; such values are byte-swapped in big endian transfer syntaxes, except OB and UN.
     */
    public boolean isBinary() {
        switch (this) {
            case AT: case FD: case FL: case OB: case OD: case OF: case OL: case OV: case OW: case SL: case SS: case SV:
            case UL: case UN: case US: case UV:
                return true;
            default:
                return false;
        }
    }

    /**
     * Maximum length of one value as PS3.5 table 6.2-1 states it: characters for the VRs the table measures
     * in characters (LO, LT, PN per component group, SH, ST), bytes for the others (the same thing for the
     * default-repertoire VRs), the value size for the fixed-size binary VRs, and -1 where only the length
     * field limits it (OB, OD, OF, OL, OV, OW, SQ, UC, UN, UR, UT). DA, DT and TM allow more in C-FIND
     * range matching (PS3.4 C.2.2.2.5); that is the query code's business, not this table's.
     */
    public int maxLength() {
        switch (this) {
            case AE: case CS: case DS: case SH: return 16;
            case AS: return 4;
            case DA: return 8;
            case DT: return 26;
            case IS: return 12;
            case LO: case PN: case UI: return 64;
            case LT: return 10240;
            case ST: return 1024;
            case TM: return 14;
            default: return bytesPerValue() > 0 && isMultiValued() ? bytesPerValue() : -1;
        }
    }

    /**
     * True if one value field may carry several values: backslash-separated for strings (not LT, ST, UT and UR,
     * where a backslash is just a character), concatenated fixed-size values for the numeric VRs and AT.
     * OB, OD, OF, OL, OV, OW and UN are one value (VM 1) of many bytes/words; SQ holds items, not values.
     */
    public boolean isMultiValued() {
        switch (this) {
            case AE: case AS: case CS: case DA: case DS: case DT: case IS: case LO: case PN: case SH: case TM:
            case UC: case UI:
            case AT: case FD: case FL: case SL: case SS: case SV: case UL: case US: case UV:
                return true;
            default:
                return false;
        }
    }

    /**
     * Size in bytes of one value (or word) of a fixed-size binary VR; 0 for strings, SQ and UN. Byte swapping
     * for big endian works in these units except for AT, which is two 16-bit numbers (group, element) swapped
     * separately; OB is 1 and never swapped.
     */
    public int bytesPerValue() {
        switch (this) {
            case OB: return 1;
            case SS: case US: case OW: return 2;
            case AT: case FL: case OF: case OL: case SL: case UL: return 4;
            case FD: case OD: case OV: case SV: case UV: return 8;
            default: return 0;
        }
    }

    /**
     * True for the VRs whose values may use the character repertoires named by Specific Character Set
     * (0008,0005) (PS3.5 6.1.2.3); values of all other string VRs are in the default repertoire.
     */
    public boolean isCharacterSetSensitive() {
        switch (this) {
            case LO: case LT: case PN: case SH: case ST: case UC: case UT:
                return true;
            default:
                return false;
        }
    }
}
