package org.dicomflow.net.internal;

import java.io.IOException;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.net.Association;
import org.dicomflow.net.DimseRequest;
import org.dicomflow.net.DimseStatus;

/** A received request handed to a {@link org.dicomflow.net.DimseHandler}. */
final class IncomingRequest implements DimseRequest {
    /** ErrorComment is LO: at most 64 characters. */
    private static final int MAX_ERROR_COMMENT = 64;

    private final UpperLayerAssociation association;
    private final DimseMessage message;
    private final String transferSyntax;
    private volatile boolean responded;

    IncomingRequest(UpperLayerAssociation association, DimseMessage message, String transferSyntax) {
        this.association = association;
        this.message = message;
        this.transferSyntax = transferSyntax;
    }

    @Override
    public Association association() {
        return association;
    }

    @Override
    public int presentationContextId() {
        return message.contextId();
    }

    @Override
    public String transferSyntax() {
        return transferSyntax;
    }

    @Override
    public CommandSet command() {
        return message.command();
    }

    @Override
    public byte[] dataSet() {
        return message.dataSet();
    }

    boolean responded() {
        return responded;
    }

    @Override
    public void respond(DimseStatus status) throws IOException {
        respond(response(status), null);
    }

    void respondFailure(Exception cause) throws IOException {
        CommandSet rsp = response(DimseStatus.PROCESSING_FAILURE);
        rsp.setString(Tag.ErrorComment, errorComment(String.valueOf(cause.getMessage())));
        respond(rsp, null);
    }

    /** An Error Comment (LO) cut to its 64 characters. */
    static String errorComment(String comment) {
        return comment.length() > MAX_ERROR_COMMENT ? comment.substring(0, MAX_ERROR_COMMENT) : comment;
    }

    CommandSet response(DimseStatus status) {
        CommandSet rq = message.command();
        CommandSet rsp = new CommandSet();
        String sopClass = rq.getString(Tag.AffectedSOPClassUID);
        if (sopClass == null) {
            sopClass = rq.getString(Tag.RequestedSOPClassUID);
        }
        if (sopClass != null) {
            rsp.setString(Tag.AffectedSOPClassUID, sopClass);
        }
        String instance = rq.getString(Tag.AffectedSOPInstanceUID);
        if (instance == null) {
            instance = rq.getString(Tag.RequestedSOPInstanceUID);
        }
        if (instance != null) {
            rsp.setString(Tag.AffectedSOPInstanceUID, instance);
        }
        rsp.setInt(Tag.CommandField, rq.commandField() | CommandField.RESPONSE_BIT);
        rsp.setInt(Tag.MessageIDBeingRespondedTo, rq.messageId());
        rsp.setInt(Tag.CommandDataSetType, CommandSet.NO_DATA_SET);
        rsp.setInt(Tag.Status, status.code());
        return rsp;
    }

    @Override
    public void respond(CommandSet response, byte[] dataSet) throws IOException {
        responded = true;
        association.send(message.contextId(), response, dataSet);
    }
}
