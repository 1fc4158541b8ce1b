package org.dicomflow.dicom.io;

/**
 * How much of a data set to read.
 *
 * @param stopBeforeTag top-level elements with this tag or higher are not read (e.g. {@code Tag.PixelData}
 *                      to read a header); use {@code 0xFFFFFFFF} (or {@link #ALL}) to read everything
 * @param bulkData      what to do with bulk values (pixel data, and OB/OW/OF/OD/OL/OV/UN values longer than
 *                      {@code bulkDataThreshold})
 * @param bulkDataThreshold values longer than this many bytes are bulk
 * @param maxDepth      deepest sequence nesting accepted (hostile files nest endlessly)
 */
public record ReadOptions(int stopBeforeTag, BulkDataPolicy bulkData, int bulkDataThreshold, int maxDepth) {

    public static final int ALL = 0xFFFFFFFF;

    /** Everything, bulk data left in the file (loaded instead when reading from a stream). */
    public static final ReadOptions DEFAULT = new ReadOptions(ALL, BulkDataPolicy.REFERENCE, 64 * 1024, 64);

    /** Everything in memory. */
    public static final ReadOptions LOAD_ALL = new ReadOptions(ALL, BulkDataPolicy.LOAD, 64 * 1024, 64);

    public ReadOptions withStopBefore(int tag) {
        return new ReadOptions(tag, bulkData, bulkDataThreshold, maxDepth);
    }

    public ReadOptions withBulkData(BulkDataPolicy policy) {
        return new ReadOptions(stopBeforeTag, policy, bulkDataThreshold, maxDepth);
    }

    public ReadOptions withBulkDataThreshold(int bytes) {
        return new ReadOptions(stopBeforeTag, bulkData, bytes, maxDepth);
    }

    /** What a reader does with a bulk value. */
    public enum BulkDataPolicy {
        /** Read it into memory. */
        LOAD,
        /** Remember file, offset and length ({@link org.dicomflow.dicom.BulkData}); only possible for files. */
        REFERENCE,
        /** Skip it: the element is kept with an empty value, so the data set says it was there. */
        SKIP
    }
}
