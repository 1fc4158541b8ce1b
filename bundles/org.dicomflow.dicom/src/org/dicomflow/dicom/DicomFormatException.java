package org.dicomflow.dicom;

import java.io.IOException;

/** Malformed DICOM encoding; the message names where decoding stopped and which element it was reading. */
public class DicomFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final int tag;

    public DicomFormatException(String problem, long offset, int tag) {
        super(problem + " at offset " + offset + (tag == -1 ? "" : " in element " + Tag.toString(tag)));
        this.offset = offset;
        this.tag = tag;
    }

    /** Byte offset in the decoded buffer where the problem was found. */
    public long offset() {
        return offset;
    }

    /** Tag of the element being decoded, or -1 if the tag itself could not be read. */
    public int tag() {
        return tag;
    }
}
