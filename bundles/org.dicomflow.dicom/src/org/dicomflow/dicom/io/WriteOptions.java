package org.dicomflow.dicom.io;

/**
 * How to encode sequences: with undefined lengths and delimiters (the default: streamable, no length
 * pre-computation) or with explicit lengths (some old readers need them).
 */
public record WriteOptions(boolean undefinedSequenceLength, boolean undefinedItemLength) {

    public static final WriteOptions DEFAULT = new WriteOptions(true, true);
    public static final WriteOptions EXPLICIT_LENGTHS = new WriteOptions(false, false);
}
