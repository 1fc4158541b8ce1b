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
    private final TlsSettings tls;

    private AssociationRequest(String calledAeTitle, String host, int port, List<Context> contexts, int maxPduLength,
            AsyncOpsWindow asyncOpsWindow, List<RoleSelection> roleSelections, UserIdentityRq userIdentity,
            TlsSettings tls) {
        this.calledAeTitle = calledAeTitle;
        this.host = host;
        this.port = port;
        this.contexts = List.copyOf(contexts);
        this.maxPduLength = maxPduLength;
        this.asyncOpsWindow = asyncOpsWindow;
        this.roleSelections = List.copyOf(roleSelections);
        this.userIdentity = userIdentity;
        this.tls = tls;
    }

    /** A request to {@code calledAeTitle} at {@code host:port} with no contexts yet. */
    public static AssociationRequest to(String calledAeTitle, String host, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        return new AssociationRequest(AeTitle.normalize(calledAeTitle), Objects.requireNonNull(host, "host"), port,
                List.of(), Implementation.DEFAULT_MAX_PDU_LENGTH, null, List.of(), null, null);
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
                userIdentity, tls);
    }

    /**
     * Proposes what sending {@code files} needs: for each distinct (SOP class, file syntax) a context
     * with just that syntax, so a peer with its own preferences cannot pick another one and each file
     * goes out as it is; and for each SOP class with native files one more with Explicit and Implicit
     * VR LE, to convert to if the peer refuses a file's own syntax. Beyond PS3.8's 128 contexts, one
     * context per SOP class with all its syntaxes (the peer picks one; other files are converted or fail).
     *
     * @throws IllegalArgumentException more than 128 SOP classes (send in several associations)
     */
    public AssociationRequest withContextsFor(java.util.Collection<DicomFile> files) {
        java.util.Map<String, java.util.LinkedHashSet<String>> syntaxesByClass = new java.util.LinkedHashMap<>();
        for (DicomFile f : files) {
            syntaxesByClass.computeIfAbsent(f.sopClassUid(), k -> new java.util.LinkedHashSet<>())
                    .add(f.transferSyntaxUid());
        }
        List<Context> wanted = new ArrayList<>();
        for (var e : syntaxesByClass.entrySet()) {
            for (String ts : e.getValue()) {
                wanted.add(new Context(e.getKey(), List.of(ts)));
            }
            List<String> fallback = withNativeFallbacks(List.of());
            if (hasNative(e.getValue()) && !e.getValue().equals(new java.util.LinkedHashSet<>(fallback))) {
                wanted.add(new Context(e.getKey(), fallback));
            }
        }
        if (contexts.size() + wanted.size() > 128) {
            wanted.clear();
            for (var e : syntaxesByClass.entrySet()) {
                List<String> all = hasNative(e.getValue()) ? withNativeFallbacks(List.copyOf(e.getValue()))
                        : List.copyOf(e.getValue());
                wanted.add(new Context(e.getKey(), all));
            }
        }
        if (contexts.size() + wanted.size() > 128) {
            throw new IllegalArgumentException(syntaxesByClass.size() + " SOP classes need more than the 128"
                    + " presentation contexts PS3.8 allows on one association");
        }
        List<Context> more = new ArrayList<>(contexts);
        more.addAll(wanted);
        return new AssociationRequest(calledAeTitle, host, port, more, maxPduLength, asyncOpsWindow, roleSelections,
                userIdentity, tls);
    }

    private static boolean hasNative(java.util.Collection<String> syntaxes) {
        return syntaxes.stream().anyMatch(ts -> org.dicomflow.dicom.TransferSyntax.of(ts).isNative());
    }

    /** The syntaxes, then Explicit and Implicit VR LE (what native data can be converted to). */
    private static List<String> withNativeFallbacks(List<String> syntaxes) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(syntaxes);
        all.addAll(DEFAULT_TRANSFER_SYNTAXES);
        return List.copyOf(all);
    }

    /** Our maximum receive PDU length announced to the peer; 0 means unlimited. */
    public AssociationRequest withMaxPduLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("max PDU length must not be negative");
        }
        return new AssociationRequest(calledAeTitle, host, port, contexts, length, asyncOpsWindow, roleSelections,
                userIdentity, tls);
    }

    /**
     * Proposes an asynchronous operations window (PS3.7 D.3.3.3): {@code maxInvoked} requests of ours outstanding
     * at once (pipelined C-STOREs, see {@link Association#storeAsync}), {@code maxPerformed} requests of the peer
     * we serve at once (C-GET sub-operations; we serve them one by one, so 1). 0 means unlimited. The acceptor
     * may answer with less, or not at all (dcmtk, Orthanc), which means 1 and 1; we keep at most 128 outstanding
     * whatever was agreed.
     */
    public AssociationRequest withAsyncOpsWindow(int maxInvoked, int maxPerformed) {
        if (maxInvoked < 0 || maxInvoked > 0xFFFF || maxPerformed < 0 || maxPerformed > 0xFFFF) {
            throw new IllegalArgumentException("window limits are 0 (unlimited) to 65535");
        }
        return new AssociationRequest(calledAeTitle, host, port, contexts, maxPduLength,
                new AsyncOpsWindow(maxInvoked, maxPerformed), roleSelections, userIdentity, tls);
    }

    public AssociationRequest withRole(String sopClassUid, boolean scu, boolean scp) {
        List<RoleSelection> more = new ArrayList<>(roleSelections);
        more.add(new RoleSelection(sopClassUid, scu, scp));
        return new AssociationRequest(calledAeTitle, host, port, contexts, maxPduLength, asyncOpsWindow, more,
                userIdentity, tls);
    }

    /**
     * Prepares receiving C-STORE sub-operations on this association (C-GET): for each SOP class one context
     * with {@code transferSyntaxes} (Explicit then Implicit VR LE if none named; the peer converts other
     * data, or counts the sub-operation as failed: the peer picks one of {@code transferSyntaxes} per class,
     * so to take compressed data as well use {@link #withStorageScpRole(java.util.Map)}) and an SCP/SCU Role
     * Selection proposing us as SCP of it (SCU role not proposed). {@link StorageSopClasses#RETRIEVE} is a broad set that leaves room for the
     * query/retrieve contexts. Connect with
     * {@link ApplicationEntity#connect(AssociationRequest, Timeouts, StorageHandler)} to serve them.
     *
     * @throws IllegalArgumentException more than PS3.8's 128 contexts in all
     */
    public AssociationRequest withStorageScpRole(java.util.Collection<String> sopClasses,
            String... transferSyntaxes) {
        java.util.LinkedHashSet<String> distinct = new java.util.LinkedHashSet<>(sopClasses);
        if (contexts.size() + distinct.size() > 128) {
            throw new IllegalArgumentException(distinct.size() + " storage SOP classes and " + contexts.size()
                    + " other contexts are more than the 128 presentation contexts PS3.8 allows");
        }
        List<String> syntaxes = transferSyntaxes.length == 0 ? DEFAULT_TRANSFER_SYNTAXES : List.of(transferSyntaxes);
        List<Context> more = new ArrayList<>(contexts);
        List<RoleSelection> roles = new ArrayList<>(roleSelections);
        for (String cuid : distinct) {
            more.add(new Context(cuid, syntaxes));
            roles.removeIf(r -> r.sopClassUid().equals(cuid));
            roles.add(new RoleSelection(cuid, false, true));
        }
        return new AssociationRequest(calledAeTitle, host, port, more, maxPduLength, asyncOpsWindow, roles,
                userIdentity, tls);
    }

    /**
     * Prepares receiving C-STORE sub-operations (C-GET) in the transfer syntaxes given for each storage SOP
     * class, compressed ones included. The peer accepts one syntax per presentation context and sends
     * encapsulated or deflated data only in its own syntax, so each (class, syntax) gets a context of its own:
     * the peer can send every instance as it holds it when we take that syntax, and converts native data to
     * another native syntax we take otherwise. A class without syntaxes gets Explicit and Implicit VR LE. Each
     * class also gets an SCP/SCU Role Selection proposing us as its SCP. Connect with
     * {@link ApplicationEntity#connect(AssociationRequest, Timeouts, StorageHandler)} to serve them.
     *
     * @param transferSyntaxesByClass storage SOP class UID -> the transfer syntaxes we take it in
     * @throws IllegalArgumentException more than PS3.8's 128 contexts in all
     */
    public AssociationRequest withStorageScpRole(
            java.util.Map<String, ? extends java.util.Collection<String>> transferSyntaxesByClass) {
        List<Context> more = new ArrayList<>(contexts);
        List<RoleSelection> roles = new ArrayList<>(roleSelections);
        for (var e : transferSyntaxesByClass.entrySet()) {
            String cuid = e.getKey();
            java.util.Collection<String> syntaxes = e.getValue().isEmpty() ? DEFAULT_TRANSFER_SYNTAXES
                    : new java.util.LinkedHashSet<>(e.getValue());
            for (String ts : syntaxes) {
                more.add(new Context(cuid, List.of(ts)));
            }
            roles.removeIf(r -> r.sopClassUid().equals(cuid));
            roles.add(new RoleSelection(cuid, false, true));
        }
        if (more.size() > 128) {
            throw new IllegalArgumentException(transferSyntaxesByClass.size() + " storage SOP classes with their"
                    + " transfer syntaxes and " + contexts.size() + " other contexts need " + more.size()
                    + " presentation contexts; PS3.8 allows 128");
        }
        return new AssociationRequest(calledAeTitle, host, port, more, maxPduLength, asyncOpsWindow, roles,
                userIdentity, tls);
    }

    public AssociationRequest withUserIdentity(UserIdentityRq identity) {
        return new AssociationRequest(calledAeTitle, host, port, contexts, maxPduLength, asyncOpsWindow,
                roleSelections, identity, tls);
    }

    /**
     * Connects over TLS: the handshake runs after the TCP connect and before the A-ASSOCIATE-RQ, bounded by the
     * ARTIM timeout; a failed one is an {@link javax.net.ssl.SSLHandshakeException} saying why (e.g. "TLS
     * handshake with host:port failed: certificate not trusted: ..."). {@code null} means plain TCP.
     */
    public AssociationRequest withTls(TlsSettings settings) {
        return new AssociationRequest(calledAeTitle, host, port, contexts, maxPduLength, asyncOpsWindow,
                roleSelections, userIdentity, settings);
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

    /** {@code null} for plain TCP. */
    public TlsSettings tls() {
        return tls;
    }
}
