package org.dicomflow.net;

/**
 * An incoming C-STORE-RQ as a {@link StorageHandler} sees it, before its data set arrives. The UIDs
 * are as the peer sent them: validate before they touch a path.
 *
 * @param callingAeTitle the AE title of the peer sending the object: the calling AE of an association we
 *        accepted, the called AE of one we requested (C-GET sub-operations)
 * @param moveOriginatorAeTitle set when the store is a C-MOVE sub-operation, else null
 * @param moveOriginatorMessageId 0 when not a C-MOVE sub-operation
 */
public record StoreRequest(Association association, String callingAeTitle, String sopClassUid,
        String sopInstanceUid, String transferSyntaxUid, int priority, String moveOriginatorAeTitle,
        int moveOriginatorMessageId) {
}
