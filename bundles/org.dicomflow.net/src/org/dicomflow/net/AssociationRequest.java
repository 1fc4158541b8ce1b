package org.dicomflow.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.dicomflow.dicom.UID;
import org.dicomflow.net.pdu.UserInformation.AsyncOpsWindow;
import org.dicomflow.net.pdu.UserInformation.RoleSelection;
import org.dicomflow.net.pdu.UserInformation.UserIdentityRq;

/**
 * What an SCU asks for: the peer (called AE title, host, port) and the proposed presentation
 * contexts and user information. Immutable; each {@code with...} returns a new request.
 */
public final class AssociationRequest {
    /** Proposed when {@link #withContext(String, String...)} names no transfer syntax. */
    public static final List<String> DEFAULT_TRANSFER_SYNTAXES =
            List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);

    /** One proposed presentation context. */
    public record Context(String abstractSyntax, List<String> transferSyntaxes) {
        public Context {
            transferSyntaxes = List.copyOf(transferSyntaxes);
        }
    }

    private final String calledAeTitle;
    private final String host;
    private final int port;
    private final List<Context> contexts;
    private final int maxPduLength;
    private final AsyncOpsWindow asyncOpsWindow;
    private final List<RoleSelection> roleSelections;
    private final UserIdentityRq userIdentity;

    private AssociationRequest(String calledAeTitle, String host, int port, List<Context> contexts, int maxPduLength,
            AsyncOpsWindow asyncOpsWindow, List<RoleSelection> roleSelections, UserIdentityRq userIdentity) {
        this.calledAeTitle = calledAeTitle;
        this.host = host;
        this.port = port;
        this.contexts = List.copyOf(contexts);
        this.maxPduLength = maxPduLength;
        this.asyncOpsWindow = asyncOpsWindow;
        this.roleSelections = List.copyOf(roleSelections);
        this.userIdentity = userIdentity;
    }

    /** A request to {@code calledAeTitle} at {@code host:port} with no contexts yet. */
    public static AssociationRequest to(String calledAeTitle, String host, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        return new AssociationRequest(AeTitle.normalize(calledAeTitle), Objects.requireNonNull(host, "host"), port,
                List.of(), Implementation.DEFAULT_MAX_PDU_LENGTH, null, List.of(), null);
    }

    /** Proposes one more presentation context (Explicit then Implicit VR LE if none named). */
    public AssociationRequest withContext(String abstractSyntax, String... transferSyntaxes) {
        if (contexts.size() >= 128) {
            throw new IllegalStateException("PS3.8 allows at most 128 presentation contexts");
        }
        List<Context> more = new ArrayList<>(contexts);
        more.add(new Context(abstractSyntax,
                transferSyntaxes.length == 0 ? DEFAULT_TRANSFER_SYNTAXES : List.of(transferSyntaxes)));
        return new AssociationRequest(calledAeTitle, host, port, more, maxPduLength, asyncOpsWindow, roleSelections,
                userIdentity);
    }

    /** Our maximum receive PDU length announced to the peer; 0 means unlimited. */
    public AssociationRequest withMaxPduLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("max PDU length must not be negative");
        }
        return new AssociationRequest(calledAeTitle, host, port, contexts, length, asyncOpsWindow, roleSelections,
                userIdentity);
    }

    public AssociationRequest withAsyncOpsWindow(int maxInvoked, int maxPerformed) {
        return new AssociationRequest(calledAeTitle, host, port, contexts, maxPduLength,
                new AsyncOpsWindow(maxInvoked, maxPerformed), roleSelections, userIdentity);
    }

    public AssociationRequest withRole(String sopClassUid, boolean scu, boolean scp) {
        List<RoleSelection> more = new ArrayList<>(roleSelections);
        more.add(new RoleSelection(sopClassUid, scu, scp));
        return new AssociationRequest(calledAeTitle, host, port, contexts, maxPduLength, asyncOpsWindow, more,
                userIdentity);
    }

    public AssociationRequest withUserIdentity(UserIdentityRq identity) {
        return new AssociationRequest(calledAeTitle, host, port, contexts, maxPduLength, asyncOpsWindow,
                roleSelections, identity);
    }

    public String calledAeTitle() {
        return calledAeTitle;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public List<Context> contexts() {
        return contexts;
    }

    public int maxPduLength() {
        return maxPduLength;
    }

    /** {@code null} if not proposed. */
    public AsyncOpsWindow asyncOpsWindow() {
        return asyncOpsWindow;
    }

    public List<RoleSelection> roleSelections() {
        return roleSelections;
    }

    /** {@code null} if not proposed. */
    public UserIdentityRq userIdentity() {
        return userIdentity;
    }
}
