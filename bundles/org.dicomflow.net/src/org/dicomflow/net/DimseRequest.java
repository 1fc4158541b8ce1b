package org.dicomflow.net;

import java.io.IOException;

import org.dicomflow.dicom.CommandSet;

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
}
