package org.dicomflow.store;

import java.nio.file.Path;

/**
 * Told what a scan of the archive's files does (the recovery when the archive opens, or a reindex).
 * Called on the scanning thread; every method has an empty default.
 */
public interface ScanListener {
    /** {@code file} was added to the index (or its row refreshed because the file changed). */
    default void indexed(Path file) {
    }

    /** {@code file} could not be indexed and was left where it is. */
    default void skipped(Path file, String reason) {
    }

    /** A leftover was removed: an unfinished {@code .part} file, or the index row of a file that is gone. */
    default void removed(Path file) {
    }
}
