package org.dicomflow.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import org.dicomflow.dicom.UID;
import org.dicomflow.net.internal.AcceptingServer;
import org.dicomflow.net.internal.TlsSocket;
import org.dicomflow.net.internal.UpperLayerAssociation;
import org.dicomflow.net.pdu.AAssociateRq;
import org.dicomflow.net.pdu.PresentationContextProposal;
import org.dicomflow.net.pdu.UserInformation;

/**
 * Our side of DICOM networking, named by its AE title: the calling AE when it
 * {@link #connect connects}, the called AE when it {@link #listen listens}.
 */
public final class ApplicationEntity {
    private final String aeTitle;

    /** @throws IllegalArgumentException with {@link AeTitle#validate}'s message if the title is invalid */
    public ApplicationEntity(String aeTitle) {
        this.aeTitle = AeTitle.normalize(aeTitle);
    }

    public String aeTitle() {
        return aeTitle;
    }

    /**
     * Connects and negotiates an association as SCU. Fails with {@link ConnectException} (refused, or
     * connect timeout), {@link SocketTimeoutException} (no answer within the ARTIM timeout),
     * {@link AssociationRejectedException}, or {@link AssociationAbortedException}; with
     * {@link AssociationRequest#withTls TLS} also {@link javax.net.ssl.SSLHandshakeException} (handshake refused,
     * certificate not trusted, no common version).
     */
    public Association connect(AssociationRequest request, Timeouts timeouts) throws IOException {
        return connect(request, timeouts, java.util.Map.of());
    }

    /**
     * Connects as above, and serves the C-STORE-RQs the peer sends on this association (the sub-operations of
     * a {@link Association#get C-GET}) with {@code storage}: for every SOP class the request proposes the SCP
     * role for ({@link AssociationRequest#withStorageScpRole}), data sets stream to {@code storage}'s
     * {@link StoreTarget}s on the association's reader thread and each is answered with a C-STORE-RSP once
     * committed, as on a {@link ServerConfig#withStorage storage SCP}.
     */
    public Association connect(AssociationRequest request, Timeouts timeouts, StorageHandler storage)
            throws IOException {
        java.util.Objects.requireNonNull(storage, "storage");
        java.util.Map<String, org.dicomflow.net.DimseHandler> handlers = new java.util.HashMap<>();
        org.dicomflow.net.internal.StorageService service = new org.dicomflow.net.internal.StorageService(storage);
        for (var role : request.roleSelections()) {
            if (role.scp()) {
                handlers.put(role.sopClassUid(), service);
            }
        }
        if (handlers.isEmpty()) {
            throw new IllegalArgumentException("the request proposes the SCP role for no SOP class"
                    + " (AssociationRequest.withStorageScpRole): no C-STORE could arrive");
        }
        return connect(request, timeouts, handlers);
    }

    private Association connect(AssociationRequest request, Timeouts timeouts,
            java.util.Map<String, org.dicomflow.net.DimseHandler> handlers) throws IOException {
        if (request.contexts().isEmpty()) {
            throw new IllegalArgumentException("propose at least one presentation context");
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(request.host(), request.port()), (int) timeouts.connect().toMillis());
        } catch (SocketTimeoutException e) {
            socket.close();
            // a ConnectException, not a timeout of the peer: no association was ever attempted
            ConnectException noConnection = new ConnectException("no TCP connection to " + request.host() + ":"
                    + request.port() + " within " + timeouts.connect().toMillis() + " ms (connect timeout)");
            noConnection.initCause(e);
            throw noConnection;
        } catch (ConnectException e) {
            socket.close();
            String why = e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("refused")
                    ? "connection refused by " : "cannot connect (" + e.getMessage() + ") to ";
            ConnectException refused = new ConnectException(why + request.host() + ":" + request.port());
            refused.initCause(e);
            throw refused;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        Socket connection = socket;
        if (request.tls() != null) {
            // before the A-ASSOCIATE-RQ, bounded like the wait for its answer; closes the socket on failure
            connection = TlsSocket.client(socket, request.host(), request.port(), request.tls(),
                    timeouts.artim().toMillis());
        }
        return UpperLayerAssociation.request(connection, associateRq(request), timeouts, handlers);
    }

    private AAssociateRq associateRq(AssociationRequest request) {
        List<PresentationContextProposal> proposals = new ArrayList<>();
        int id = 1;
        for (AssociationRequest.Context c : request.contexts()) {
            proposals.add(new PresentationContextProposal(id, c.abstractSyntax(), c.transferSyntaxes()));
            id += 2;
        }
        UserInformation ui = new UserInformation(request.maxPduLength(), Implementation.CLASS_UID,
                Implementation.VERSION_NAME, request.asyncOpsWindow(), request.roleSelections(),
                request.userIdentity(), null);
        return new AAssociateRq(1, request.calledAeTitle(), aeTitle, UID.DICOMApplicationContext, proposals, ui);
    }

    /** Starts an SCP answering to this AE title. */
    public DicomServer listen(ServerConfig config) throws IOException {
        return AcceptingServer.start(aeTitle, config);
    }
}
