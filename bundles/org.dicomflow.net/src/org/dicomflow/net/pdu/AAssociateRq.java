package org.dicomflow.net.pdu;

import java.util.List;

/** A-ASSOCIATE-RQ PDU (PS3.8 9.3.2). AE titles are held without padding. */
public record AAssociateRq(int protocolVersion, String calledAeTitle, String callingAeTitle,
        String applicationContext, List<PresentationContextProposal> presentationContexts,
        UserInformation userInformation) implements Pdu {

    public AAssociateRq {
        presentationContexts = List.copyOf(presentationContexts);
    }

    @Override
    public int type() {
        return TYPE_ASSOCIATE_RQ;
    }
}
