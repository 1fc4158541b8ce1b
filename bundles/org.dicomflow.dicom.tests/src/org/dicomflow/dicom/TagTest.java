package org.dicomflow.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TagTest {
    @Test
    void commandElementVrs() {
        assertEquals(VR.UL, Tag.vrOf(Tag.COMMAND_GROUP_LENGTH));
        assertEquals(VR.UI, Tag.vrOf(Tag.AFFECTED_SOP_CLASS_UID));
        assertEquals(VR.US, Tag.vrOf(Tag.MOVE_ORIGINATOR_MESSAGE_ID));
        assertEquals(VR.AE, Tag.vrOf(Tag.MOVE_ORIGINATOR_AE_TITLE));
        assertEquals(VR.AT, Tag.vrOf(Tag.OFFENDING_ELEMENT));
        assertEquals(VR.LO, Tag.vrOf(Tag.ERROR_COMMENT));
        assertNull(Tag.vrOf(0x00100010));
        assertEquals("(0000,1031)", Tag.toString(Tag.MOVE_ORIGINATOR_MESSAGE_ID));
    }
}
