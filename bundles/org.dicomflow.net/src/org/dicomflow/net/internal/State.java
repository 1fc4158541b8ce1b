package org.dicomflow.net.internal;

/** Association states of PS3.8 table 9-1. */
public enum State {
    STA1("idle"),
    STA2("transport connection open, awaiting A-ASSOCIATE-RQ PDU"),
    STA3("awaiting local A-ASSOCIATE response primitive"),
    STA4("awaiting transport connection opening to complete"),
    STA5("awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU"),
    STA6("association established, ready for data transfer"),
    STA7("awaiting A-RELEASE-RP PDU"),
    STA8("awaiting local A-RELEASE response primitive"),
    STA9("release collision requestor side, awaiting A-RELEASE response primitive"),
    STA10("release collision acceptor side, awaiting A-RELEASE-RP PDU"),
    STA11("release collision requestor side, awaiting A-RELEASE-RP PDU"),
    STA12("release collision acceptor side, awaiting A-RELEASE response primitive"),
    STA13("awaiting transport connection close indication");

    private final String description;

    State(String description) {
        this.description = description;
    }

    @Override
    public String toString() {
        return "Sta" + (ordinal() + 1) + " (" + description + ")";
    }
}
