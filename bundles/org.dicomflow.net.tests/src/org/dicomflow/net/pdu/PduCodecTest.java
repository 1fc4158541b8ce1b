package org.dicomflow.net.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.dicomflow.dicom.UID;
import org.dicomflow.net.pdu.UserInformation.AsyncOpsWindow;
import org.dicomflow.net.pdu.UserInformation.RoleSelection;
import org.dicomflow.net.pdu.UserInformation.UserIdentityAc;
import org.dicomflow.net.pdu.UserInformation.UserIdentityRq;
import org.junit.jupiter.api.Test;

class PduCodecTest {
    private static final Duration HANG_LIMIT = Duration.ofSeconds(10);

    static AAssociateRq fullRq() {
        UserInformation ui = new UserInformation(16384, "1.2.3.4", "TEST_1", new AsyncOpsWindow(3, 2),
                List.of(new RoleSelection(UID.Verification, true, false)),
                new UserIdentityRq(2, true, "user".getBytes(), "secret".getBytes()), null);
        return new AAssociateRq(1, "CALLED", "CALLING", UID.DICOMApplicationContext,
                List.of(new PresentationContextProposal(1, UID.Verification,
                        List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)),
                        new PresentationContextProposal(3, "1.2.840.10008.5.1.4.1.1.2", List.of(UID.ImplicitVRLittleEndian))),
                ui);
    }

    @Test
    void associateRqRoundTrip() throws IOException {
        AAssociateRq rq = fullRq();
        AAssociateRq back = (AAssociateRq) PduCodec.decode(PduCodec.encode(rq));
        assertEquals("CALLED", back.calledAeTitle());
        assertEquals("CALLING", back.callingAeTitle());
        assertEquals(rq.presentationContexts(), back.presentationContexts());
        UserInformation ui = back.userInformation();
        assertEquals(16384, ui.maxPduLength());
        assertEquals("1.2.3.4", ui.implementationClassUid());
        assertEquals("TEST_1", ui.implementationVersionName());
        assertEquals(new AsyncOpsWindow(3, 2), ui.asyncOpsWindow());
        assertEquals(rq.userInformation().roleSelections(), ui.roleSelections());
        assertEquals(2, ui.userIdentityRq().identityType());
        assertTrue(ui.userIdentityRq().positiveResponseRequested());
        assertArrayEquals("user".getBytes(), ui.userIdentityRq().primaryField());
        assertArrayEquals("secret".getBytes(), ui.userIdentityRq().secondaryField());
    }

    @Test
    void associateAcRoundTrip() throws IOException {
        UserInformation ui = new UserInformation(0, "1.2.3", null, null, List.of(), null,
                new UserIdentityAc("token".getBytes()));
        AAssociateAc ac = new AAssociateAc(1, "A", "B", UID.DICOMApplicationContext,
                List.of(new PresentationContextReply(1, 0, UID.ImplicitVRLittleEndian),
                        new PresentationContextReply(3, 3, UID.ImplicitVRLittleEndian)), ui);
        AAssociateAc back = (AAssociateAc) PduCodec.decode(PduCodec.encode(ac));
        assertEquals(ac.presentationContexts(), back.presentationContexts());
        assertTrue(back.presentationContexts().get(0).accepted());
        assertFalse(back.presentationContexts().get(1).accepted());
        assertEquals(0, back.userInformation().maxPduLength());
        assertArrayEquals("token".getBytes(), back.userInformation().userIdentityAc().serverResponse());
    }

    @Test
    void smallPdusRoundTrip() throws IOException {
        assertEquals(new AAssociateRj(1, 1, 7), PduCodec.decode(PduCodec.encode(new AAssociateRj(1, 1, 7))));
        assertEquals(new AReleaseRq(), PduCodec.decode(PduCodec.encode(new AReleaseRq())));
        assertEquals(new AReleaseRp(), PduCodec.decode(PduCodec.encode(new AReleaseRp())));
        assertEquals(new AAbort(2, 6), PduCodec.decode(PduCodec.encode(new AAbort(2, 6))));
        assertArrayEquals(new byte[] {7, 0, 0, 0, 0, 4, 0, 0, 2, 6}, PduCodec.encode(new AAbort(2, 6)));
        assertArrayEquals(new byte[] {5, 0, 0, 0, 0, 4, 0, 0, 0, 0}, PduCodec.encode(new AReleaseRq()));
    }

    @Test
    void pDataRoundTripAndStreamingWriterAgree() throws IOException {
        PDataTf data = new PDataTf(List.of(new PresentationDataValue(1, true, false, new byte[] {1, 2, 3}),
                new PresentationDataValue(1, true, true, new byte[0])));
        PDataTf back = (PDataTf) PduCodec.decode(PduCodec.encode(data));
        assertEquals(2, back.values().size());
        assertTrue(back.values().get(0).command());
        assertFalse(back.values().get(0).last());
        assertArrayEquals(new byte[] {1, 2, 3}, back.values().get(0).data());
        assertTrue(back.values().get(1).last());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PduCodec.writePData(out, 5, false, true, new byte[] {9, 8, 7, 6}, 1, 2);
        assertArrayEquals(PduCodec.encode(new PDataTf(List.of(new PresentationDataValue(5, false, true,
                new byte[] {8, 7})))), out.toByteArray());
    }

    @Test
    void rejectionAndAbortTexts() {
        AAssociateRj rj = new AAssociateRj(1, 1, 7);
        assertEquals("association rejected (permanent) by service user: called AE title not recognized"
                + " [result 1, source 1, reason 7]", rj.describe());
        assertTrue(new AAssociateRj(2, 3, 2).describe().contains("(transient) by service provider (presentation): "
                + "local limit exceeded"));
        assertEquals("aborted by service provider: invalid PDU parameter value", new AAbort(2, 6).describe());
    }

    @Test
    void unknownUserInformationSubItemIsSkipped() throws IOException {
        byte[] pdu = PduCodec.encode(fullRq());
        // append a 57H sub-item (SOP class common extended negotiation) to the user information item
        byte[] extra = {0x57, 0, 0, 3, 1, 2, 3};
        int uiStart = indexOfItem(pdu, 0x50);
        byte[] patched = insert(pdu, uiStart + 4, extra);
        addToU16(patched, uiStart + 2, extra.length);
        addToU32(patched, 2, extra.length);
        AAssociateRq back = (AAssociateRq) PduCodec.decode(patched);
        assertEquals(16384, back.userInformation().maxPduLength());
    }

    /** PS3.8 9.3.1: "Items of unrecognized types shall be ignored and skipped." */
    @Test
    void unknownItemTypesAreSkipped() throws IOException {
        byte[] pdu = PduCodec.encode(fullRq());
        // an unknown item between application context and the first presentation context
        byte[] item = {0x77, 0, 0, 3, 9, 9, 9};
        int firstContext = indexOfItem(pdu, 0x20);
        byte[] patched = insert(pdu, firstContext, item);
        addToU32(patched, 2, item.length);
        // and an unknown sub-item inside that presentation context, after its 4 fixed bytes
        byte[] sub = {0x3F, 0, 0, 2, 1, 2};
        int context = indexOfItem(patched, 0x20);
        patched = insert(patched, context + 8, sub);
        addToU16(patched, context + 2, sub.length);
        addToU32(patched, 2, sub.length);
        AAssociateRq back = (AAssociateRq) PduCodec.decode(patched);
        assertEquals(fullRq().presentationContexts(), back.presentationContexts());
        assertEquals(UID.DICOMApplicationContext, back.applicationContext());
        assertEquals(16384, back.userInformation().maxPduLength());

        AAssociateAc ac = new AAssociateAc(1, "A", "B", UID.DICOMApplicationContext,
                List.of(new PresentationContextReply(1, 0, UID.ImplicitVRLittleEndian)),
                new UserInformation(16384, "1.2.3", null, null, List.of(), null, null));
        byte[] acPdu = PduCodec.encode(ac);
        int reply = indexOfItem(acPdu, 0x21);
        byte[] acPatched = insert(acPdu, reply + 8, sub);
        addToU16(acPatched, reply + 2, sub.length);
        addToU32(acPatched, 2, sub.length);
        acPatched = insert(acPatched, reply, item);
        addToU32(acPatched, 2, item.length);
        assertEquals(ac.presentationContexts(), ((AAssociateAc) PduCodec.decode(acPatched)).presentationContexts());
    }

    @Test
    void unknownItemWithBadLengthIsStillAnError() {
        byte[] pdu = PduCodec.encode(fullRq());
        byte[] item = {0x77, 0, 0x7F, 0};
        byte[] patched = insert(pdu, indexOfItem(pdu, 0x20), item);
        addToU32(patched, 2, item.length);
        PduFormatException e = assertThrows(PduFormatException.class, () -> PduCodec.decode(patched));
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
    }

    /** A peer announcing a huge PDU and sending a little of it costs us about what it sent. */
    @Test
    void bodyBufferGrowsOnlyAsBytesArrive() throws IOException {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "needs per-thread allocation counters");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        byte[] header = {1, 0, 0, 0x10, 0, 0}; // A-ASSOCIATE-RQ of 1 MiB
        byte[] wire = concat(header, new byte[100]);
        PduReader reader = new PduReader(new ByteArrayInputStream(wire), 16384);
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        assertThrows(EOFException.class, reader::read);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 256 * 1024, "allocated " + allocated + " bytes for 106 received");
    }

    @Test
    void itemLengthBeyondBuffer() {
        byte[] pdu = PduCodec.encode(fullRq());
        int item = indexOfItem(pdu, 0x20);
        pdu[item + 2] = 0x7F;
        PduFormatException e = assertThrows(PduFormatException.class, () -> PduCodec.decode(pdu));
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
        assertTrue(e.getMessage().contains("only"), e.getMessage());
    }

    @Test
    void zeroLengthValuesAndBodies() {
        byte[] pdu = PduCodec.encode(fullRq());
        int appContext = indexOfItem(pdu, 0x10);
        byte[] emptied = remove(pdu, appContext + 4, UID.DICOMApplicationContext.length());
        emptied[appContext + 2] = 0;
        emptied[appContext + 3] = 0;
        addToU32(emptied, 2, -UID.DICOMApplicationContext.length());
        assertThrows(PduFormatException.class, () -> PduCodec.decode(emptied));
        assertThrows(PduFormatException.class, () -> PduCodec.decode(new byte[] {4, 0, 0, 0, 0, 0}));
        assertThrows(PduFormatException.class, () -> PduCodec.decode(new byte[] {1, 0, 0, 0, 0, 0}));
        // a PDV item shorter than its context ID and header byte
        assertThrows(PduFormatException.class, () -> PduCodec.decode(new byte[] {4, 0, 0, 0, 0, 5, 0, 0, 0, 1, 1}));
        // release PDUs must be exactly 4 bytes
        assertThrows(PduFormatException.class, () -> PduCodec.decode(new byte[] {5, 0, 0, 0, 0, 2, 0, 0}));
    }

    @Test
    void truncatedBodyIsRejected() {
        byte[] pdu = PduCodec.encode(fullRq());
        for (int cut : new int[] {1, 10, 40, 80, pdu.length - 1}) {
            byte[] shorter = Arrays.copyOf(pdu, cut);
            assertThrows(PduFormatException.class, () -> PduCodec.decode(shorter), "cut at " + cut);
            if (cut > 6) {
                assertThrows(PduFormatException.class,
                        () -> PduCodec.decode(1, shorter, 6, shorter.length - 6), "body cut at " + cut);
            }
        }
    }

    @Test
    void unknownPduTypeFromStream() {
        PduReader reader = new PduReader(new ByteArrayInputStream("GET / HTTP/1.1\r\n\r\n".getBytes()), 65536);
        PduFormatException e = assertThrows(PduFormatException.class, reader::read);
        assertEquals(AAbort.REASON_UNRECOGNIZED_PDU, e.abortReason());
    }

    @Test
    void oversizedPduIsRefusedBeforeReadingIt() {
        // claims 2 GB of P-DATA but the stream would block forever if the reader tried to read it
        InputStream endless = new InputStream() {
            private int n;

            @Override
            public int read() {
                byte[] header = {4, 0, (byte) 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
                if (n < header.length) {
                    return header[n++] & 0xFF;
                }
                throw new AssertionError("the reader must not read past the header");
            }
        };
        PduFormatException e = assertTimeoutPreemptively(HANG_LIMIT,
                () -> assertThrows(PduFormatException.class, new PduReader(endless, 65536)::read));
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
        assertTrue(e.getMessage().contains("65536"), e.getMessage());
    }

    @Test
    void controlPdusHaveTheirOwnLimit() {
        byte[] header = {1, 0, 0, (byte) 0x20, 0, 0}; // 2 MiB A-ASSOCIATE-RQ
        assertThrows(PduFormatException.class, new PduReader(new ByteArrayInputStream(header), 65536)::read);
    }

    @Test
    void truncatedStreamEndsCleanly() throws IOException {
        byte[] pdu = PduCodec.encode(fullRq());
        assertTimeoutPreemptively(HANG_LIMIT, () -> {
            EOFException e = assertThrows(EOFException.class,
                    new PduReader(new ByteArrayInputStream(Arrays.copyOf(pdu, pdu.length / 2)), 65536)::read);
            assertTrue(e.getMessage().contains("of " + (pdu.length - 6) + " bytes"), e.getMessage());
            assertThrows(EOFException.class, new PduReader(new ByteArrayInputStream(new byte[] {1, 0, 0}), 65536)::read);
        });
        assertNull(new PduReader(new ByteArrayInputStream(new byte[0]), 65536).read());
        PduReader two = new PduReader(new ByteArrayInputStream(concat(pdu, PduCodec.encode(new AReleaseRq()))), 65536);
        assertInstanceOf(AAssociateRq.class, two.read());
        assertInstanceOf(AReleaseRq.class, two.read());
        assertNull(two.read());
    }

    @Test
    void oneReaderDecodesLargeAndSmallPDataInTurnWithoutMixingTheirBytes() throws IOException {
        // the reader reuses its body buffer: what it returned before must not change when the next PDU arrives
        byte[] large = new byte[40000];
        byte[] small = {9, 8, 7};
        byte[] other = new byte[30000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) i;
        }
        Arrays.fill(other, (byte) 0x55);
        byte[] wire = concat(concat(PduCodec.encode(new PDataTf(List.of(new PresentationDataValue(1, false, false, large)))),
                PduCodec.encode(new PDataTf(List.of(new PresentationDataValue(3, true, true, small))))),
                PduCodec.encode(new PDataTf(List.of(new PresentationDataValue(5, false, true, other)))));
        PduReader reader = new PduReader(new ByteArrayInputStream(wire), 65536);
        PresentationDataValue first = ((PDataTf) reader.read()).values().get(0);
        PresentationDataValue second = ((PDataTf) reader.read()).values().get(0);
        PresentationDataValue third = ((PDataTf) reader.read()).values().get(0);
        assertNull(reader.read());
        assertArrayEquals(large, first.data());
        assertArrayEquals(small, second.data());
        assertEquals(3, second.contextId());
        assertTrue(second.command() && second.last());
        assertArrayEquals(other, third.data());
    }

    // ---- byte surgery helpers

    /** Offset of the first top-level variable item of an A-ASSOCIATE PDU with this type. */
    static int indexOfItem(byte[] pdu, int type) {
        int p = 6 + 68;
        while (p < pdu.length) {
            if ((pdu[p] & 0xFF) == type) {
                return p;
            }
            p += 4 + ((pdu[p + 2] & 0xFF) << 8 | (pdu[p + 3] & 0xFF));
        }
        throw new AssertionError("no item " + type);
    }

    static byte[] insert(byte[] b, int at, byte[] extra) {
        return concat(concat(Arrays.copyOf(b, at), extra), Arrays.copyOfRange(b, at, b.length));
    }

    static byte[] remove(byte[] b, int at, int n) {
        return concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at + n, b.length));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static void addToU16(byte[] b, int p, int delta) {
        int v = ((b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF)) + delta;
        b[p] = (byte) (v >> 8);
        b[p + 1] = (byte) v;
    }

    static void addToU32(byte[] b, int p, int delta) {
        long v = PduCodec.getU32(b, p) + delta;
        PduCodec.putU32(b, p, v);
    }
}
