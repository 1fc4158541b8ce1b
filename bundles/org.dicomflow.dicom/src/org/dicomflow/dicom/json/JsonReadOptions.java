package org.dicomflow.dicom.json;

/**
 * Limits and trust for {@link DicomJson#read(java.io.Reader, JsonReadOptions)}.
 *
 * @param maxDepth     deepest JSON nesting accepted (a DICOM sequence level costs four)
 * @param maxChars     longest input accepted, in characters
 * @param fileBulkData whether our own {@code file:} BulkDataURIs become {@link org.dicomflow.dicom.BulkData}
 *                     references to local files. Turn this off for JSON from outside (a DICOMweb client): a
 *                     crafted URI could otherwise make a later write with inline binary read any local file.
 *                     When off, such URIs stay {@link java.net.URI} values.
 */
public record JsonReadOptions(int maxDepth, long maxChars, boolean fileBulkData) {

    /** Default limits; file BulkDataURIs are trusted (JSON we wrote ourselves). */
    public static final JsonReadOptions DEFAULT =
            new JsonReadOptions(JsonParser.DEFAULT_MAX_DEPTH, JsonParser.DEFAULT_MAX_CHARS, true);

    /** Default limits; file BulkDataURIs are not turned into local file references. */
    public static final JsonReadOptions UNTRUSTED = DEFAULT.withFileBulkData(false);

    public JsonReadOptions {
        if (maxDepth < 1 || maxChars < 1) {
            throw new IllegalArgumentException("limits must be positive: depth " + maxDepth + ", chars " + maxChars);
        }
    }

    public JsonReadOptions withFileBulkData(boolean fileBulkData) {
        return new JsonReadOptions(maxDepth, maxChars, fileBulkData);
    }

    public JsonReadOptions withLimits(int maxDepth, long maxChars) {
        return new JsonReadOptions(maxDepth, maxChars, fileBulkData);
    }
}
