package org.dicomflow.dicom;

/**
 * The few UIDs the network layer needs today. A later issue generates the full UID registry from
 * the standard; until then only add what code actually uses.
 */
public final class UID {
    public static final String VERIFICATION = "1.2.840.10008.1.1";
    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    public static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
    public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    /** PS3.5 9.1: UIDs are at most 64 characters. */
    public static final int MAX_LENGTH = 64;

    private UID() {
    }

    /** The standard's name of one of the UIDs above, or null for any other UID. */
    public static String nameOf(String uid) {
        if (uid == null) {
            return null;
        }
        return switch (uid) {
        case VERIFICATION -> "Verification SOP Class";
        case IMPLICIT_VR_LITTLE_ENDIAN -> "Implicit VR Little Endian";
        case EXPLICIT_VR_LITTLE_ENDIAN -> "Explicit VR Little Endian";
        case EXPLICIT_VR_BIG_ENDIAN -> "Explicit VR Big Endian";
        case DICOM_APPLICATION_CONTEXT -> "DICOM Application Context Name";
        default -> null;
        };
    }

    /**
     * True if {@code uid} follows PS3.5 9.1: only digits and dots, 1 to 64 characters, no empty
     * component and no leading zero in a multi-digit component. Callers use this before a UID
     * becomes part of a file path, so be strict.
     */
    public static boolean isValid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > MAX_LENGTH) {
            return false;
        }
        int componentStart = 0;
        for (int i = 0; i <= uid.length(); i++) {
            if (i == uid.length() || uid.charAt(i) == '.') {
                int len = i - componentStart;
                if (len == 0 || (len > 1 && uid.charAt(componentStart) == '0')) {
                    return false;
                }
                componentStart = i + 1;
            } else {
                char c = uid.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
        }
        return true;
    }
}
