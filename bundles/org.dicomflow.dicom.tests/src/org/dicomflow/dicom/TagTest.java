package org.dicomflow.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TagTest {

    @Test
    void constantsAreNamedByKeyword() {
        assertEquals(0x00100010, Tag.PatientName);
        assertEquals(0x00000100, Tag.CommandField);
        assertEquals(0x7FE00010, Tag.PixelData);
        assertEquals(0xFFFEE000, Tag.Item);
    }

    @Test
    void repeatingConstantsAreTheFirstInstance() {
        assertEquals(0x60003000, Tag.OverlayData);
        assertEquals(0x50003000, Tag.CurveData);
        assertEquals(0x10000000, Tag.EscapeTriplet);
        assertEquals(0x00280400, Tag.RowsForNthOrderCoefficients);
    }

    @Test
    void formatsAsDocumentsDo() {
        assertEquals("(0000,1031)", Tag.toString(Tag.MoveOriginatorMessageID));
        assertEquals("(7FE0,0010)", Tag.toString(Tag.PixelData));
        assertEquals("(FFFE,E0DD)", Tag.toString(Tag.SequenceDelimitationItem));
    }

    @Test
    void groupAndElement() {
        assertEquals(0xFFFE, Tag.group(Tag.Item));
        assertEquals(0xE000, Tag.element(Tag.Item));
        assertEquals(0x0010, Tag.group(Tag.PatientName));
    }

    @Test
    void privateAndCreatorAndGroupLength() {
        assertTrue(Tag.isPrivate(0x00091001));
        assertTrue(Tag.isPrivate(0x00090010));
        assertFalse(Tag.isPrivate(Tag.PatientName));
        assertFalse(Tag.isPrivate(0x00010010), "PS3.5 7.8.1 excludes groups 0001-0007");
        assertFalse(Tag.isPrivate(0x00070010));
        assertFalse(Tag.isPrivate(0xFFFF0010));
        assertTrue(Tag.isPrivateCreator(0x00090010));
        assertTrue(Tag.isPrivateCreator(0x001900FF));
        assertFalse(Tag.isPrivateCreator(0x0019000F));
        assertFalse(Tag.isPrivateCreator(0x00191010));
        assertFalse(Tag.isPrivateCreator(0x00100010));
        assertTrue(Tag.isGroupLength(0x00080000));
        assertTrue(Tag.isGroupLength(Tag.CommandGroupLength));
        assertFalse(Tag.isGroupLength(Tag.PatientName));
    }
}
