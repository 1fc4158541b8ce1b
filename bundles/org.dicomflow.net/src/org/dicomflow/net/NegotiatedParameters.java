package org.dicomflow.net;

import java.util.List;
import java.util.Optional;

import org.dicomflow.net.pdu.UserInformation.AsyncOpsWindow;
import org.dicomflow.net.pdu.UserInformation.RoleSelection;

/**
 * What both sides agreed on. Max PDU lengths are as announced (0 = unlimited);
 * {@code asyncOpsWindow} is {@code null} when not negotiated, which means 1/1 (PS3.7 D.3.3.3);
 * {@code roleSelections} are the ones the acceptor answered; {@code userIdentityType} is 0 when
 * no user identity was sent.
 */
public record NegotiatedParameters(String callingAeTitle, String calledAeTitle, List<NegotiatedContext> contexts,
        long ownMaxPduLength, long peerMaxPduLength, String peerImplementationClassUid,
        String peerImplementationVersionName, AsyncOpsWindow asyncOpsWindow, List<RoleSelection> roleSelections,
        int userIdentityType) {

    public NegotiatedParameters {
        contexts = List.copyOf(contexts);
        roleSelections = List.copyOf(roleSelections);
    }

    /** The first accepted context for {@code abstractSyntax}. */
    public Optional<NegotiatedContext> acceptedContext(String abstractSyntax) {
        return contexts.stream().filter(c -> c.isAccepted() && c.abstractSyntax().equals(abstractSyntax)).findFirst();
    }

    /** The context with this presentation context ID. */
    public Optional<NegotiatedContext> context(int id) {
        return contexts.stream().filter(c -> c.id() == id).findFirst();
    }
}
