package org.dicomflow.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.dicomflow.dicom.UID;

/**
 * How a {@link DicomServer} listens and whom it serves. Immutable; each {@code with...} returns a
 * new configuration. The Verification SCP is registered by default.
 */
public final class ServerConfig {
    /** Transfer syntaxes we accept for now, in no particular preference. */
    public static final Set<String> SUPPORTED_TRANSFER_SYNTAXES =
            Set.of(UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian);

    private String bindAddress;
    private int port;
    private Set<String> allowedCallingAeTitles;
    private int maxAssociations;
    private int maxPendingConnections;
    private Duration requestTimeout;
    private long memoryBudget;
    private Timeouts timeouts;
    private int maxPduLength;
    private Map<String, DimseHandler> handlers;
    private List<AssociationListener> listeners;
    private TlsSettings tls;

    private ServerConfig() {
    }

    /** Fields are only set on a fresh copy before it is returned: instances are never changed. */
    private ServerConfig copy() {
        ServerConfig c = new ServerConfig();
        c.bindAddress = bindAddress;
        c.port = port;
        c.allowedCallingAeTitles = allowedCallingAeTitles;
        c.maxAssociations = maxAssociations;
        c.maxPendingConnections = maxPendingConnections;
        c.requestTimeout = requestTimeout;
        c.memoryBudget = memoryBudget;
        c.timeouts = timeouts;
        c.maxPduLength = maxPduLength;
        c.handlers = handlers;
        c.listeners = listeners;
        c.tls = tls;
        return c;
    }

    /**
     * Listen on {@code bindAddress} ("0.0.0.0" for all interfaces) and {@code port} (0 picks a
     * free one) with defaults: any calling AE, 50 associations, 16 connections awaiting their
     * A-ASSOCIATE-RQ for at most 10 s, {@link Timeouts#DEFAULT}, an automatic memory budget.
     */
    public static ServerConfig bind(String bindAddress, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
        Map<String, DimseHandler> handlers = new LinkedHashMap<>();
        handlers.put(UID.Verification, VerificationScp.INSTANCE);
        ServerConfig c = new ServerConfig();
        c.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        c.port = port;
        c.allowedCallingAeTitles = Set.of();
        c.maxAssociations = 50;
        c.maxPendingConnections = 16;
        c.requestTimeout = Duration.ofSeconds(10);
        c.memoryBudget = 0;
        c.timeouts = Timeouts.DEFAULT;
        c.maxPduLength = Implementation.DEFAULT_MAX_PDU_LENGTH;
        c.handlers = Collections.unmodifiableMap(handlers);
        c.listeners = List.of();
        return c;
    }

    /**
     * Only these calling AE titles may associate; empty (the default) means anyone. An entry {@code AET@host}
     * also requires the connection to come from that host (a name is resolved when the server starts or is
     * {@linkplain DicomServer#reconfigure reconfigured}).
     */
    public ServerConfig withAllowedCallingAeTitles(Set<String> aeTitles) {
        Set<String> normalized = new java.util.HashSet<>();
        for (String ae : aeTitles) {
            int at = ae.indexOf('@');
            normalized.add(at < 0 ? AeTitle.normalize(ae)
                    : AeTitle.normalize(ae.substring(0, at)) + "@" + ae.substring(at + 1).strip());
        }
        ServerConfig c = copy();
        c.allowedCallingAeTitles = Set.copyOf(normalized);
        return c;
    }

    /**
     * Concurrent associations beyond this are rejected (transient, local limit exceeded). An
     * association counts from the acceptance of its A-ASSOCIATE-RQ until it ends.
     */
    public ServerConfig withMaxAssociations(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max associations must be at least 1");
        }
        ServerConfig c = copy();
        c.maxAssociations = max;
        return c;
    }

    /**
     * TCP connections that have not sent their A-ASSOCIATE-RQ yet, at most; a new one beyond this
     * closes the oldest, so silent connections cannot lock callers out.
     */
    public ServerConfig withMaxPendingConnections(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max pending connections must be at least 1");
        }
        ServerConfig c = copy();
        c.maxPendingConnections = max;
        return c;
    }

    /**
     * How long a new connection may take to send its A-ASSOCIATE-RQ (the acceptor's ARTIM in Sta2);
     * shorter than {@link Timeouts#artim()} by default because such connections cost a thread each.
     */
    public ServerConfig withRequestTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive: " + timeout);
        }
        ServerConfig c = copy();
        c.requestTimeout = timeout;
        return c;
    }

    /**
     * Bytes all associations together may hold in DIMSE messages being received; the association
     * that would exceed it is aborted. 0 (the default) means a quarter of the heap, between 16 and
     * 256 MiB.
     */
    public ServerConfig withMemoryBudget(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("memory budget must not be negative: " + bytes);
        }
        ServerConfig c = copy();
        c.memoryBudget = bytes;
        return c;
    }

    public ServerConfig withTimeouts(Timeouts t) {
        ServerConfig c = copy();
        c.timeouts = Objects.requireNonNull(t);
        return c;
    }

    /** Our maximum receive PDU length; 0 is not allowed on the SCP side (we always want a bound). */
    public ServerConfig withMaxPduLength(int length) {
        if (length < 1024) {
            throw new IllegalArgumentException("max PDU length " + length + " is below 1024");
        }
        ServerConfig c = copy();
        c.maxPduLength = length;
        return c;
    }

    /** Serves {@code sopClassUid}; replaces an earlier handler for it (also the built-in Verification SCP). */
    public ServerConfig withHandler(String sopClassUid, DimseHandler handler) {
        Map<String, DimseHandler> more = new LinkedHashMap<>(handlers);
        more.put(Objects.requireNonNull(sopClassUid), Objects.requireNonNull(handler));
        ServerConfig c = copy();
        c.handlers = Collections.unmodifiableMap(more);
        return c;
    }

    /**
     * Serves C-STORE for {@code sopClasses} (e.g. {@link StorageSopClasses#ALL}) with the data sets
     * streamed to {@code handler}; every transfer syntax is accepted for them, since the bytes are stored
     * as received. Replaces earlier handlers of those classes.
     */
    public ServerConfig withStorage(java.util.Collection<String> sopClasses, StorageHandler handler) {
        Map<String, DimseHandler> more = new LinkedHashMap<>(handlers);
        DimseHandler service = new org.dicomflow.net.internal.StorageService(Objects.requireNonNull(handler));
        for (String cuid : sopClasses) {
            more.put(Objects.requireNonNull(cuid), service);
        }
        ServerConfig c = copy();
        c.handlers = Collections.unmodifiableMap(more);
        return c;
    }

    /** Listeners are called in order on one thread of the server, never on network or timer threads. */
    public ServerConfig withListener(AssociationListener listener) {
        List<AssociationListener> more = new ArrayList<>(listeners);
        more.add(Objects.requireNonNull(listener));
        ServerConfig c = copy();
        c.listeners = List.copyOf(more);
        return c;
    }

    /**
     * Serves DICOM over TLS only (plain connections fail their handshake). {@code tls} must name our
     * certificate ({@link TlsSettings#withKeyStore} or {@link TlsSettings#withCertificate}); key and trust files
     * are read when the server starts. The handshake runs on each connection's own thread, bounded by
     * {@link #withRequestTimeout the request timeout}, and such connections count as pending ones
     * ({@link #withMaxPendingConnections}) until their A-ASSOCIATE-RQ arrives; a failed handshake is logged and
     * reported to the listeners as an abort, and the server goes on serving.
     */
    public ServerConfig withTls(TlsSettings tls) {
        if (!tls.hasOwnCertificate()) {
            throw new IllegalArgumentException("a TLS SCP needs a certificate of its own:"
                    + " TlsSettings.withKeyStore or withCertificate");
        }
        ServerConfig c = copy();
        c.tls = tls;
        return c;
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int port() {
        return port;
    }

    public Set<String> allowedCallingAeTitles() {
        return allowedCallingAeTitles;
    }

    public int maxAssociations() {
        return maxAssociations;
    }

    public int maxPendingConnections() {
        return maxPendingConnections;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** 0 = automatic. */
    public long memoryBudget() {
        return memoryBudget;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    public int maxPduLength() {
        return maxPduLength;
    }

    /** SOP class UID to handler, unmodifiable. */
    public Map<String, DimseHandler> handlers() {
        return handlers;
    }

    public List<AssociationListener> listeners() {
        return listeners;
    }

    /** {@code null} for plain TCP (the default). */
    public TlsSettings tls() {
        return tls;
    }
}
