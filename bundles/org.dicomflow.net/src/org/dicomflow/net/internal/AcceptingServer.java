package org.dicomflow.net.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.dicomflow.net.AssociationEvent;
import org.dicomflow.net.AssociationListener;
import org.dicomflow.net.DicomServer;
import org.dicomflow.net.ServerConfig;

/** Accept loop of a {@link DicomServer}: one thread accepting, one reader thread per association. */
public final class AcceptingServer implements DicomServer, UpperLayerAssociation.Observer {
    private final ServerSocket serverSocket;
    private final ServerConfig config;
    private final AcceptorPolicy policy;
    /** Associations counted against the limit (not the ones we are about to reject for load). */
    private final Set<UpperLayerAssociation> counted = ConcurrentHashMap.newKeySet();
    private final Set<UpperLayerAssociation> all = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private AcceptingServer(ServerSocket serverSocket, String aeTitle, ServerConfig config) {
        this.serverSocket = serverSocket;
        this.config = config;
        this.policy = new AcceptorPolicy(aeTitle, config.allowedCallingAeTitles(), config.handlers().keySet(),
                ServerConfig.SUPPORTED_TRANSFER_SYNTAXES, config.maxPduLength());
    }

    public static AcceptingServer start(String aeTitle, ServerConfig config) throws IOException {
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), 50);
        } catch (IOException e) {
            ss.close();
            throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        AcceptingServer server = new AcceptingServer(ss, aeTitle, config);
        Thread t = new Thread(server::acceptLoop, "dicom-accept-" + aeTitle + "-" + ss.getLocalPort());
        t.setDaemon(true);
        t.start();
        return server;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // e.g. too many open files: keep serving the others
            }
            try {
                socket.setTcpNoDelay(true);
                // only the accept thread adds to `counted`, so check-then-add cannot overshoot
                boolean overLimit = counted.size() >= config.maxAssociations();
                UpperLayerAssociation a = UpperLayerAssociation.accept(socket, policy, overLimit, config.timeouts(),
                        config.maxPduLength(), config.handlers(), this);
                all.add(a);
                if (!overLimit) {
                    counted.add(a);
                }
                if (a.ended().isDone()) {
                    all.remove(a);
                    counted.remove(a);
                }
            } catch (IOException | RuntimeException e) {
                closeQuietly(socket);
            }
        }
    }

    @Override
    public void opened(UpperLayerAssociation a) {
        notifyListeners(l -> l.opened(event(a, "")));
    }

    @Override
    public void ended(UpperLayerAssociation a, Ending ending) {
        all.remove(a);
        counted.remove(a);
        AssociationEvent event = event(a, ending.reason());
        switch (ending.kind()) {
            case RELEASED -> notifyListeners(l -> l.closed(event));
            case REJECTED -> notifyListeners(l -> l.rejected(event));
            case ABORTED -> notifyListeners(l -> l.aborted(event));
            default -> throw new AssertionError(ending.kind());
        }
    }

    private static AssociationEvent event(UpperLayerAssociation a, String reason) {
        return new AssociationEvent(a.callingAeTitle(), a.calledAeTitle(), a.remoteAddress(), a.age(), reason);
    }

    private void notifyListeners(Consumer<AssociationListener> call) {
        for (AssociationListener l : config.listeners()) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                // an observer's bug must not take the server down
            }
        }
    }

    @Override
    public int localPort() {
        return serverSocket.getLocalPort();
    }

    @Override
    public int activeAssociations() {
        return counted.size();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        for (UpperLayerAssociation a : all) {
            a.abort("server shutting down");
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing on the way out; nothing to report
        }
    }

}
