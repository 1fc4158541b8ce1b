package org.dicomflow.anonymizer.internal;

import org.dicomflow.dicom.VR;

/**
 * Dummy values for action D: valid for the VR, obviously not real, the same for every file (so they reveal
 * nothing and compare equal across a study).
 */
final class DummyValues {

    private DummyValues() {
    }

    static final String TEXT = "ANONYMIZED";
    static final String DATE = "19000101";

    /** The dummy held as a data set value (String for text, byte[] for binary numbers), or null (empty) where none fits. */
    static Object of(VR vr) {
        return switch (vr) {
        case AE, CS, LO, LT, PN, SH, ST, UC, UT -> TEXT;
        case DA -> DATE;
        case DT -> DATE + "000000";
        case TM -> "000000";
        case DS, IS -> "0";
        case AS -> "000D";
        case US, SS -> new byte[2];
        case UL, SL, FL, AT -> new byte[4];
        case FD, SV, UV -> new byte[8];
        // OB, OW, UN, UR and the other bulk VRs: an empty value is the only dummy that is surely meaningless
        default -> null;
        };
    }
}
