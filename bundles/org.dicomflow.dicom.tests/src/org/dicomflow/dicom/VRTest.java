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

    private static Set<VR> where(java.util.function.Predicate<VR> p) {
        return Arrays.stream(VR.values()).filter(p).collect(Collectors.toSet());
    }

    private static Set<VR> of(String codes) {
        return Arrays.stream(codes.split(" ")).map(VR::ofCode).collect(Collectors.toSet());
    }

    @Test
    void explicitLongHeaderVrsOfPs35Section712() {
        assertEquals(of("OB OD OF OL OV OW SQ UC UR UT UN SV UV"), where(VR::isExplicitLongHeader));
    }

    @Test
    void stringsBinariesAndNeither() {
        assertEquals(of("AE AS CS DA DS DT IS LO LT PN SH ST TM UC UI UR UT"), where(VR::isString));
        assertEquals(of("AT FD FL OB OD OF OL OV OW SL SS SV UL UN US UV"), where(VR::isBinary));
        assertEquals(Set.of(VR.SQ), where(vr -> !vr.isString() && !vr.isBinary()));
    }

    @Test
    void characterSetSensitiveVrs() {
        assertEquals(of("SH LO ST LT PN UC UT"), where(VR::isCharacterSetSensitive));
    }

    @Test
    void multiValuedVrs() {
        assertEquals(of("AE AS CS DA DS DT IS LO PN SH TM UC UI AT FD FL SL SS SV UL US UV"), where(VR::isMultiValued));
    }

    @Test
    void bytesPerValue() {
        assertEquals(2, VR.US.bytesPerValue());
        assertEquals(2, VR.SS.bytesPerValue());
        assertEquals(4, VR.UL.bytesPerValue());
        assertEquals(4, VR.AT.bytesPerValue());
        assertEquals(8, VR.FD.bytesPerValue());
        assertEquals(8, VR.SV.bytesPerValue());
        assertEquals(1, VR.OB.bytesPerValue());
        assertEquals(2, VR.OW.bytesPerValue());
        assertEquals(4, VR.OL.bytesPerValue());
        assertEquals(8, VR.OV.bytesPerValue());
        assertEquals(0, VR.UN.bytesPerValue());
        assertEquals(0, VR.LO.bytesPerValue());
        assertEquals(0, VR.SQ.bytesPerValue());
    }

    @Test
    void maxLengthPerTable621() {
        assertEquals(16, VR.AE.maxLength());
        assertEquals(4, VR.AS.maxLength());
        assertEquals(16, VR.CS.maxLength());
        assertEquals(8, VR.DA.maxLength());
        assertEquals(16, VR.DS.maxLength());
        assertEquals(26, VR.DT.maxLength());
        assertEquals(12, VR.IS.maxLength());
        assertEquals(64, VR.LO.maxLength());
        assertEquals(10240, VR.LT.maxLength());
        assertEquals(64, VR.PN.maxLength());
        assertEquals(16, VR.SH.maxLength());
        assertEquals(1024, VR.ST.maxLength());
        assertEquals(14, VR.TM.maxLength());
        assertEquals(64, VR.UI.maxLength());
        assertEquals(2, VR.US.maxLength());
        assertEquals(4, VR.AT.maxLength());
        assertEquals(8, VR.FD.maxLength());
        for (VR vr : of("OB OD OF OL OV OW SQ UC UN UR UT")) {
            assertEquals(-1, vr.maxLength(), vr.code());
        }
    }
}
