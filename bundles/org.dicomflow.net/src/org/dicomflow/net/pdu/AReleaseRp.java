package org.dicomflow.net.pdu;

/** A-RELEASE-RP PDU (PS3.8 9.3.7). */
public record AReleaseRp() implements Pdu {
    @Override
    public int type() {
        return TYPE_RELEASE_RP;
    }
}
