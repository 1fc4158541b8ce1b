package org.dicomflow.net;

import java.util.ArrayList;
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
            Set.of(UID.IMPLICIT_VR_LITTLE_ENDIAN, UID.EXPLICIT_VR_LITTLE_ENDIAN);

    private final String bindAddress;
    private final int port;
    private final Set<String> allowedCallingAeTitles;
    private final int maxAssociations;
    private final Timeouts timeouts;
    private final int maxPduLength;
    private final Map<String, DimseHandler> handlers;
    private final List<AssociationListener> listeners;

    private ServerConfig(String bindAddress, int port, Set<String> allowedCallingAeTitles, int maxAssociations,
            Timeouts timeouts, int maxPduLength, Map<String, DimseHandler> handlers,
            List<AssociationListener> listeners) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.allowedCallingAeTitles = Set.copyOf(allowedCallingAeTitles);
        this.maxAssociations = maxAssociations;
        this.timeouts = timeouts;
        this.maxPduLength = maxPduLength;
        this.handlers = new LinkedHashMap<>(handlers);
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Listen on {@code bindAddress} ("0.0.0.0" for all interfaces) and {@code port} (0 picks a
     * free one) with defaults: any calling AE, 50 associations, {@link Timeouts#DEFAULT}.
     */
    public static ServerConfig bind(String bindAddress, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
        Map<String, DimseHandler> handlers = new LinkedHashMap<>();
        handlers.put(UID.VERIFICATION, VerificationScp.INSTANCE);
        return new ServerConfig(Objects.requireNonNull(bindAddress, "bindAddress"), port, Set.of(), 50,
                Timeouts.DEFAULT, Implementation.DEFAULT_MAX_PDU_LENGTH, handlers, List.of());
    }

    /** Only these calling AE titles may associate; empty (the default) means anyone. */
    public ServerConfig withAllowedCallingAeTitles(Set<String> aeTitles) {
        Set<String> normalized = new java.util.HashSet<>();
        for (String ae : aeTitles) {
            normalized.add(AeTitle.normalize(ae));
        }
        return new ServerConfig(bindAddress, port, normalized, maxAssociations, timeouts, maxPduLength, handlers,
                listeners);
    }

    /** Concurrent associations beyond this are rejected (transient, local limit exceeded). */
    public ServerConfig withMaxAssociations(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max associations must be at least 1");
        }
        return new ServerConfig(bindAddress, port, allowedCallingAeTitles, max, timeouts, maxPduLength, handlers,
                listeners);
    }

    public ServerConfig withTimeouts(Timeouts t) {
        return new ServerConfig(bindAddress, port, allowedCallingAeTitles, maxAssociations, Objects.requireNonNull(t),
                maxPduLength, handlers, listeners);
    }

    /** Our maximum receive PDU length; 0 is not allowed on the SCP side (we always want a bound). */
    public ServerConfig withMaxPduLength(int length) {
        if (length < 1024) {
            throw new IllegalArgumentException("max PDU length " + length + " is below 1024");
        }
        return new ServerConfig(bindAddress, port, allowedCallingAeTitles, maxAssociations, timeouts, length, handlers,
                listeners);
    }

    /** Serves {@code sopClassUid}; replaces an earlier handler for it (also the built-in Verification SCP). */
    public ServerConfig withHandler(String sopClassUid, DimseHandler handler) {
        Map<String, DimseHandler> more = new LinkedHashMap<>(handlers);
        more.put(Objects.requireNonNull(sopClassUid), Objects.requireNonNull(handler));
        return new ServerConfig(bindAddress, port, allowedCallingAeTitles, maxAssociations, timeouts, maxPduLength,
                more, listeners);
    }

    public ServerConfig withListener(AssociationListener listener) {
        List<AssociationListener> more = new ArrayList<>(listeners);
        more.add(Objects.requireNonNull(listener));
        return new ServerConfig(bindAddress, port, allowedCallingAeTitles, maxAssociations, timeouts, maxPduLength,
                handlers, more);
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

    public Timeouts timeouts() {
        return timeouts;
    }

    public int maxPduLength() {
        return maxPduLength;
    }

    /** SOP class UID to handler, unmodifiable. */
    public Map<String, DimseHandler> handlers() {
        return java.util.Collections.unmodifiableMap(handlers);
    }

    public List<AssociationListener> listeners() {
        return listeners;
    }
}
