package org.dicomflow.net;

/**
 * The sub-operation counts of one C-MOVE or C-GET response (PS3.7 9.1.3/9.1.4): how many C-STORE
 * sub-operations are still to come, and how many ended completed, failed or with a warning. A count the
 * peer left out is -1 (PS3.4 makes Remaining optional in final responses, and peers vary).
 */
public record RetrieveProgress(DimseStatus status, int remaining, int completed, int failed, int warning) {
    /** Sub-operations known so far: the sum of the counts present. */
    public int total() {
        return Math.max(remaining, 0) + Math.max(completed, 0) + Math.max(failed, 0) + Math.max(warning, 0);
    }

    /** e.g. "3 completed, 0 failed, 0 warning, 4 remaining". */
    @Override
    public String toString() {
        return count(completed) + " completed, " + count(failed) + " failed, " + count(warning) + " warning, "
                + count(remaining) + " remaining (" + status + ")";
    }

    private static String count(int n) {
        return n < 0 ? "?" : String.valueOf(n);
    }
}
