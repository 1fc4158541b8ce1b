package org.dicomflow.net;

/**
 * A C-MOVE in progress ({@link Association#move}): the peer sends the matching instances on associations of
 * its own to the move destination, and reports the sub-operations here.
 */
public interface MoveResponses extends RetrieveResponses {
    /** The destination AE title the C-MOVE-RQ named. */
    String destinationAeTitle();
}
