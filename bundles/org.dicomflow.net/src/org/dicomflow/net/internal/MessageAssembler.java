package org.dicomflow.net.internal;

import java.io.ByteArrayOutputStream;
import java.util.function.IntPredicate;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.DicomFormatException;
import org.dicomflow.net.pdu.AAbort;
import org.dicomflow.net.pdu.PduFormatException;
import org.dicomflow.net.pdu.PresentationDataValue;

/**
 * Joins PDV fragments into DIMSE messages (PS3.7 6.3.1 / PS3.8 annex E): all command fragments,
 * then all data set fragments on the same context. Anything else is a protocol error, except data
 * elements after the command elements of a command set (see {@link CommandSet#decodeKeepingDataElements}).
 */
final class MessageAssembler {
    /** Command sets are a few hundred bytes; anything near this is an attack or a bug. */
    static final int MAX_COMMAND_LENGTH = 64 * 1024;
    /**
     * Data sets that are not streamed (C-FIND identifiers, requests of buffering handlers) are held in
     * memory; this bounds what one peer can make us allocate for one message.
     */
    static final int MAX_DATA_SET_LENGTH = 64 * 1024 * 1024;

    private final IntPredicate acceptedContext;
    private final IntPredicate takesDataSet;
    private final MemoryBudget budget;
    /** Bytes of the message being assembled (and the one being delivered) charged to the budget. */
    private long charged;
    private final ByteArrayOutputStream command = new ByteArrayOutputStream();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private int contextId = -1;
    private CommandSet completeCommand;
    private final Router router;
    /** Where the data set fragments of the current message go instead of {@link #data}, or null. */
    private DataSetSink streaming;

    /** Takes a data set fragment by fragment as it arrives; never throws (failures become a DIMSE status). */
    interface DataSetSink {
        void fragment(byte[] data, boolean last);

        /** The association ended before the last fragment. */
        void abandon();
    }

    /** Decides, once a command announcing a data set is complete, whether its data set is streamed. */
    @FunctionalInterface
    interface Router {
        /** A sink for the data set, or null to buffer it and deliver the whole message. */
        DataSetSink route(int contextId, CommandSet command);
    }

    MessageAssembler(IntPredicate acceptedContext) {
        this(acceptedContext, id -> true, MemoryBudget.UNLIMITED, (id, c) -> null);
    }

    /**
     * @param takesDataSet whether a request on this context may carry a data set (a Verification
     *        SCP takes none, so one is refused at once rather than buffered)
     * @param budget what buffered fragments are charged to
     */
    MessageAssembler(IntPredicate acceptedContext, IntPredicate takesDataSet, MemoryBudget budget, Router router) {
        this.router = router;
        this.acceptedContext = acceptedContext;
        this.takesDataSet = takesDataSet;
        this.budget = budget;
    }

    /** Returns what the last delivered message was charged; call once it has been handled. */
    void delivered() {
        if (contextId == -1) {
            budget.release(charged);
            charged = 0;
        }
    }

    /** Returns everything charged; the association is over. */
    void releaseAll() {
        budget.release(charged);
        charged = 0;
        if (streaming != null) {
            DataSetSink s = streaming;
            streaming = null;
            s.abandon();
        }
    }

    /** Adds a fragment; returns the message it completes, or {@code null}. */
    DimseMessage add(PresentationDataValue pdv) throws PduFormatException {
        if (!acceptedContext.test(pdv.contextId())) {
            throw error("PDV on presentation context " + pdv.contextId() + ", which was not accepted");
        }
        if (contextId != -1 && contextId != pdv.contextId()) {
            throw error("PDV on presentation context " + pdv.contextId() + " while a message on context "
                    + contextId + " is incomplete");
        }
        contextId = pdv.contextId();
        if (pdv.command()) {
            if (completeCommand != null) {
                throw error("command fragment where data set fragments were expected");
            }
            append(command, pdv.data(), MAX_COMMAND_LENGTH, "command");
            if (!pdv.last()) {
                return null;
            }
            byte[] bytes = command.toByteArray();
            command.reset();
            try {
                // data elements in the command PDVs are a peer's mistake that leaves the command readable
                // (Orthanc 1.10's failed C-GET): kept aside, so the operation ends with the peer's status
                completeCommand = CommandSet.decodeKeepingDataElements(bytes, 0, bytes.length);
            } catch (DicomFormatException e) {
                throw error("malformed command set: " + e.getMessage());
            }
            if (completeCommand.hasDataSet()) {
                if (!CommandField.isResponse(completeCommand.commandField()) && !takesDataSet.test(contextId)) {
                    throw error("a data set follows the command on presentation context " + contextId
                            + ", whose service takes none");
                }
                streaming = router.route(contextId, completeCommand);
                return null;
            }
            return finish(null);
        }
        if (completeCommand == null) {
            throw error("data set fragment before the command was complete");
        }
        if (streaming != null) {
            DataSetSink s = streaming;
            if (pdv.last()) {
                streaming = null;
                completeCommand = null;
                contextId = -1;
            }
            s.fragment(pdv.data(), pdv.last());
            return null;
        }
        append(data, pdv.data(), MAX_DATA_SET_LENGTH, "data set");
        if (!pdv.last()) {
            return null;
        }
        byte[] bytes = data.toByteArray();
        data.reset();
        return finish(bytes);
    }

    private DimseMessage finish(byte[] dataSet) {
        DimseMessage message = new DimseMessage(contextId, completeCommand, dataSet);
        completeCommand = null;
        contextId = -1;
        return message;
    }

    private void append(ByteArrayOutputStream to, byte[] fragment, int limit, String what)
            throws PduFormatException {
        if ((long) to.size() + fragment.length > limit) {
            throw error(what + " longer than " + limit + " bytes");
        }
        if (!budget.tryReserve(fragment.length)) {
            throw new PduFormatException("the server's memory budget for buffered messages (" + budget.capacity()
                    + " bytes) is exhausted", AAbort.REASON_NOT_SPECIFIED);
        }
        charged += fragment.length;
        to.write(fragment, 0, fragment.length);
    }

    private static PduFormatException error(String message) {
        return new PduFormatException(message, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
    }
}
