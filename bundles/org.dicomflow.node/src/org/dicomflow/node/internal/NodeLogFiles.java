package org.dicomflow.node.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * The headless node's log files: everything logged through java.util.logging (the node, the archive, the
 * network layer) also goes to {@code logs/node.0.log} in the instance folder, rotated at 10 MiB with five
 * files kept ({@code node.0.log} is the newest), in the line format of {@link LogLineFormatter}.
 */
final class NodeLogFiles {
    static final int LIMIT_BYTES = 10 << 20;
    static final int COUNT = 5;

    private NodeLogFiles() {
    }

    /**
     * Adds the rotating file handler to the root logger. It stays until the JVM ends (the JDK closes it then),
     * so the lines of the framework's own stop are kept too.
     */
    static Handler install(Path logs) throws IOException {
        Files.createDirectories(logs);
        FileHandler files = new FileHandler(logs.resolve("node.%g.log").toString(), LIMIT_BYTES, COUNT, true);
        LogLineFormatter lines = new LogLineFormatter();
        files.setFormatter(lines);
        files.setEncoding("UTF-8");
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            h.setFormatter(lines); // the console too: the same line, without java.util.Formatter's cost
        }
        root.addHandler(files);
        return files;
    }
}
