package org.dicomflow.dicom;

/**
 * How DICOMFlow identifies itself: in file meta information (PS3.10 7.1) and in association negotiation
 * (PS3.7 D.3.3.2).
 */
public final class Implementation {
    /**
     * Generated once from a random UUID under the 2.25 root (PS3.5 B.2), so no organization root
     * is needed and collisions are practically impossible. Never change it for the same product.
     */
    public static final String CLASS_UID = "2.25.26315698825399880834784953281212976711";

    /** At most 16 characters; bump with changes visible in files or on the wire. */
    public static final String VERSION_NAME = "DICOMFLOW_010";

    private Implementation() {
    }
}
