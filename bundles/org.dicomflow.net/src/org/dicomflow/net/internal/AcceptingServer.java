package org.dicomflow.net.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.dicomflow.net.AssociationEvent;
import org.dicomflow.net.AssociationListener;
import org.dicomflow.net.DicomServer;
import org.dicomflow.net.ServerConfig;
import org.dicomflow.net.pdu.AAssociateRj;
import org.dicomflow.net.pdu.AAssociateRq;

/**
 * Accept loop of a {@link DicomServer}: one thread accepting, one reader thread per connection, one
 * thread (per server, started on demand) telling the listeners.
 * <p>
 * Resource bounds: connections that have not sent their A-ASSOCIATE-RQ yet are capped at
 * {@link ServerConfig#maxPendingConnections()} (a new one evicts the oldest) and get
 * {@link ServerConfig#requestTimeout()}; an association counts against
 * {@link ServerConfig#maxAssociations()} only once its A-ASSOCIATE-RQ is accepted; beyond a hard
 * cap on open sockets, new connections are closed at once, before any thread or buffer exists for
 * them; buffered DIMSE messages of all associations share one {@link MemoryBudget}.
 * <p>
 * {@link #reconfigure} swaps the configuration in force; each connection keeps the one it was accepted
 * under (its timeouts, handlers, PDU length and AE title policy must agree with each other for its whole life).
 */
public final class AcceptingServer implements DicomServer, UpperLayerAssociation.Observer {
    private static final System.Logger LOG = System.getLogger("org.dicomflow.net");
    private static final long MAX_BACKOFF_MILLIS = 1000;

    private final ServerSocket serverSocket;
    /** {@code null} for plain TCP. */
    /** Replaced by {@link #reloadTls()}; each accepted connection takes the one current then. */
    private volatile javax.net.ssl.SSLContext tlsContext;
    private final String aeTitle;
    /** What the server was started with: fixes the socket, TLS and memory budget for its whole life. */
    private final ServerConfig started;
    private final MemoryBudget budget;
    /** Replaced as a whole by {@link #reconfigure}; read once per decision. */
    private volatile InForce inForce;
    /** Associations whose A-ASSOCIATE-RQ we accepted, counted against the limit. */
    private final Set<UpperLayerAssociation> counted = ConcurrentHashMap.newKeySet();
    private final Set<UpperLayerAssociation> all = ConcurrentHashMap.newKeySet();
    private final Object admitLock = new Object();
    /** Listener calls in order, never on the timer or reader threads; the thread ends when idle. */
    private final ThreadPoolExecutor events;
    private final CountDownLatch acceptLoopDone = new CountDownLatch(1);
    private volatile boolean closed;

    private AcceptingServer(ServerSocket serverSocket, javax.net.ssl.SSLContext tlsContext, String aeTitle,
            ServerConfig config) {
        this.serverSocket = serverSocket;
        this.tlsContext = tlsContext;
        this.aeTitle = aeTitle;
        this.started = config;
        this.budget = new MemoryBudget(config.memoryBudget() > 0 ? config.memoryBudget()
                : Math.max(16L << 20, Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4)));
        this.inForce = inForce(config);
        String name = "dicom-events-" + aeTitle + "-" + serverSocket.getLocalPort();
        this.events = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A configuration with what follows from it, so that one connection sees one consistent configuration.
     *
     * @param socketCap associations, bare connections, and as many again being rejected or closing
     */
    private record InForce(ServerConfig config, UpperLayerAssociation.AcceptorSide acceptorSide, int socketCap) {
    }

    /** @throws IllegalArgumentException an allowed caller's host does not resolve */
    private InForce inForce(ServerConfig config) {
        java.util.Set<String> storage = new java.util.HashSet<>();
        config.handlers().forEach((cuid, handler) -> {
            if (handler instanceof StorageService) {
                storage.add(cuid);
            }
        });
        AcceptorPolicy policy = new AcceptorPolicy(aeTitle, config.allowedCallingAeTitles(),
                config.handlers().keySet(), ServerConfig.SUPPORTED_TRANSFER_SYNTAXES, storage, config.maxPduLength());
        UpperLayerAssociation.AcceptorSide side = new UpperLayerAssociation.AcceptorSide(policy,
                config.requestTimeout().toMillis(), budget, this);
        return new InForce(config, side, config.maxAssociations() + 2 * config.maxPendingConnections());
    }

    public static AcceptingServer start(String aeTitle, ServerConfig config) throws IOException {
        // key and trust files are read once, before listening: a bad file fails here, not per connection
        javax.net.ssl.SSLContext tls = config.tls() == null ? null : TlsContexts.create(config.tls());
        if (tls != null) {
            TlsContexts.parameters(tls, config.tls(), false); // fails on versions or suites the JDK lacks
        }
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), 50);
        } catch (IOException e) {
            ss.close();
            throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        AcceptingServer server;
        try {
            server = new AcceptingServer(ss, tls, aeTitle, config);
        } catch (RuntimeException e) { // an allowed caller's host that does not resolve: do not keep the port
            ss.close();
            throw e;
        }
        Thread t = new Thread(server::acceptLoop, "dicom-accept-" + aeTitle + "-" + ss.getLocalPort());
        t.setDaemon(true);
        t.start();
        return server;
    }

    /** Never ends but by {@link #close()}: whatever one connection costs, the next is still accepted. */
    private void acceptLoop() {
        long backoff = 0;
        try {
            while (!closed) {
                Socket socket = null;
                try {
                    socket = serverSocket.accept();
                    backoff = 0;
                    serve(socket);
                } catch (Throwable t) { // even OutOfMemoryError or "unable to create native thread"
                    if (socket != null) {
                        closeQuietly(socket);
                    }
                    if (closed) {
                        return;
                    }
                    backoff = backoff == 0 ? 10 : Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                    LOG.log(Level.WARNING, "DICOM server " + aeTitle + ":" + localPort() + " failed to accept a "
                            + "connection (" + t + "); retrying in " + backoff + " ms");
                    try {
                        Thread.sleep(backoff); // e.g. out of file descriptors: do not spin
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        } finally {
            acceptLoopDone.countDown();
        }
    }

    private void serve(Socket socket) throws IOException {
        if (closed) {
            closeQuietly(socket);
            return;
        }
        socket.setTcpNoDelay(true);
        InForce now = inForce;
        evictOldestBareConnectionIfFull(now.config().maxPendingConnections());
        if (openConnections() >= now.socketCap()) {
            // no thread, no buffer: the peer sees the connection closed and may retry later
            closeQuietly(socket);
            return;
        }
        // TLS: no handshake here, it runs on the connection's reader thread (a silent client must not stall accepting)
        Socket connection = tlsContext == null ? socket : TlsSocket.server(socket, tlsContext, started.tls());
        UpperLayerAssociation a = UpperLayerAssociation.accept(connection, now.acceptorSide(), now.config().timeouts(),
                now.config().maxPduLength(), now.config().handlers());
        all.add(a);
        if (a.ended().isDone()) {
            all.remove(a);
            return;
        }
        a.start();
    }

    /**
     * Connections that sent nothing yet are capped; the newest one wins, so silent connections
     * cannot lock real callers out: a real caller sends its A-ASSOCIATE-RQ at once and is never
     * the oldest for long.
     */
    private void evictOldestBareConnectionIfFull(int maxPendingConnections) {
        long bare = all.stream().filter(UpperLayerAssociation::awaitingRequest).count();
        if (bare >= maxPendingConnections) {
            all.stream().filter(UpperLayerAssociation::awaitingRequest)
                    .max(Comparator.comparing(UpperLayerAssociation::age))
                    .ifPresent(oldest -> oldest.abort("no A-ASSOCIATE-RQ yet, dropped for a newer connection ("
                            + maxPendingConnections + " connections without A-ASSOCIATE-RQ at most)"));
        }
    }

    @Override
    public boolean admit(UpperLayerAssociation a) {
        synchronized (admitLock) {
            if (closed || counted.size() >= inForce.config().maxAssociations()) {
                return false;
            }
            counted.add(a);
            return true;
        }
    }

    @Override
    public AAssociateRj callerRefusalNow(AAssociateRq rq, InetAddress peer) {
        return inForce.acceptorSide().policy().callerRefusal(rq, peer);
    }

    @Override
    public void opened(UpperLayerAssociation a) {
        AssociationEvent event = event(a, "");
        notifyListeners(l -> l.opened(event));
    }

    @Override
    public void ended(UpperLayerAssociation a, Ending ending) {
        AssociationEvent event = event(a, ending.reason());
        counted.remove(a); // first, so listeners see the count without this one
        switch (ending.kind()) {
            case RELEASED -> notifyListeners(l -> l.closed(event));
            case REJECTED -> notifyListeners(l -> l.rejected(event));
            case ABORTED -> notifyListeners(l -> l.aborted(event));
            default -> throw new AssertionError(ending.kind());
        }
        all.remove(a); // last, so awaitTermination finds this event queued
        if (all.isEmpty()) {
            synchronized (all) {
                all.notifyAll();
            }
        }
    }

    private static AssociationEvent event(UpperLayerAssociation a, String reason) {
        return new AssociationEvent(a.callingAeTitle(), a.calledAeTitle(), a.remoteAddress(), a.age(), reason);
    }

    private void notifyListeners(Consumer<AssociationListener> call) {
        java.util.List<AssociationListener> listeners = inForce.config().listeners();
        if (listeners.isEmpty()) {
            return;
        }
        events.execute(() -> {
            for (AssociationListener l : listeners) {
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    // an observer's bug must not take the server down
                    LOG.log(Level.WARNING, "association listener " + l.getClass().getName() + " failed", e);
                }
            }
        });
    }

    @Override
    public void reconfigure(ServerConfig config) {
        if (!config.bindAddress().equals(started.bindAddress())
                || config.port() != started.port() && config.port() != localPort()) {
            throw new IllegalArgumentException("cannot move a running server from " + started.bindAddress() + ":"
                    + localPort() + " to " + config.bindAddress() + ":" + config.port() + ": start a new one");
        }
        if (!java.util.Objects.equals(config.tls(), started.tls())) {
            throw new IllegalArgumentException("TLS settings are fixed when a server starts: start a new one");
        }
        if (config.memoryBudget() != started.memoryBudget()) {
            throw new IllegalArgumentException("the memory budget is fixed when a server starts: start a new one");
        }
        inForce = inForce(config); // resolves AET@host entries first: a failure leaves the server as it was
    }

    @Override
    public void reloadTls() throws IOException {
        if (started.tls() == null) {
            throw new IllegalStateException("this server does not speak TLS");
        }
        tlsContext = TlsContexts.create(started.tls());
    }

    @Override
    public int localPort() {
        return serverSocket.getLocalPort();
    }

    @Override
    public int activeAssociations() {
        return counted.size();
    }

    /** Open connections of any kind: associations, bare connections, rejected ones closing. */
    public int openConnections() {
        return (int) all.stream().filter(a -> !a.connectionClosed()).count();
    }

    public MemoryBudget memoryBudget() {
        return budget;
    }

    @Override
    public void close() {
        synchronized (admitLock) {
            closed = true;
        }
        closeQuietly(serverSocket);
        for (UpperLayerAssociation a : all) {
            try {
                a.shutdown("server shutting down");
            } catch (RuntimeException e) {
                // one association's trouble must not keep the others open
                LOG.log(Level.WARNING, "closing an association failed", e);
            }
        }
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!acceptLoopDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        synchronized (all) {
            while (!all.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(all, left);
            }
        }
        // listener calls queued before this point have been made once this marker runs
        CountDownLatch delivered = new CountDownLatch(1);
        events.execute(delivered::countDown);
        return delivered.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing on the way out; nothing to report
        }
    }
}
