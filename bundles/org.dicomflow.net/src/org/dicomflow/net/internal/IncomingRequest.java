package org.dicomflow.net.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.dicom.io.DicomWriter;
import org.dicomflow.dicom.io.WriteOptions;
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
    private volatile boolean cancelled;

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

    int messageId() {
        return message.command().messageId();
    }

    /** A C-CANCEL-RQ for this request arrived. */
    void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled || !association.isEstablished();
    }

    @Override
    public DataSet identifier() throws IOException {
        byte[] bytes = message.dataSet();
        if (bytes == null) {
            return null;
        }
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(bytes), TransferSyntax.of(transferSyntax))) {
            return reader.readDataSet();
        }
    }

    @Override
    public void respondWithIdentifier(CommandSet response, DataSet dataSet) throws IOException {
        if (dataSet == null) {
            response.setInt(Tag.CommandDataSetType, CommandSet.NO_DATA_SET);
            respond(response, (byte[]) null);
            return;
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        new DicomWriter(encoded, TransferSyntax.of(transferSyntax), WriteOptions.DEFAULT).writeDataSet(dataSet);
        response.setInt(Tag.CommandDataSetType, 0);
        respond(response, encoded.toByteArray());
    }

    @Override
    public void respond(DimseStatus status) throws IOException {
        respond(response(status), null);
    }

    void respondFailure(Throwable cause) throws IOException {
        CommandSet rsp = response(DimseStatus.PROCESSING_FAILURE);
        rsp.setString(Tag.ErrorComment, errorComment(String.valueOf(cause.getMessage())));
        respond(rsp, null);
    }

    /** An Error Comment (LO) cut to its 64 characters. */
    static String errorComment(String comment) {
        return comment.length() > MAX_ERROR_COMMENT ? comment.substring(0, MAX_ERROR_COMMENT) : comment;
    }

    @Override
    public CommandSet response(DimseStatus status) {
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
