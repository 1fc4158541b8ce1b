package org.dicomflow.node;

import java.util.ArrayList;
import java.util.List;

import org.dicomflow.net.AeTitle;

/**
 * A remote DICOM application entity this installation talks to (a PACS, a modality, a workstation).
 *
 * @param aeTitle     its AE title
 * @param host        host name or address
 * @param port        TCP port
 * @param description free text for people ("Main PACS, 3rd floor")
 */
public record RemoteNode(String aeTitle, String host, int port, String description) {

    public RemoteNode {
        List<String> problems = validate(aeTitle, host, Integer.toString(port));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        aeTitle = aeTitle.trim();
        host = host.trim();
        description = description == null ? "" : description.strip();
    }

    /**
     * Checks values as typed by a user; returns one readable message per problem, empty when they are fine.
     */
    public static List<String> validate(String aeTitle, String host, String port) {
        List<String> problems = new ArrayList<>();
        String aetProblem = AeTitle.validate(aeTitle).orElse(null);
        if (aetProblem != null) {
            problems.add("AE title: " + aetProblem);
        }
        if (host == null || host.isBlank()) {
            problems.add("Host: must not be empty");
        } else if (host.strip().contains(" ")) {
            problems.add("Host: must not contain spaces");
        }
        try {
            int p = Integer.parseInt(port == null ? "" : port.trim());
            if (p < 1 || p > 65535) {
                problems.add("Port: " + p + " is not in 1-65535");
            }
        } catch (NumberFormatException e) {
            problems.add("Port: '" + (port == null ? "" : port.trim()) + "' is not a number");
        }
        return problems;
    }

    /** "AET@host:port", the notation of {@code dicomflow echo -c}. */
    @Override
    public String toString() {
        return aeTitle + "@" + host + ":" + port;
    }
}
