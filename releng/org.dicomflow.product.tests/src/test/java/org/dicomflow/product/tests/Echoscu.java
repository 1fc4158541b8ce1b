package org.dicomflow.product.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;

/** dcmtk's echoscu as the independent client of our node. */
final class Echoscu {

    private Echoscu() {
    }

    /** Runs {@code echoscu -v -aet calling -aec called 127.0.0.1 port}; returns the finished process. */
    static PeerProcess run(Path workDir, String calling, String called, int port) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Peers.require("echoscu", "dcmtk").toString(), "-v", "-aet", calling,
                "-aec", called, "127.0.0.1", Integer.toString(port)));
        return PeerProcess.run("echoscu", cmd, workDir, Duration.ofSeconds(30));
    }
}
