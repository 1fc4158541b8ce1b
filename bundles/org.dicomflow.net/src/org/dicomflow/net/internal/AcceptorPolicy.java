package org.dicomflow.net.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dicomflow.dicom.UID;
import org.dicomflow.net.Implementation;
import org.dicomflow.net.pdu.AAssociateAc;
import org.dicomflow.net.pdu.AAssociateRj;
import org.dicomflow.net.pdu.AAssociateRq;
import org.dicomflow.net.pdu.ContextResult;
import org.dicomflow.net.pdu.Pdu;
import org.dicomflow.net.pdu.PresentationContextProposal;
import org.dicomflow.net.pdu.PresentationContextReply;
import org.dicomflow.net.pdu.UserInformation;
import org.dicomflow.net.pdu.UserInformation.AsyncOpsWindow;
import org.dicomflow.net.pdu.UserInformation.RoleSelection;

/**
 * SCP-side decision on an A-ASSOCIATE-RQ: reject the association (AE titles, load, application
 * context) or accept it with a result per presentation context.
 */
public final class AcceptorPolicy {
    /** Requests a requestor may have outstanding on one of our associations (see {@link #windowAnswer}). */
    static final int MAX_INVOKED_BY_REQUESTOR = 16;

    private final String calledAeTitle;
    /** Calling AE title -> the addresses it may call from (empty: any); an empty map lets anyone in. */
    private final java.util.Map<String, Set<java.net.InetAddress>> allowedCallers;
    private final Set<String> abstractSyntaxes;
    private final Set<String> transferSyntaxes;
    private final Set<String> anySyntaxAbstractSyntaxes;
    private final long maxPduLength;

    /** @param allowedCallingAeTitles "AET" or "AET@host"; empty = anyone */
    public AcceptorPolicy(String calledAeTitle, Set<String> allowedCallingAeTitles, Set<String> abstractSyntaxes,
            Set<String> transferSyntaxes, long maxPduLength) {
        this(calledAeTitle, allowedCallingAeTitles, abstractSyntaxes, transferSyntaxes, Set.of(), maxPduLength);
    }

    /**
     * @param anySyntaxAbstractSyntaxes services that take every transfer syntax (storage: the bytes are
     *        stored as received), in the requestor's order of preference
     */
    public AcceptorPolicy(String calledAeTitle, Set<String> allowedCallingAeTitles, Set<String> abstractSyntaxes,
            Set<String> transferSyntaxes, Set<String> anySyntaxAbstractSyntaxes, long maxPduLength) {
        this.anySyntaxAbstractSyntaxes = Set.copyOf(anySyntaxAbstractSyntaxes);
        this.calledAeTitle = calledAeTitle;
        this.allowedCallers = callers(allowedCallingAeTitles);
        this.abstractSyntaxes = Set.copyOf(abstractSyntaxes);
        this.transferSyntaxes = Set.copyOf(transferSyntaxes);
        this.maxPduLength = maxPduLength;
    }

    /** As {@link #answer(AAssociateRq, boolean, java.net.InetAddress)} for a caller whose address is not checked. */
    public Pdu answer(AAssociateRq rq, boolean overLimit) {
        return answer(rq, overLimit, null);
    }

    /**
     * Either an {@link AAssociateRj} or an {@link AAssociateAc}; {@code peer} is where the connection comes from
     * (checked against entries {@code AET@host}).
     */
    public Pdu answer(AAssociateRq rq, boolean overLimit, java.net.InetAddress peer) {
        if ((rq.protocolVersion() & 1) == 0) {
            // PS3.8 9.3.2: bit 0 must be set; other bits are for future versions and must be ignored
            return new AAssociateRj(AAssociateRj.RESULT_PERMANENT, AAssociateRj.SOURCE_SERVICE_PROVIDER_ACSE,
                    AAssociateRj.REASON_PROTOCOL_VERSION_NOT_SUPPORTED);
        }
        if (!UID.DICOMApplicationContext.equals(rq.applicationContext())) {
            return new AAssociateRj(AAssociateRj.RESULT_PERMANENT, AAssociateRj.SOURCE_SERVICE_USER,
                    AAssociateRj.REASON_APPLICATION_CONTEXT_NOT_SUPPORTED);
        }
        if (!calledAeTitle.equals(rq.calledAeTitle())) {
            return new AAssociateRj(AAssociateRj.RESULT_PERMANENT, AAssociateRj.SOURCE_SERVICE_USER,
                    AAssociateRj.REASON_CALLED_AE_TITLE_NOT_RECOGNIZED);
        }
        AAssociateRj refusal = callerRefusal(rq, peer);
        if (refusal != null) {
            return refusal;
        }
        if (overLimit) {
            return new AAssociateRj(AAssociateRj.RESULT_TRANSIENT, AAssociateRj.SOURCE_SERVICE_PROVIDER_PRESENTATION,
                    AAssociateRj.REASON_LOCAL_LIMIT_EXCEEDED);
        }
        List<PresentationContextReply> replies = new ArrayList<>();
        Set<String> acceptedAbstractSyntaxes = new HashSet<>();
        Set<Integer> seenIds = new HashSet<>();
        for (PresentationContextProposal pc : rq.presentationContexts()) {
            PresentationContextReply reply = answer(pc, seenIds.add(pc.id()));
            if (reply.accepted()) {
                acceptedAbstractSyntaxes.add(pc.abstractSyntax());
            }
            replies.add(reply);
        }
        return new AAssociateAc(1, rq.calledAeTitle(), rq.callingAeTitle(), rq.applicationContext(), replies,
                userInformation(rq.userInformation(), acceptedAbstractSyntaxes));
    }

    /**
     * The rejection {@link #answer} would give for the calling AE title of {@code rq} coming from {@code peer}, or
     * null when this policy admits that caller.
     */
    public AAssociateRj callerRefusal(AAssociateRq rq, java.net.InetAddress peer) {
        return allowedCallers.isEmpty() || isAllowed(rq.callingAeTitle(), peer) ? null
                : new AAssociateRj(AAssociateRj.RESULT_PERMANENT, AAssociateRj.SOURCE_SERVICE_USER,
                        AAssociateRj.REASON_CALLING_AE_TITLE_NOT_RECOGNIZED);
    }

    private boolean isAllowed(String callingAeTitle, java.net.InetAddress peer) {
        Set<java.net.InetAddress> hosts = allowedCallers.get(callingAeTitle);
        return hosts != null && (hosts.isEmpty() || peer != null && hosts.contains(peer));
    }

    /**
     * Parses "AET" and "AET@host" entries; host names are resolved now, once.
     *
     * @throws IllegalArgumentException a host that does not resolve
     */
    private static java.util.Map<String, Set<java.net.InetAddress>> callers(Set<String> entries) {
        java.util.Map<String, Set<java.net.InetAddress>> fromHosts = new java.util.HashMap<>();
        Set<String> fromAnywhere = new HashSet<>();
        for (String e : entries) {
            int at = e.indexOf('@');
            if (at < 0) {
                fromAnywhere.add(e);
                continue;
            }
            String host = e.substring(at + 1);
            try {
                fromHosts.computeIfAbsent(e.substring(0, at), k -> new HashSet<>())
                        .addAll(java.util.List.of(java.net.InetAddress.getAllByName(host)));
            } catch (java.net.UnknownHostException ex) {
                throw new IllegalArgumentException("allowed caller " + e + ": unknown host " + host);
            }
        }
        java.util.Map<String, Set<java.net.InetAddress>> callers = new java.util.HashMap<>();
        fromHosts.forEach((aet, hosts) -> callers.put(aet, Set.copyOf(hosts)));
        fromAnywhere.forEach(aet -> callers.put(aet, Set.of())); // "AET" alone: from any host
        return java.util.Map.copyOf(callers);
    }

    private PresentationContextReply answer(PresentationContextProposal pc, boolean firstWithThisId) {
        if (!firstWithThisId || pc.id() % 2 == 0) {
            // PS3.8 9.3.2.2: IDs are odd and unique; we cannot answer a second context with the same ID sensibly
            return new PresentationContextReply(pc.id(), ContextResult.NO_REASON.code(), UID.ImplicitVRLittleEndian);
        }
        if (!abstractSyntaxes.contains(pc.abstractSyntax())) {
            return new PresentationContextReply(pc.id(), ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED.code(),
                    UID.ImplicitVRLittleEndian);
        }
        // the requestor lists transfer syntaxes in its order of preference: take the first we support
        for (String ts : pc.transferSyntaxes()) {
            if (transferSyntaxes.contains(ts)
                    || anySyntaxAbstractSyntaxes.contains(pc.abstractSyntax()) && UID.isValid(ts)) {
                return new PresentationContextReply(pc.id(), ContextResult.ACCEPTANCE.code(), ts);
            }
        }
        return new PresentationContextReply(pc.id(), ContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED.code(),
                UID.ImplicitVRLittleEndian);
    }

    /**
     * Our user information: max PDU length; roles accepted as requested for SOP classes we accepted
     * (others get no answer, which means the default roles); the async window answered only if proposed
     * ({@link #windowAnswer}). A user identity is parsed but not
     * verified: even if a positive response is requested we send none, which PS3.7 D.3.3.7 lets an
     * acceptor do, and the requestor decides whether to go on. Authentication is a later issue.
     */
    private UserInformation userInformation(UserInformation rq, Set<String> accepted) {
        List<RoleSelection> roles = new ArrayList<>();
        for (RoleSelection role : rq.roleSelections()) {
            if (accepted.contains(role.sopClassUid())) {
                roles.add(role);
            }
        }
        return new UserInformation(maxPduLength, Implementation.CLASS_UID, Implementation.VERSION_NAME,
                windowAnswer(rq.asyncOpsWindow()), roles, null, null);
    }

    /**
     * Both numbers of the answer limit the requestor (PS3.7 D.3.3.3), each at most what it proposed (0 there
     * is unlimited): it may invoke up to {@link #MAX_INVOKED_BY_REQUESTOR} operations at once, which wait in
     * the connection until the reader comes to them (we perform them one by one, in order, and answer in
     * that order), and it performs one at a time of those we invoke (C-GET sub-operations, sent one by one).
     */
    static AsyncOpsWindow windowAnswer(AsyncOpsWindow proposed) {
        if (proposed == null) {
            return null; // not proposed, so not answered: 1 and 1
        }
        int invoked = proposed.maxOperationsInvoked();
        return new AsyncOpsWindow(invoked == 0 ? MAX_INVOKED_BY_REQUESTOR
                : Math.min(invoked, MAX_INVOKED_BY_REQUESTOR), 1);
    }
}
