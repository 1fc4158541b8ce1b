package org.dicomflow.net.internal;

import static org.dicomflow.net.internal.Action.*;

/** The state transition table of PS3.8 table 9-10: which action an event triggers in a state. */
public final class StateTable {
    private static final Action[][] TABLE = new Action[Event.values().length][State.values().length];

    static {
        // columns: Sta1 .. Sta13; null = not applicable in that state
        row(Event.A_ASSOCIATE_REQUEST, AE_1, null, null, null, null, null, null, null, null, null, null, null, null);
        row(Event.TRANSPORT_CONNECT_CONFIRM, null, null, null, AE_2, null, null, null, null, null, null, null, null, null);
        row(Event.ASSOCIATE_AC_RECEIVED, null, AA_1, AA_8, null, AE_3, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_6);
        row(Event.ASSOCIATE_RJ_RECEIVED, null, AA_1, AA_8, null, AE_4, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_6);
        row(Event.TRANSPORT_CONNECT_INDICATION, AE_5, null, null, null, null, null, null, null, null, null, null, null, null);
        row(Event.ASSOCIATE_RQ_RECEIVED, null, AE_6, AA_8, null, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_7);
        row(Event.A_ASSOCIATE_RESPONSE_ACCEPT, null, null, AE_7, null, null, null, null, null, null, null, null, null, null);
        row(Event.A_ASSOCIATE_RESPONSE_REJECT, null, null, AE_8, null, null, null, null, null, null, null, null, null, null);
        row(Event.P_DATA_REQUEST, null, null, null, null, null, DT_1, null, AR_7, null, null, null, null, null);
        row(Event.P_DATA_TF_RECEIVED, null, AA_1, AA_8, null, AA_8, DT_2, AR_6, AA_8, AA_8, AA_8, AA_8, AA_8, AA_6);
        row(Event.A_RELEASE_REQUEST, null, null, null, null, null, AR_1, null, null, null, null, null, null, null);
        row(Event.RELEASE_RQ_RECEIVED, null, AA_1, AA_8, null, AA_8, AR_2, AR_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_6);
        row(Event.RELEASE_RP_RECEIVED, null, AA_1, AA_8, null, AA_8, AA_8, AR_3, AA_8, AA_8, AR_10, AR_3, AA_8, AA_6);
        row(Event.A_RELEASE_RESPONSE, null, null, null, null, null, null, null, AR_4, AR_9, null, null, AR_4, null);
        row(Event.A_ABORT_REQUEST, null, null, AA_1, AA_2, AA_1, AA_1, AA_1, AA_1, AA_1, AA_1, AA_1, AA_1, null);
        row(Event.ABORT_RECEIVED, null, AA_2, AA_3, null, AA_3, AA_3, AA_3, AA_3, AA_3, AA_3, AA_3, AA_3, AA_2);
        row(Event.TRANSPORT_CLOSED, null, AA_5, AA_4, AA_4, AA_4, AA_4, AA_4, AA_4, AA_4, AA_4, AA_4, AA_4, AR_5);
        row(Event.ARTIM_EXPIRED, null, AA_2, null, null, null, null, null, null, null, null, null, null, AA_2);
        row(Event.INVALID_PDU_RECEIVED, null, AA_1, AA_8, null, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_7);
    }

    private StateTable() {
    }

    private static void row(Event event, Action... actions) {
        if (actions.length != State.values().length) {
            throw new AssertionError("row " + event + " has " + actions.length + " columns");
        }
        TABLE[event.ordinal()] = actions;
    }

    /** The action for {@code event} in {@code state}, or {@code null} if the event is not applicable there. */
    public static Action action(State state, Event event) {
        return TABLE[event.ordinal()][state.ordinal()];
    }
}
