package org.dicomflow.net.pdu;

import java.util.List;

/** A-ASSOCIATE-AC PDU (PS3.8 9.3.3); AE titles echo the request and are not to be tested. */
public record AAssociateAc(int protocolVersion, String calledAeTitle, String callingAeTitle,
        String applicationContext, List<PresentationContextReply> presentationContexts,
        UserInformation userInformation) implements Pdu {

    public AAssociateAc {
        presentationContexts = List.copyOf(presentationContexts);
    }

    @Override
    public int type() {
        return TYPE_ASSOCIATE_AC;
    }
}
