package org.dicomflow.node;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The node's configuration file, {@code etc/org.dicomflow.node.cfg} (Java properties, the format Felix
 * FileInstall uses for .cfg files). It lives in the instance folder ({@code dicomflow.instance}); an
 * instance without one uses the installation's ({@code dicomflow.home}).
 */
public final class NodeConfigurationFile {

    public static final String FILE_NAME = NodeSettings.PID + ".cfg";

    private NodeConfigurationFile() {
    }

    /** The file to read, or null when neither the instance nor the installation has one. */
    public static Path locate() {
        for (String property : new String[] { "dicomflow.instance", "dicomflow.home" }) {
            String dir = System.getProperty(property);
            if (dir != null) {
                Path file = Path.of(dir, "etc", FILE_NAME);
                if (Files.isRegularFile(file)) {
                    return file;
                }
            }
        }
        return null;
    }

    /** Reads the file's properties; keys keep their order of appearance for error messages. */
    public static Map<String, String> read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> map = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k).trim()));
        return map;
    }

    /** Settings from the located file, or the defaults when there is none. */
    public static NodeSettings load() throws IOException {
        Path file = locate();
        if (file == null) {
            return NodeSettings.defaults();
        }
        try {
            return NodeSettings.from(read(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
