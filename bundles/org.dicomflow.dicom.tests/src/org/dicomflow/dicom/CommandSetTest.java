package org.dicomflow.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommandSetTest {

    private static CommandSet echoRq() {
        return new CommandSet()
                .setString(Tag.AffectedSOPClassUID, UID.Verification)
                .setInt(Tag.CommandField, 0x0030)
                .setInt(Tag.MessageID, 7)
                .setInt(Tag.CommandDataSetType, CommandSet.NO_DATA_SET);
    }

    @Test
    void encodesImplicitLittleEndianWithGroupLength() {
        byte[] b = echoRq().encode();
        // (0000,0000) UL 4, then 3 US elements (10 bytes each) and an 18-byte UI (17 chars + NUL)
        int expectedGroupLength = (8 + 18) + 3 * 10;
        assertEquals(12 + expectedGroupLength, b.length);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 4, 0, 0, 0}, java.util.Arrays.copyOf(b, 8));
        assertEquals(expectedGroupLength, (b[8] & 0xFF) | (b[9] & 0xFF) << 8);
        // first element after the group length is (0000,0002) with its NUL padding
        assertEquals(2, b[14]);
        assertEquals(18, b[16]);
        assertEquals(0, b[12 + 8 + 17]);
    }

    @Test
    void roundTripKeepsEveryValue() throws DicomFormatException {
        CommandSet cmd = echoRq()
                .setString(Tag.MoveDestination, "DEST")
                .setString(Tag.ErrorComment, "odd")
                .setTags(Tag.OffendingElement, 0x00100010, 0x7FE00010)
                .setInt(Tag.Status, 0xFF00);
        byte[] b = cmd.encode();
        CommandSet back = CommandSet.decode(b, 0, b.length);
        assertEquals(UID.Verification, back.getString(Tag.AffectedSOPClassUID));
        assertEquals("DEST", back.getString(Tag.MoveDestination));
        assertEquals("odd", back.getString(Tag.ErrorComment));
        assertArrayEquals(new int[] {0x00100010, 0x7FE00010}, back.getTags(Tag.OffendingElement));
        assertEquals(0xFF00, back.status());
        assertEquals(7, back.messageId());
        assertFalse(back.hasDataSet());
        assertArrayEquals(b, back.encode());
    }

    @Test
    void paddingFollowsVr() {
        CommandSet cmd = new CommandSet().setString(Tag.AffectedSOPClassUID, "1.2.3")
                .setString(Tag.MoveDestination, "ABC");
        assertArrayEquals(new byte[] {'1', '.', '2', '.', '3', 0}, cmd.getBytes(Tag.AffectedSOPClassUID));
        assertArrayEquals(new byte[] {'A', 'B', 'C', ' '}, cmd.getBytes(Tag.MoveDestination));
    }

    @Test
    void decodedStaleGroupLengthIsRecomputed() throws DicomFormatException {
        byte[] b = echoRq().encode();
        b[8] = 99;
        byte[] again = CommandSet.decode(b, 0, b.length).encode();
        assertEquals(b.length - 12, (again[8] & 0xFF) | (again[9] & 0xFF) << 8);
    }

    @Test
    void rejectsWrongVrUse() {
        assertThrows(IllegalArgumentException.class, () -> new CommandSet().setInt(Tag.MessageID, 70000));
        assertThrows(IllegalArgumentException.class, () -> new CommandSet().setString(Tag.MessageID, "1"));
        assertThrows(IllegalArgumentException.class, () -> new CommandSet().setInt(0x00001234, 1));
    }

    @Test
    void lengthBeyondBufferNamesOffsetAndTag() {
        byte[] b = echoRq().encode();
        b[12 + 4] = 100; // length of (0000,0002)
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> CommandSet.decode(b, 0, b.length));
        assertEquals(12, e.offset());
        assertEquals(Tag.AffectedSOPClassUID, e.tag());
        assertTrue(e.getMessage().contains("(0000,0002)"), e.getMessage());
        assertTrue(e.getMessage().contains("offset 12"), e.getMessage());
    }

    @Test
    void truncatedHeader() {
        byte[] b = echoRq().encode();
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> CommandSet.decode(b, 0, b.length - 5));
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void malformedElements() {
        byte[] undefinedLength = {0, 0, 0, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThrows(DicomFormatException.class, () -> CommandSet.decode(undefinedLength, 0, 8));
        byte[] notCommandGroup = {8, 0, 0x18, 0, 0, 0, 0, 0};
        assertThrows(DicomFormatException.class, () -> CommandSet.decode(notCommandGroup, 0, 8));
        byte[] usOfLength4 = {0, 0, 0x10, 1, 4, 0, 0, 0, 1, 0, 0, 0};
        assertThrows(DicomFormatException.class, () -> CommandSet.decode(usOfLength4, 0, 12));
        byte[] twice = {0, 0, 0x10, 1, 2, 0, 0, 0, 1, 0, 0, 0, 0x10, 1, 2, 0, 0, 0, 1, 0};
        assertThrows(DicomFormatException.class, () -> CommandSet.decode(twice, 0, twice.length));
    }

    @Test
    void decodesWithinSlice() throws DicomFormatException {
        byte[] inner = echoRq().encode();
        byte[] outer = new byte[inner.length + 10];
        System.arraycopy(inner, 0, outer, 5, inner.length);
        assertEquals(echoRq().messageId(), CommandSet.decode(outer, 5, inner.length).messageId());
        assertThrows(IllegalArgumentException.class, () -> CommandSet.decode(outer, 5, outer.length));
    }

    @Test
    void keepsUnknownElements() throws DicomFormatException {
        byte[] b = {0, 0, 0x34, 0x12, 2, 0, 0, 0, 9, 9};
        CommandSet cmd = CommandSet.decode(b, 0, b.length);
        assertArrayEquals(new byte[] {9, 9}, cmd.getBytes(0x00001234));
    }
}
