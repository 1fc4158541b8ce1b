package org.dicomflow.net;

import java.io.IOException;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.DataSet;

/** An incoming DIMSE request as a {@link DimseHandler} sees it. */
public interface DimseRequest {
    Association association();

    int presentationContextId();

    /** Negotiated transfer syntax of the data set. */
    String transferSyntax();

    CommandSet command();

    /** Data set bytes in {@link #transferSyntax()}, or {@code null} when the command has none. */
    byte[] dataSet();

    /** Sends a response without data set: command field, message ID, SOP class/instance copied from the request. */
    void respond(DimseStatus status) throws IOException;

    /** Sends {@code response} as is (the handler sets every element). */
    void respond(CommandSet response, byte[] dataSet) throws IOException;

    /**
     * The request's data set decoded (e.g. a C-FIND, C-MOVE or C-GET identifier), or {@code null} when the
     * command has none.
     *
     * @throws IOException the data set is not valid in the negotiated transfer syntax
     */
    DataSet identifier() throws IOException;

    /**
     * A response command for this request: command field, message ID, SOP class and instance copied from
     * the request, {@code status}, no data set. Add elements (e.g. sub-operation counts, Error Comment) and
     * send it with {@link #respondWithIdentifier(CommandSet, DataSet)} or {@link #respond(CommandSet, byte[])}.
     */
    CommandSet response(DimseStatus status);

    /**
     * Sends {@code response} with {@code identifier} encoded in {@link #transferSyntax()} ({@code null}: none);
     * the command's Command Data Set Type is set to match.
     */
    void respondWithIdentifier(CommandSet response, DataSet identifier) throws IOException;

    /** Sends a response with {@code status} and {@code identifier}, e.g. one pending C-FIND match. */
    default void respond(DimseStatus status, DataSet identifier) throws IOException {
        respondWithIdentifier(response(status), identifier);
    }

    /**
     * True once the requester sent a C-CANCEL-RQ for this request, or the association is no longer
     * established. A long operation (C-FIND, C-MOVE, C-GET) checks it between matches or sub-operations
     * and then ends with the Cancel status (FE00).
     */
    boolean isCancelled();
}
