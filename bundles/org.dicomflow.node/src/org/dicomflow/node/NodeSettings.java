package org.dicomflow.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.dicomflow.net.AeTitle;
import org.dicomflow.net.Timeouts;
import org.dicomflow.net.TlsSettings;
import org.dicomflow.store.DuplicatePolicy;

/**
 * The local node's settings, as kept in Configuration Admin under {@link #PID} (and in the
 * installation's {@code etc/org.dicomflow.node.cfg}).
 *
 * @param aeTitle            the AE title the node answers to
 * @param bindAddress        the address to listen on
 * @param port               the TCP port (1-65535)
 * @param allowedCallingAets calling AE titles allowed to associate; empty means any
 * @param maxAssociations    concurrent associations before new ones are rejected
 * @param artimTimeout       seconds to wait for the peer during association set-up, release and close
 * @param dimseTimeout       seconds to wait for a DIMSE response
 * @param idleTimeout        seconds without traffic after which an association is aborted; 0 = never
 */
public record NodeSettings(String aeTitle, String bindAddress, int port, Set<String> allowedCallingAets,
        int maxAssociations, int artimTimeout, int dimseTimeout, int idleTimeout, String archiveRoot,
        DuplicatePolicy duplicatePolicy, List<String> forwardTo, String execOnReception, TlsSettings tls,
        boolean caseInsensitivePersonNames) {

    /** Configuration Admin PID of the local node. */
    public static final String PID = "org.dicomflow.node";

    public static final String AE_TITLE = "aeTitle";
    public static final String BIND_ADDRESS = "bindAddress";
    public static final String PORT = "port";
    public static final String ALLOWED_CALLING_AETS = "allowedCallingAets";
    public static final String MAX_ASSOCIATIONS = "maxAssociations";
    public static final String ARTIM_TIMEOUT = "artimTimeout";
    public static final String DIMSE_TIMEOUT = "dimseTimeout";
    public static final String IDLE_TIMEOUT = "idleTimeout";
    /** Folder of the archive; empty means {@code archive} in the instance folder. */
    public static final String ARCHIVE_ROOT = "archiveRoot";
    /** What to do with an instance already in the archive: keep-first, replace or reject. */
    public static final String DUPLICATE_POLICY = "duplicatePolicy";
    /** AE titles of known remote nodes every stored instance is forwarded to, comma-separated. */
    public static final String FORWARD_TO = "forwardTo";
    /** A command run for every stored instance, with placeholders (see the configuration file). */
    public static final String EXEC_ON_RECEPTION = "execOnReception";
    /** true: C-FIND matches person names without regard to case (PS3.4 C.2.2.2.1 leaves it to the SCP). */
    public static final String CASE_INSENSITIVE_PERSON_NAMES = "caseInsensitivePersonNames";
    /** PEM certificate (chain) of the node; set, the node speaks DICOM TLS only. */
    public static final String TLS_CERTIFICATE = "tlsCertificate";
    /** PEM private key (PKCS#8 or PKCS#1) of {@link #TLS_CERTIFICATE}. */
    public static final String TLS_KEY = "tlsKey";
    /** CA certificates (PEM) that issue the callers' client certificates; empty = the JDK's trust store. */
    public static final String TLS_CA = "tlsCa";
    /** required (default), optional or none: whether callers must show a certificate. */
    public static final String TLS_CLIENT_AUTHENTICATION = "tlsClientAuthentication";

    /** Default timeouts in seconds, those of {@link Timeouts#DEFAULT}. */
    public static final int DEFAULT_ARTIM_TIMEOUT = (int) Timeouts.DEFAULT.artim().toSeconds();
    public static final int DEFAULT_DIMSE_TIMEOUT = (int) Timeouts.DEFAULT.dimseResponse().toSeconds();
    public static final int DEFAULT_IDLE_TIMEOUT = (int) Timeouts.DEFAULT.idle().toSeconds();

    public NodeSettings {
        List<String> problems = validate(aeTitle, bindAddress, port, maxAssociations);
        if (artimTimeout < 1) {
            problems.add(ARTIM_TIMEOUT + ": must be at least 1 second, is " + artimTimeout);
        }
        if (dimseTimeout < 1) {
            problems.add(DIMSE_TIMEOUT + ": must be at least 1 second, is " + dimseTimeout);
        }
        if (idleTimeout < 0) {
            problems.add(IDLE_TIMEOUT + ": must not be negative (0 = never), is " + idleTimeout);
        }
        archiveRoot = archiveRoot == null ? "" : archiveRoot.trim();
        execOnReception = execOnReception == null ? "" : execOnReception.trim();
        Objects.requireNonNull(duplicatePolicy, DUPLICATE_POLICY);
        forwardTo = List.copyOf(forwardTo);
        for (String aet : forwardTo) {
            AeTitle.validate(aet).ifPresent(p -> problems.add(FORWARD_TO + ": " + p));
        }
        requireValid(problems);
        allowedCallingAets = Collections.unmodifiableSet(new LinkedHashSet<>(allowedCallingAets));
        for (String caller : allowedCallingAets) {
            // "AET" or "AET@host" (the caller must also connect from that host)
            int at = caller.indexOf('@');
            String aet = at < 0 ? caller : caller.substring(0, at);
            String problem = at == caller.length() - 1 ? "'" + caller + "' names no host after @"
                    : AeTitle.validate(aet).orElse(null);
            if (problem != null) {
                throw new IllegalArgumentException(ALLOWED_CALLING_AETS + ": " + problem);
            }
        }
    }

    /** Settings with the default timeouts, archive and duplicate policy, no forwarding or command. */
    public NodeSettings(String aeTitle, String bindAddress, int port, Set<String> allowedCallingAets,
            int maxAssociations) {
        this(aeTitle, bindAddress, port, allowedCallingAets, maxAssociations, DEFAULT_ARTIM_TIMEOUT,
                DEFAULT_DIMSE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, "", DuplicatePolicy.KEEP_FIRST, List.of(), "", null, false);
    }

    /**
     * The archive folder: {@link #archiveRoot()} when set, else {@code archive} in the instance folder
     * (system property {@code dicomflow.instance}, else the working directory).
     */
    public Path archivePath() {
        if (!archiveRoot.isEmpty()) {
            return Path.of(archiveRoot);
        }
        return Path.of(System.getProperty("dicomflow.instance", "."), "archive");
    }

    /** The network timeouts these settings describe (connect keeps its default). */
    public Timeouts timeouts() {
        return Timeouts.DEFAULT.withArtim(Duration.ofSeconds(artimTimeout))
                .withDimseResponse(Duration.ofSeconds(dimseTimeout)).withIdle(Duration.ofSeconds(idleTimeout));
    }

    private static void requireValid(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Returns what is wrong with these values, empty when they are fine. */
    public static List<String> validate(String aeTitle, String bindAddress, int port, int maxAssociations) {
        List<String> problems = new ArrayList<>();
        String aetProblem = AeTitle.validate(aeTitle).orElse(null);
        if (aetProblem != null) {
            problems.add(AE_TITLE + ": " + aetProblem);
        }
        if (bindAddress == null || bindAddress.isBlank()) {
            problems.add(BIND_ADDRESS + ": must not be empty");
        }
        if (port < 1 || port > 65535) {
            problems.add(PORT + ": " + port + " is not in 1-65535");
        }
        if (maxAssociations < 1) {
            problems.add(MAX_ASSOCIATIONS + ": must be at least 1, is " + maxAssociations);
        }
        return problems;
    }

    /** Every key {@link #from} reads. */
    public static final List<String> KEYS = List.of(AE_TITLE, BIND_ADDRESS, PORT, ALLOWED_CALLING_AETS, MAX_ASSOCIATIONS,
            ARTIM_TIMEOUT, DIMSE_TIMEOUT, IDLE_TIMEOUT, ARCHIVE_ROOT, DUPLICATE_POLICY, FORWARD_TO, EXEC_ON_RECEPTION,
            CASE_INSENSITIVE_PERSON_NAMES, TLS_CERTIFICATE, TLS_KEY, TLS_CA, TLS_CLIENT_AUTHENTICATION);

    /**
     * The keys of {@code properties} that {@link #from} does not read, leaving out those the framework adds
     * (service.pid, component.name, felix.fileinstall.filename, ...): a misspelt key would otherwise do nothing
     * without a word.
     */
    public static List<String> unknownKeys(Map<String, ?> properties) {
        List<String> unknown = new ArrayList<>();
        for (String key : properties.keySet()) {
            boolean framework = key.startsWith("service.") || key.startsWith("component.") || key.startsWith("felix.")
                    || key.startsWith("osgi.") || key.equals("objectClass");
            if (!framework && !KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        Collections.sort(unknown);
        return unknown;
    }

    /**
     * Reads settings from configuration properties (Configuration Admin or a .cfg file), where every
     * value may be a string. Missing keys take the defaults of {@link #defaults()}.
     *
     * @throws IllegalArgumentException naming each bad key
     */
    public static NodeSettings from(Map<String, ?> properties) {
        NodeSettings d = defaults();
        List<String> problems = new ArrayList<>();
        String aet = string(properties, AE_TITLE, d.aeTitle());
        String bind = string(properties, BIND_ADDRESS, d.bindAddress());
        int port = integer(properties, PORT, d.port(), problems);
        int max = integer(properties, MAX_ASSOCIATIONS, d.maxAssociations(), problems);
        int artim = integer(properties, ARTIM_TIMEOUT, d.artimTimeout(), problems);
        int dimse = integer(properties, DIMSE_TIMEOUT, d.dimseTimeout(), problems);
        int idle = integer(properties, IDLE_TIMEOUT, d.idleTimeout(), problems);
        Set<String> allowed = new LinkedHashSet<>();
        Object raw = properties.get(ALLOWED_CALLING_AETS);
        if (raw instanceof String[] array) {
            allowed.addAll(Arrays.asList(array));
        } else if (raw instanceof Iterable<?> it) {
            it.forEach(o -> allowed.add(String.valueOf(o)));
        } else if (raw != null) {
            for (String s : raw.toString().split(",")) {
                if (!s.isBlank()) {
                    allowed.add(s.trim());
                }
            }
        }
        allowed.removeIf(String::isBlank);
        DuplicatePolicy duplicates = d.duplicatePolicy();
        String policy = string(properties, DUPLICATE_POLICY, null);
        if (policy != null) {
            try {
                duplicates = DuplicatePolicy.parse(policy);
            } catch (IllegalArgumentException e) {
                problems.add(DUPLICATE_POLICY + ": " + e.getMessage());
            }
        }
        List<String> forward = new ArrayList<>();
        for (String f : string(properties, FORWARD_TO, "").split(",")) {
            if (!f.isBlank()) {
                forward.add(f.trim());
            }
        }
        TlsSettings tls = tls(properties, problems);
        requireValid(problems);
        return new NodeSettings(aet, bind, port, allowed, max, artim, dimse, idle, string(properties, ARCHIVE_ROOT, ""),
                duplicates, forward, string(properties, EXEC_ON_RECEPTION, ""), tls,
                Boolean.parseBoolean(string(properties, CASE_INSENSITIVE_PERSON_NAMES, "false")));
    }

    /** TLS from {@link #TLS_CERTIFICATE} and the keys with it; null when no certificate is configured. */
    private static TlsSettings tls(Map<String, ?> properties, List<String> problems) {
        String certificate = string(properties, TLS_CERTIFICATE, "");
        String key = string(properties, TLS_KEY, "");
        if (certificate.isEmpty()) {
            if (!key.isEmpty()) {
                problems.add(TLS_KEY + ": set without " + TLS_CERTIFICATE);
            }
            return null;
        }
        if (key.isEmpty()) {
            problems.add(TLS_KEY + ": the private key of " + TLS_CERTIFICATE + " is missing");
            return null;
        }
        TlsSettings tls = TlsSettings.defaults().withCertificate(Path.of(certificate), Path.of(key));
        String ca = string(properties, TLS_CA, "");
        if (!ca.isEmpty()) {
            tls = tls.withTrustStore(Path.of(ca), null);
        }
        String auth = string(properties, TLS_CLIENT_AUTHENTICATION, "required");
        try {
            tls = tls.withClientAuthentication(TlsSettings.ClientAuthentication.valueOf(
                    auth.toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            problems.add(TLS_CLIENT_AUTHENTICATION + ": '" + auth + "' is not required, optional or none");
        }
        return tls;
    }

    /** AE DICOMFLOW on 127.0.0.1:11112, any caller, 16 associations. */
    public static NodeSettings defaults() {
        return new NodeSettings("DICOMFLOW", "127.0.0.1", 11112, Set.of(), 16);
    }

    public NodeSettings withAeTitle(String aet) {
        return new NodeSettings(aet, bindAddress, port, allowedCallingAets, maxAssociations, artimTimeout, dimseTimeout,
                idleTimeout, archiveRoot, duplicatePolicy, forwardTo, execOnReception, tls,
                caseInsensitivePersonNames);
    }

    public NodeSettings withPort(int p) {
        return new NodeSettings(aeTitle, bindAddress, p, allowedCallingAets, maxAssociations, artimTimeout, dimseTimeout,
                idleTimeout, archiveRoot, duplicatePolicy, forwardTo, execOnReception, tls,
                caseInsensitivePersonNames);
    }

    public NodeSettings withBindAddress(String address) {
        return new NodeSettings(aeTitle, address, port, allowedCallingAets, maxAssociations, artimTimeout, dimseTimeout,
                idleTimeout, archiveRoot, duplicatePolicy, forwardTo, execOnReception, tls,
                caseInsensitivePersonNames);
    }

    /** The same settings with these timeouts, in seconds. */
    public NodeSettings withTimeouts(int artimSeconds, int dimseSeconds, int idleSeconds) {
        return new NodeSettings(aeTitle, bindAddress, port, allowedCallingAets, maxAssociations, artimSeconds,
                dimseSeconds, idleSeconds, archiveRoot, duplicatePolicy, forwardTo, execOnReception, tls,
                caseInsensitivePersonNames);
    }

    /** The same settings with the archive in {@code root} (empty: the default folder). */
    public NodeSettings withArchiveRoot(String root) {
        return new NodeSettings(aeTitle, bindAddress, port, allowedCallingAets, maxAssociations, artimTimeout,
                dimseTimeout, idleTimeout, root, duplicatePolicy, forwardTo, execOnReception, tls,
                caseInsensitivePersonNames);
    }

    /** The settings as Configuration Admin properties. */
    public Hashtable<String, Object> toProperties() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(AE_TITLE, aeTitle);
        p.put(BIND_ADDRESS, bindAddress);
        p.put(PORT, port);
        p.put(ALLOWED_CALLING_AETS, String.join(",", allowedCallingAets));
        p.put(MAX_ASSOCIATIONS, maxAssociations);
        p.put(ARTIM_TIMEOUT, artimTimeout);
        p.put(DIMSE_TIMEOUT, dimseTimeout);
        p.put(IDLE_TIMEOUT, idleTimeout);
        p.put(ARCHIVE_ROOT, archiveRoot);
        p.put(DUPLICATE_POLICY, duplicatePolicy.key());
        p.put(FORWARD_TO, String.join(",", forwardTo));
        p.put(EXEC_ON_RECEPTION, execOnReception);
        p.put(CASE_INSENSITIVE_PERSON_NAMES, Boolean.toString(caseInsensitivePersonNames));
        if (tls != null) {
            p.put(TLS_CERTIFICATE, tls.certificateFile().toString());
            p.put(TLS_KEY, tls.privateKeyFile().toString());
            if (tls.trustStore() != null) {
                p.put(TLS_CA, tls.trustStore().toString());
            }
            p.put(TLS_CLIENT_AUTHENTICATION, tls.clientAuthentication().name().toLowerCase(java.util.Locale.ROOT));
        }
        return p;
    }

    private static String string(Map<String, ?> p, String key, String dflt) {
        Object v = p.get(key);
        return v == null || v.toString().isBlank() ? dflt : v.toString().trim();
    }

    private static int integer(Map<String, ?> p, String key, int dflt, List<String> problems) {
        Object v = p.get(key);
        if (v == null || v.toString().isBlank()) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            problems.add(key + ": '" + v + "' is not a number");
            return dflt;
        }
    }
}
