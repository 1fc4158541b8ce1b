package org.dicomflow.dicom.json;

/**
 * How {@link DicomJson} writes: layout, the form of binary values, and whether only ASCII is written.
 * Immutable; start from {@link #COMPACT} or {@link #PRETTY} and change with the {@code with...} methods.
 *
 * @param pretty        indented, one member per line (for people and diffs); compact otherwise (for the wire)
 * @param bulkData      what a value left in its file ({@link org.dicomflow.dicom.BulkData}) becomes
 * @param asciiOnly     escape every non-ASCII character as {@code \\uXXXX} (for channels that are not 8-bit clean)
 */
public record JsonOptions(boolean pretty, BulkDataMode bulkData, boolean asciiOnly) {

    /** The form of values left in their file. Values already in memory are always written as InlineBinary. */
    public enum BulkDataMode {
        /**
         * "BulkDataURI": a {@code file:} URI naming file, offset and length (see {@link DicomJson}); nothing is
         * loaded, so the JSON of a multi-gigabyte object stays small.
         */
        URI,
        /** "InlineBinary" (base64): the value is loaded from its file; the JSON is self-contained. */
        INLINE
    }

    public static final JsonOptions COMPACT = new JsonOptions(false, BulkDataMode.URI, false);
    public static final JsonOptions PRETTY = new JsonOptions(true, BulkDataMode.URI, false);

    public JsonOptions {
        if (bulkData == null) {
            throw new IllegalArgumentException("bulkData mode is required");
        }
    }

    public JsonOptions withPretty(boolean pretty) {
        return new JsonOptions(pretty, bulkData, asciiOnly);
    }

    public JsonOptions withBulkData(BulkDataMode bulkData) {
        return new JsonOptions(pretty, bulkData, asciiOnly);
    }

    public JsonOptions withAsciiOnly(boolean asciiOnly) {
        return new JsonOptions(pretty, bulkData, asciiOnly);
    }
}
