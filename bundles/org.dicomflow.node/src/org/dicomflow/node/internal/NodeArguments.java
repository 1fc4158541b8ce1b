package org.dicomflow.node.internal;

import org.dicomflow.node.NodeSettings;

/** Parses {@code dicomflow node} options over the settings from the configuration file. */
final class NodeArguments {

    static final String USAGE = """
            usage: dicomflow node [--aet AET] [--port N] [--bind ADDRESS] [--dir ARCHIVE]
              Runs the DICOM node without a display until SIGTERM or Ctrl-C.
              Settings come from etc/org.dicomflow.node.cfg; these options override them.
              Edits of the file apply while the node runs; these options keep overriding them.
              --aet AET       AE title to answer to (1-16 characters)
              --port N        TCP port to listen on (1-65535)
              --bind ADDRESS  address to listen on (127.0.0.1, 0.0.0.0, ...)
              --dir ARCHIVE   folder of the archive (default: archive/ in the instance folder)""";

    static final class HelpRequested extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private NodeArguments() {
    }

    static NodeSettings apply(NodeSettings base, String[] args) throws HelpRequested {
        NodeSettings s = base;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
            case "-h", "--help" -> throw new HelpRequested();
            case "--aet" -> s = s.withAeTitle(value(args, ++i, a));
            case "--bind" -> s = s.withBindAddress(value(args, ++i, a));
            case "--dir" -> s = s.withArchiveRoot(java.nio.file.Path.of(value(args, ++i, a)).toAbsolutePath().toString());
            case "--port" -> {
                String v = value(args, ++i, a);
                try {
                    s = s.withPort(Integer.parseInt(v));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--port: '" + v + "' is not a number");
                }
            }
            default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return s;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
