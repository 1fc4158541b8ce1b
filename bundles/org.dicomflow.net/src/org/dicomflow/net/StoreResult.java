package org.dicomflow.net;

/**
 * Outcome of one C-STORE: the peer's status, or why the object was not sent at all.
 *
 * @param transferSyntaxUid the syntax it was sent in, null if not sent
 * @param status            the C-STORE-RSP status, null if not sent
 * @param errorComment      Error Comment of the response, or null
 * @param failure           why it was not sent (e.g. no accepted context for its syntax), or null
 */
public record StoreResult(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, DimseStatus status,
        String errorComment, String failure) {

    /** The object was not sent, for the reason given. */
    public static StoreResult notSent(DataSetSource source, String why) {
        return new StoreResult(source.sopClassUid(), source.sopInstanceUid(), null, null, null, why);
    }

    public boolean isSent() {
        return status != null;
    }

    public boolean isSuccess() {
        return status != null && status.isSuccess();
    }

    /** Stored with a warning (coercion, elements discarded, ...): stored all the same. */
    public boolean isWarning() {
        return status != null && status.category() == DimseStatus.Category.WARNING;
    }

    /** One line for a person. */
    public String describe() {
        if (status == null) {
            return sopInstanceUid + ": not sent: " + failure;
        }
        return sopInstanceUid + ": " + status + (errorComment == null ? "" : " (" + errorComment + ")");
    }
}
