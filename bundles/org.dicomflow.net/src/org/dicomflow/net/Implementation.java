package org.dicomflow.net;

/** How DICOMFlow identifies itself in association negotiation (PS3.7 D.3.3.2). */
public final class Implementation {
    /**
     * Generated once from a random UUID under the 2.25 root (PS3.5 B.2), so no organization root
     * is needed and collisions are practically impossible. Never change it for the same product.
     */
    public static final String CLASS_UID = "2.25.26315698825399880834784953281212976711";

    /** At most 16 characters; bump with protocol-visible changes. */
    public static final String VERSION_NAME = "DICOMFLOW_010";

    /**
     * Our default maximum receive PDU length. 64 KiB rather than the customary 16 KiB: a quarter of
     * the PDUs, headers and read calls for image data, memory per association stays trivial, and
     * every peer must honour whatever we announce. Peers that announce less get PDUs of their size.
     */
    public static final int DEFAULT_MAX_PDU_LENGTH = 65536;

    private Implementation() {
    }
}
