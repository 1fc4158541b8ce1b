package org.dicomflow.net.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.net.pdu.PDataTf;
import org.dicomflow.net.pdu.PduFormatException;
import org.dicomflow.net.pdu.PduReader;
import org.dicomflow.net.pdu.PresentationDataValue;
import org.junit.jupiter.api.Test;

class StateMachineTest {

    @Test
    void tableMatchesPs38ForReleaseCollision() {
        assertEquals(Action.AR_8, StateTable.action(State.STA7, Event.RELEASE_RQ_RECEIVED));
        assertEquals(Action.AR_9, StateTable.action(State.STA9, Event.A_RELEASE_RESPONSE));
        assertEquals(Action.AR_10, StateTable.action(State.STA10, Event.RELEASE_RP_RECEIVED));
        assertEquals(Action.AR_3, StateTable.action(State.STA11, Event.RELEASE_RP_RECEIVED));
        assertEquals(Action.AR_4, StateTable.action(State.STA12, Event.A_RELEASE_RESPONSE));
    }

    /**
     * PS3.8 table 9-10 transcribed cell by cell: rows Evt1..Evt19, columns Sta1..Sta13, "." where
     * the standard has no entry.
     */
    private static final String[] TABLE_9_10 = {
        /* Evt1  */ "AE-1 . . . . . . . . . . . .",
        /* Evt2  */ ". . . AE-2 . . . . . . . . .",
        /* Evt3  */ ". AA-1 AA-8 . AE-3 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-6",
        /* Evt4  */ ". AA-1 AA-8 . AE-4 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-6",
        /* Evt5  */ "AE-5 . . . . . . . . . . . .",
        /* Evt6  */ ". AE-6 AA-8 . AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-7",
        /* Evt7  */ ". . AE-7 . . . . . . . . . .",
        /* Evt8  */ ". . AE-8 . . . . . . . . . .",
        /* Evt9  */ ". . . . . DT-1 . AR-7 . . . . .",
        /* Evt10 */ ". AA-1 AA-8 . AA-8 DT-2 AR-6 AA-8 AA-8 AA-8 AA-8 AA-8 AA-6",
        /* Evt11 */ ". . . . . AR-1 . . . . . . .",
        /* Evt12 */ ". AA-1 AA-8 . AA-8 AR-2 AR-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-6",
        /* Evt13 */ ". AA-1 AA-8 . AA-8 AA-8 AR-3 AA-8 AA-8 AR-10 AR-3 AA-8 AA-6",
        /* Evt14 */ ". . . . . . . AR-4 AR-9 . . AR-4 .",
        /* Evt15 */ ". . AA-1 AA-2 AA-1 AA-1 AA-1 AA-1 AA-1 AA-1 AA-1 AA-1 .",
        /* Evt16 */ ". AA-2 AA-3 . AA-3 AA-3 AA-3 AA-3 AA-3 AA-3 AA-3 AA-3 AA-2",
        /* Evt17 */ ". AA-5 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AR-5",
        /* Evt18 */ ". AA-2 . . . . . . . . . . AA-2",
        /* Evt19 */ ". AA-1 AA-8 . AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-7",
    };

    @Test
    void tableIsPs38Table9_10() {
        assertEquals(TABLE_9_10.length, Event.values().length);
        for (Event e : Event.values()) {
            String[] cells = TABLE_9_10[e.ordinal()].split(" ");
            assertEquals(State.values().length, cells.length, e.toString());
            for (State s : State.values()) {
                Action a = StateTable.action(s, e);
                String expected = cells[s.ordinal()];
                assertEquals(expected, a == null ? "." : a.name().replace('_', '-'), e + " in " + s);
            }
        }
    }

    @Test
    void everyReceivedPduHasAnActionOnceConnected() {
        Event[] received = {Event.ASSOCIATE_AC_RECEIVED, Event.ASSOCIATE_RJ_RECEIVED, Event.ASSOCIATE_RQ_RECEIVED,
            Event.P_DATA_TF_RECEIVED, Event.RELEASE_RQ_RECEIVED, Event.RELEASE_RP_RECEIVED, Event.ABORT_RECEIVED,
            Event.TRANSPORT_CLOSED, Event.INVALID_PDU_RECEIVED};
        for (State s : State.values()) {
            if (s == State.STA1 || s == State.STA4) {
                continue; // no connection to receive on
            }
            for (Event e : received) {
                assertNotNull(StateTable.action(s, e), e + " in " + s);
            }
        }
        assertNull(StateTable.action(State.STA1, Event.TRANSPORT_CLOSED));
        assertEquals(Action.AA_2, StateTable.action(State.STA13, Event.ARTIM_EXPIRED));
        assertEquals(Action.AA_7, StateTable.action(State.STA13, Event.INVALID_PDU_RECEIVED));
        assertEquals("Sta13 (awaiting transport connection close indication)", State.STA13.toString());
    }

    @Test
    void fragmentsAtPeerLimitAndReassembles() throws IOException {
        CommandSet cmd = new CommandSet().setString(Tag.AffectedSOPClassUID, UID.Verification)
                .setInt(Tag.CommandField, 0x0030).setInt(Tag.MessageID, 1).setInt(Tag.CommandDataSetType, 0);
        byte[] dataSet = new byte[1000];
        for (int i = 0; i < dataSet.length; i++) {
            dataSet[i] = (byte) i;
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new PduWriter(wire).writeMessage(1, cmd.encode(), dataSet, 32);
        PduReader reader = new PduReader(new ByteArrayInputStream(wire.toByteArray()), 32);
        MessageAssembler assembler = new MessageAssembler(id -> id == 1);
        DimseMessage message = null;
        int pdus = 0;
        PDataTf pdu;
        while ((pdu = (PDataTf) reader.read()) != null) {
            pdus++;
            assertNull(message, "message completed before the last fragment");
            for (PresentationDataValue pdv : pdu.values()) {
                assertEquals(true, pdv.data().length <= 32 - 6);
                message = assembler.add(pdv);
            }
        }
        assertNotNull(message);
        assertEquals(cmd.messageId(), message.command().messageId());
        assertArrayEquals(dataSet, message.dataSet());
        assertEquals(true, pdus > 1000 / 26);
    }

    @Test
    void assemblerRejectsProtocolViolations() {
        MessageAssembler a = new MessageAssembler(id -> id == 1);
        assertThrows(PduFormatException.class, () -> a.add(new PresentationDataValue(3, true, true, new byte[0])));
        MessageAssembler b = new MessageAssembler(id -> id == 1);
        assertThrows(PduFormatException.class, () -> b.add(new PresentationDataValue(1, false, true, new byte[2])));
        MessageAssembler c = new MessageAssembler(id -> true);
        assertThrows(PduFormatException.class, () -> c.add(new PresentationDataValue(1, true, true, new byte[] {1, 2, 3})));
    }
}
