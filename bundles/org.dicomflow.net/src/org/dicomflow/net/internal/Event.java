package org.dicomflow.net.internal;

/** Events of PS3.8 table 9-2, in order (Evt1..Evt19). */
public enum Event {
    A_ASSOCIATE_REQUEST,
    TRANSPORT_CONNECT_CONFIRM,
    ASSOCIATE_AC_RECEIVED,
    ASSOCIATE_RJ_RECEIVED,
    TRANSPORT_CONNECT_INDICATION,
    ASSOCIATE_RQ_RECEIVED,
    A_ASSOCIATE_RESPONSE_ACCEPT,
    A_ASSOCIATE_RESPONSE_REJECT,
    P_DATA_REQUEST,
    P_DATA_TF_RECEIVED,
    A_RELEASE_REQUEST,
    RELEASE_RQ_RECEIVED,
    RELEASE_RP_RECEIVED,
    A_RELEASE_RESPONSE,
    A_ABORT_REQUEST,
    ABORT_RECEIVED,
    TRANSPORT_CLOSED,
    ARTIM_EXPIRED,
    INVALID_PDU_RECEIVED;

    @Override
    public String toString() {
        return "Evt" + (ordinal() + 1) + " " + name();
    }
}
