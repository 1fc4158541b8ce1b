package org.dicomflow.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
        assertArrayEquals(new byte[] {0, 0, 0, 0, 4, 0, 0, 0}, Arrays.copyOf(b, 8));
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

    /** Orthanc 1.10's final C-GET-RSP after a failed sub-operation: its identifier inside the command set. */
    private static byte[][] getResponseWithDataElements() {
        byte[] command = new CommandSet().setString(Tag.AffectedSOPClassUID, UID.StudyRootQueryRetrieveInformationModelGet)
                .setInt(Tag.CommandField, 0x8010).setInt(Tag.MessageIDBeingRespondedTo, 1)
                .setInt(Tag.CommandDataSetType, CommandSet.NO_DATA_SET).setInt(Tag.Status, 0xC000)
                .setInt(Tag.NumberOfCompletedSuboperations, 0).setInt(Tag.NumberOfFailedSuboperations, 1)
                .setInt(Tag.NumberOfWarningSuboperations, 0).encode();
        byte[] uid = "1.2.3.4\0".getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[12 + 8 + uid.length];
        // (0008,0000) UL 4 = 16, then (0008,0058) UI, Implicit VR LE
        byte[] head = {8, 0, 0, 0, 4, 0, 0, 0, (byte) (8 + uid.length), 0, 0, 0, 8, 0, 0x58, 0, (byte) uid.length, 0, 0, 0};
        System.arraycopy(head, 0, data, 0, head.length);
        System.arraycopy(uid, 0, data, head.length, uid.length);
        byte[] all = Arrays.copyOf(command, command.length + data.length);
        System.arraycopy(data, 0, all, command.length, data.length);
        return new byte[][] {command, data, all};
    }

    @Test
    void dataElementsAfterTheCommandAreSetAsideWhenAsked() throws DicomFormatException {
        byte[][] parts = getResponseWithDataElements();
        byte[] all = parts[2];
        DicomFormatException strict = assertThrows(DicomFormatException.class, () -> CommandSet.decode(all, 0, all.length));
        assertEquals(0x00080000, strict.tag());

        CommandSet cmd = CommandSet.decodeKeepingDataElements(all, 0, all.length);
        assertEquals(0x8010, cmd.commandField());
        assertEquals(0xC000, cmd.status());
        assertEquals(1, cmd.getInt(Tag.NumberOfFailedSuboperations, -1));
        assertFalse(cmd.hasDataSet());
        assertArrayEquals(new int[] {0x00080000, Tag.FailedSOPInstanceUIDList}, cmd.dataElementTags());
        assertArrayEquals(parts[1], cmd.dataElements());
        assertArrayEquals(parts[0], cmd.encode(), "data elements are never sent");
        assertTrue(cmd.toString().contains("(0008,0058)"), cmd.toString());

        CommandSet plain = CommandSet.decodeKeepingDataElements(parts[0], 0, parts[0].length);
        assertEquals(null, plain.dataElements());
        assertEquals(0, plain.dataElementTags().length);
    }

    @Test
    void dataElementsMustStillBeWellFormedAndLast() {
        byte[] all = getResponseWithDataElements()[2];
        // a command element after the data elements: not a command set in tag order
        byte[] commandAfter = Arrays.copyOf(all, all.length + 10);
        System.arraycopy(new byte[] {0, 0, 0x10, 1, 2, 0, 0, 0, 1, 0}, 0, commandAfter, all.length, 10);
        assertThrows(DicomFormatException.class, () -> CommandSet.decodeKeepingDataElements(commandAfter, 0,
                commandAfter.length));
        // a data element longer than what is left
        byte[] tooLong = all.clone();
        tooLong[tooLong.length - 8 - 8 + 4] = 100;
        assertThrows(DicomFormatException.class, () -> CommandSet.decodeKeepingDataElements(tooLong, 0, tooLong.length));
        byte[] undefinedLength = {8, 0, 0x58, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThrows(DicomFormatException.class, () -> CommandSet.decodeKeepingDataElements(undefinedLength, 0, 8));
    }
}
