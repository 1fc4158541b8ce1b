package org.dicomflow.dicom;

/**
 * How a data set is encoded (PS3.5 section 10): VR explicit or implicit, byte order, deflate, and whether
 * pixel data is encapsulated (compressed). Every UID that is not one of the native encodings is treated as
 * an encapsulated Explicit VR Little Endian syntax, which is what PS3.5 A.4 requires of them.
 */
public record TransferSyntax(String uid, boolean explicitVR, boolean bigEndian, boolean deflated, boolean encapsulated) {

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax(UID.ImplicitVRLittleEndian, false, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax(UID.ExplicitVRLittleEndian, true, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            new TransferSyntax(UID.ExplicitVRBigEndian, true, true, false, false);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax(UID.DeflatedExplicitVRLittleEndian, true, false, true, false);

    /** The encoding a transfer syntax UID stands for. */
    public static TransferSyntax of(String uid) {
        String u = uid == null ? "" : uid.trim();
        if (u.equals(UID.ImplicitVRLittleEndian)) {
            return IMPLICIT_VR_LITTLE_ENDIAN;
        }
        if (u.equals(UID.ExplicitVRLittleEndian)) {
            return EXPLICIT_VR_LITTLE_ENDIAN;
        }
        if (u.equals(UID.ExplicitVRBigEndian)) {
            return EXPLICIT_VR_BIG_ENDIAN;
        }
        if (u.equals(UID.DeflatedExplicitVRLittleEndian)) {
            return DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
        }
        // JPIP Referenced Deflate: deflated, pixel data by reference
        if (u.equals("1.2.840.10008.1.2.4.95")) {
            return new TransferSyntax(u, true, false, true, false);
        }
        return new TransferSyntax(u, true, false, false, true);
    }

    /** Uncompressed pixel data that can be re-encoded in any other native syntax. */
    public boolean isNative() {
        return !encapsulated;
    }
}
