package org.dicomflow.dicom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UIDTest {

    @ParameterizedTest
    @ValueSource(strings = {UID.VERIFICATION, UID.IMPLICIT_VR_LITTLE_ENDIAN, UID.EXPLICIT_VR_LITTLE_ENDIAN,
        UID.EXPLICIT_VR_BIG_ENDIAN, UID.DICOM_APPLICATION_CONTEXT, "0", "1.0.3", "2.25.26315698825399880834784953281212976711",
        "1.2.345678901234567890123456789012345678901234567890123456789012"})
    void valid(String uid) {
        assertTrue(UID.isValid(uid), uid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "1.", ".1", "1..2", "1.02", "01", "1.2.a", "1.2 ", "../etc/passwd", "1/2",
        "1.2.3456789012345678901234567890123456789012345678901234567890123"})
    void invalid(String uid) {
        assertFalse(UID.isValid(uid), uid);
    }

    @org.junit.jupiter.api.Test
    void nullIsInvalid() {
        assertFalse(UID.isValid(null));
    }
}
