package org.dicomflow.net.pdu;

/** One PDV item: a fragment of a command or data set on a presentation context (PS3.8 E.2). */
public record PresentationDataValue(int contextId, boolean command, boolean last, byte[] data) {
    /** Bytes of item length, context ID and message control header that precede the data. */
    public static final int HEADER_LENGTH = 6;
}
