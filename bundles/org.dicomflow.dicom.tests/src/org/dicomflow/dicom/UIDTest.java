package org.dicomflow.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UIDTest {

    @ParameterizedTest
    @ValueSource(strings = {UID.Verification, UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian,
        UID.ExplicitVRBigEndian, UID.DICOMApplicationContext, "0", "1.0.3", "2.25.26315698825399880834784953281212976711",
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

    @Test
    void nullIsInvalid() {
        assertFalse(UID.isValid(null));
    }

    @Test
    void constantsAreNamedByKeyword() {
        assertEquals("1.2.840.10008.1.1", UID.Verification);
        assertEquals("1.2.840.10008.1.2", UID.ImplicitVRLittleEndian);
        assertEquals("1.2.840.10008.1.2.1", UID.ExplicitVRLittleEndian);
        assertEquals("1.2.840.10008.1.2.2", UID.ExplicitVRBigEndian);
        assertEquals("1.2.840.10008.3.1.1.1", UID.DICOMApplicationContext);
        assertEquals("1.2.840.10008.5.1.4.1.1.2", UID.CTImageStorage);
    }

    @Test
    void nameOfComesFromTheRegistry() {
        assertEquals("Verification SOP Class", UID.nameOf(UID.Verification));
        assertEquals("DICOM Application Context Name", UID.nameOf(UID.DICOMApplicationContext));
        assertEquals("CT Image Storage", UID.nameOf(UID.CTImageStorage));
        assertNull(UID.nameOf("1.2.3.4"));
        assertNull(UID.nameOf(null));
    }
}
