package org.dicomflow.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts real DICOM peers (dcmtk storescp/dcmqrscp, Orthanc) on 127.0.0.1 for interop tests.
 * A missing program skips the test locally but fails it when the environment has CI=true, so
 * interop coverage cannot silently disappear in CI.
 */
public final class Peers {
    /** How long a peer may take to start listening. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final List<String> SEARCH_PATH = List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin");

    private Peers() {
    }

    public static Optional<Path> findBinary(String name) {
        String path = System.getenv("PATH");
        List<String> dirs = new java.util.ArrayList<>();
        if (path != null) {
            dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
        }
        dirs.addAll(SEARCH_PATH);
        for (String dir : dirs) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The program's path; aborts the test (or fails it when CI=true) if it is not installed. */
    public static Path require(String name, String debianPackage) {
        Optional<Path> p = findBinary(name);
        if (p.isPresent()) {
            return p.get();
        }
        String message = name + " not found; install with: apt-get install -y " + debianPackage;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: interop tests must not be skipped)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static Map<String, String> loopbackEnv(Path workDir) {
        Map<String, String> env = new HashMap<>();
        LoopbackShim.build(workDir.resolve("shim")).ifPresent(so -> env.put("LD_PRELOAD", so.toString()));
        return env;
    }

    /** dcmtk storescp accepting any called AE title on {@code port}, storing into {@code workDir}/in. */
    public static PeerProcess storescp(String aeTitle, int port, Path workDir) throws IOException, InterruptedException {
        return storescp(aeTitle, port, workDir, new String[0]);
    }

    /** As above with more storescp options, e.g. "+B" (bit preserving: data sets stored exactly as received). */
    public static PeerProcess storescp(String aeTitle, int port, Path workDir, String... options)
            throws IOException, InterruptedException {
        Path bin = require("storescp", "dcmtk");
        Files.createDirectories(workDir.resolve("in"));
        List<String> command = new java.util.ArrayList<>(List.of(bin.toString(), "--aetitle", aeTitle,
                "--output-directory", workDir.resolve("in").toString()));
        command.addAll(List.of(options));
        command.add(String.valueOf(port));
        return PeerProcess.start("storescp", command, loopbackEnv(workDir), workDir).awaitPort(port, START_TIMEOUT);
    }

    /**
     * dcmtk dcmqrscp with one storage area; it checks the called AE title. Runs in its default
     * forking mode: 3.6.7 with --single-process stopped serving after the first association here.
     */
    public static PeerProcess dcmqrscp(String aeTitle, int port, Path workDir) throws IOException, InterruptedException {
        return dcmqrscp(aeTitle, port, workDir, 10);
    }

    /** As above, keeping up to {@code maxStudies} studies (dcmqrscp deletes the oldest study beyond that). */
    public static PeerProcess dcmqrscp(String aeTitle, int port, Path workDir, int maxStudies)
            throws IOException, InterruptedException {
        Path bin = require("dcmqrscp", "dcmtk");
        Path db = workDir.resolve("db");
        Files.createDirectories(db);
        Path cfg = workDir.resolve("dcmqrscp.cfg");
        Files.writeString(cfg, String.join("\n",
                "NetworkTCPPort = " + port,
                "MaxPDUSize = 16384",
                "MaxAssociations = 16",
                "HostTable BEGIN",
                "HostTable END",
                "VendorTable BEGIN",
                "VendorTable END",
                "AETable BEGIN",
                aeTitle + " " + db + " RW (" + maxStudies + ", 100mb) ANY",
                "AETable END", ""));
        return PeerProcess.start("dcmqrscp", List.of(bin.toString(), "-c", cfg.toString(),
                String.valueOf(port)), loopbackEnv(workDir), workDir).awaitPort(port, START_TIMEOUT);
    }

    /**
     * Orthanc with a private configuration: DICOM only (HTTP off), any calling AE may echo,
     * called AE title checked so rejections can be tested.
     */
    public static PeerProcess orthanc(String aeTitle, int port, Path workDir) throws IOException, InterruptedException {
        return orthanc(aeTitle, port, 0, Map.of(), workDir);
    }

    /**
     * Orthanc as above; with {@code httpPort > 0} also its REST API (no authentication, loopback only), and
     * {@code modalities} (name -> "AET@host:port") as the remote nodes it may echo, query and send to.
     */
    public static PeerProcess orthanc(String aeTitle, int port, int httpPort, Map<String, String> modalities,
            Path workDir) throws IOException, InterruptedException {
        Path bin = require("Orthanc", "orthanc");
        Path storage = workDir.resolve("storage");
        Files.createDirectories(storage);
        StringBuilder known = new StringBuilder();
        for (Map.Entry<String, String> m : modalities.entrySet()) {
            String[] aetHostPort = m.getValue().split("[@:]");
            known.append(known.length() == 0 ? "" : ",\n").append("    \"").append(m.getKey()).append("\": [\"")
                    .append(aetHostPort[0]).append("\", \"").append(aetHostPort[1]).append("\", ")
                    .append(aetHostPort[2]).append("]");
        }
        Path json = workDir.resolve("orthanc.json");
        Files.writeString(json, "{\n"
                + "  \"Name\": \"DICOMFLOW-TEST\",\n"
                + "  \"StorageDirectory\": \"" + storage + "\",\n"
                + "  \"IndexDirectory\": \"" + storage + "\",\n"
                + "  \"Plugins\": [],\n"
                + "  \"HttpServerEnabled\": " + (httpPort > 0) + ",\n"
                + "  \"HttpPort\": " + (httpPort > 0 ? httpPort : 8042) + ",\n"
                + "  \"AuthenticationEnabled\": false,\n"
                + "  \"RemoteAccessAllowed\": false,\n"
                + "  \"DicomServerEnabled\": true,\n"
                + "  \"DicomAet\": \"" + aeTitle + "\",\n"
                + "  \"DicomPort\": " + port + ",\n"
                + "  \"DicomCheckCalledAet\": true,\n"
                + "  \"DicomCheckModalityHost\": false,\n"
                + "  \"DicomAlwaysAllowEcho\": true,\n"
                + "  \"DicomModalities\": {\n" + known + "\n  },\n"
                + "  \"SaveJobs\": false\n"
                + "}\n");
        PeerProcess p = PeerProcess.start("orthanc", List.of(bin.toString(), json.toString()), loopbackEnv(workDir), workDir)
                .awaitPort(port, START_TIMEOUT);
        return httpPort > 0 ? p.awaitPort(httpPort, START_TIMEOUT) : p;
    }
}
