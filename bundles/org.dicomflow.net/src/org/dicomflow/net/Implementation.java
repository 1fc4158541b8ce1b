package org.dicomflow.net;

/** How DICOMFlow identifies itself in association negotiation (PS3.7 D.3.3.2), and its PDU size. */
public final class Implementation {
    /** DICOMFlow's implementation class UID, the same in files and on the wire. */
    public static final String CLASS_UID = org.dicomflow.dicom.Implementation.CLASS_UID;

    public static final String VERSION_NAME = org.dicomflow.dicom.Implementation.VERSION_NAME;

    /**
     * Our default maximum receive PDU length. 64 KiB rather than the customary 16 KiB: a quarter of
     * the PDUs, headers and read calls for image data, memory per association stays trivial, and
     * every peer must honour whatever we announce. Peers that announce less get PDUs of their size.
     */
    public static final int DEFAULT_MAX_PDU_LENGTH = 65536;

    private Implementation() {
    }
}
