package org.dicomflow.node.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.dicomflow.node.ReceiveHook;
import org.dicomflow.store.StoredInstance;

/**
 * Runs an external command for each stored instance (like dcmtk storescp's --exec-on-reception). The
 * command line is split at spaces; placeholders in any word are replaced by the instance's values:
 * {@code {file}} {@code {sopClassUid}} {@code {sopInstanceUid}} {@code {seriesUid}} {@code {studyUid}}
 * {@code {callingAet}} {@code {patientId}}. No shell is involved, so values cannot inject commands. The
 * command's output goes to {@code exec.log} in the logs folder; a non-zero exit or a run longer than the
 * time limit is logged and the command is killed; storage never depends on it.
 */
final class ExecOnReception implements ReceiveHook {
    private static final Logger LOG = Logger.getLogger("org.dicomflow.node");
    private static final long TIME_LIMIT_S = 120;

    private final List<String> words;
    private final Path log;

    ExecOnReception(String commandLine, Path log) {
        if (commandLine.isBlank()) {
            throw new IllegalArgumentException("execOnReception: empty command");
        }
        this.words = List.of(commandLine.trim().split("\\s+"));
        this.log = log;
    }

    /** The command for {@code instance}, placeholders replaced. */
    List<String> commandFor(StoredInstance instance) {
        List<String> command = new ArrayList<>(words.size());
        for (String w : words) {
            command.add(w.replace("{file}", instance.path().toAbsolutePath().toString())
                    .replace("{sopClassUid}", nonNull(instance.sopClassUid()))
                    .replace("{sopInstanceUid}", nonNull(instance.sopInstanceUid()))
                    .replace("{seriesUid}", nonNull(instance.seriesInstanceUid()))
                    .replace("{studyUid}", nonNull(instance.studyInstanceUid()))
                    .replace("{callingAet}", nonNull(instance.callingAeTitle()))
                    .replace("{patientId}", nonNull(instance.patientId())));
        }
        return command;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void stored(StoredInstance instance) throws IOException, InterruptedException {
        List<String> command = commandFor(instance);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (log != null) {
            // the logs folder exists in an installation, not necessarily where an embedded node runs
            java.nio.file.Files.createDirectories(log.getParent());
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = pb.start();
        if (!p.waitFor(TIME_LIMIT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " ran longer than " + TIME_LIMIT_S + " s and was killed");
        }
        if (p.exitValue() != 0) {
            LOG.warning("execOnReception: " + command.get(0) + " exited with " + p.exitValue() + " for "
                    + instance.sopInstanceUid());
        }
    }

    @Override
    public String toString() {
        return "execOnReception " + words.get(0);
    }
}
