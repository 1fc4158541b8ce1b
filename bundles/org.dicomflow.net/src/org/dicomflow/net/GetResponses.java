package org.dicomflow.net;

/**
 * A C-GET in progress ({@link Association#get}): the peer sends the matching instances as C-STORE-RQs on the
 * same association, to the {@link StorageHandler} given to
 * {@link ApplicationEntity#connect(AssociationRequest, Timeouts, StorageHandler)}, and reports the
 * sub-operations here.
 */
public interface GetResponses extends RetrieveResponses {
}
