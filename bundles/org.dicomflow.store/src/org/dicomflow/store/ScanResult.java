package org.dicomflow.store;

/** Counts of one scan of the archive's files (see {@link ScanListener}). */
public record ScanResult(int indexed, int skipped, int removed) {
}
