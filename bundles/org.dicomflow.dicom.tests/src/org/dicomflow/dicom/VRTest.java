package org.dicomflow.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class VRTest {

    @Test
    void hasExactlyTheVrsOfPs35() {
        Set<String> expected = Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB",
                "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN",
                "UR", "US", "UT", "UV");
        assertEquals(expected, Arrays.stream(VR.values()).map(VR::code).collect(Collectors.toSet()));
    }

    @Test
    void codeLookup() {
        for (VR vr : VR.values()) {
            assertSame(vr, VR.ofCode(vr.code()));
            assertSame(vr, VR.ofCode(vr.code().charAt(0), vr.code().charAt(1)));
        }
        assertNull(VR.ofCode("XX"));
        assertNull(VR.ofCode("U"));
        assertNull(VR.ofCode(null));
    }

    @Test
    void padding() {
        assertEquals(0, VR.UI.paddingByte());
        assertEquals(' ', VR.AE.paddingByte());
        assertEquals(0, VR.OB.paddingByte());
    }
}
