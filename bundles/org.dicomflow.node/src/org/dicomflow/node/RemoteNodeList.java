package org.dicomflow.node;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The remote nodes known to this installation, kept in {@code etc/remote-nodes.cfg} of the instance
 * folder so that the workstation and the headless node read the same list. Entries are numbered
 * {@code node.N.aeTitle/host/port/description}; a save replaces the file atomically.
 */
public final class RemoteNodeList {

    public static final String FILE_NAME = "remote-nodes.cfg";

    private final Path file;

    public RemoteNodeList(Path file) {
        this.file = file;
    }

    /** The list of the instance folder ({@code dicomflow.instance}, else the working directory). */
    public static RemoteNodeList ofInstance() {
        String dir = System.getProperty("dicomflow.instance", ".");
        return new RemoteNodeList(Path.of(dir, "etc", FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /** Reads the list; a missing file is an empty list, an unreadable entry is an error naming it. */
    public List<RemoteNode> load() throws IOException {
        List<RemoteNode> nodes = new ArrayList<>();
        if (!Files.exists(file)) {
            return nodes;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        for (int i = 1; p.getProperty(key(i, "aeTitle")) != null; i++) {
            try {
                nodes.add(new RemoteNode(p.getProperty(key(i, "aeTitle")), p.getProperty(key(i, "host")),
                        Integer.parseInt(p.getProperty(key(i, "port"), "").trim()), p.getProperty(key(i, "description"))));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": entry node." + i + ": " + e.getMessage(), e);
            }
        }
        return nodes;
    }

    public void save(List<RemoteNode> nodes) throws IOException {
        Properties p = new Properties();
        int i = 1;
        for (RemoteNode n : nodes) {
            p.setProperty(key(i, "aeTitle"), n.aeTitle());
            p.setProperty(key(i, "host"), n.host());
            p.setProperty(key(i, "port"), Integer.toString(n.port()));
            p.setProperty(key(i, "description"), n.description());
            i++;
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "Remote DICOM nodes (edited by the DICOMFlow workstation)");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String key(int i, String field) {
        return "node." + i + "." + field;
    }
}
