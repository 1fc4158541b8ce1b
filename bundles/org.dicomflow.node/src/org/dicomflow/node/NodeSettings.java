package org.dicomflow.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dicomflow.net.AeTitle;

/**
 * The local node's settings, as kept in Configuration Admin under {@link #PID} (and in the
 * installation's {@code etc/org.dicomflow.node.cfg}).
 *
 * @param aeTitle            the AE title the node answers to
 * @param bindAddress        the address to listen on
 * @param port               the TCP port (1-65535)
 * @param allowedCallingAets calling AE titles allowed to associate; empty means any
 * @param maxAssociations    concurrent associations before new ones are rejected
 */
public record NodeSettings(String aeTitle, String bindAddress, int port, Set<String> allowedCallingAets,
        int maxAssociations) {

    /** Configuration Admin PID of the local node. */
    public static final String PID = "org.dicomflow.node";

    public static final String AE_TITLE = "aeTitle";
    public static final String BIND_ADDRESS = "bindAddress";
    public static final String PORT = "port";
    public static final String ALLOWED_CALLING_AETS = "allowedCallingAets";
    public static final String MAX_ASSOCIATIONS = "maxAssociations";

    public NodeSettings {
        requireValid(validate(aeTitle, bindAddress, port, maxAssociations));
        allowedCallingAets = Collections.unmodifiableSet(new LinkedHashSet<>(allowedCallingAets));
        for (String aet : allowedCallingAets) {
            String problem = AeTitle.validate(aet).orElse(null);
            if (problem != null) {
                throw new IllegalArgumentException(ALLOWED_CALLING_AETS + ": " + problem);
            }
        }
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
        requireValid(problems);
        return new NodeSettings(aet, bind, port, allowed, max);
    }

    /** AE DICOMFLOW on 127.0.0.1:11112, any caller, 16 associations. */
    public static NodeSettings defaults() {
        return new NodeSettings("DICOMFLOW", "127.0.0.1", 11112, Set.of(), 16);
    }

    public NodeSettings withAeTitle(String aet) {
        return new NodeSettings(aet, bindAddress, port, allowedCallingAets, maxAssociations);
    }

    public NodeSettings withPort(int p) {
        return new NodeSettings(aeTitle, bindAddress, p, allowedCallingAets, maxAssociations);
    }

    public NodeSettings withBindAddress(String address) {
        return new NodeSettings(aeTitle, address, port, allowedCallingAets, maxAssociations);
    }

    /** The settings as Configuration Admin properties. */
    public Hashtable<String, Object> toProperties() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(AE_TITLE, aeTitle);
        p.put(BIND_ADDRESS, bindAddress);
        p.put(PORT, port);
        p.put(ALLOWED_CALLING_AETS, String.join(",", allowedCallingAets));
        p.put(MAX_ASSOCIATIONS, maxAssociations);
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
