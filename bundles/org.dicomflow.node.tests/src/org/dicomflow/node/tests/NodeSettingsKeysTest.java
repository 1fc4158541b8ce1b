package org.dicomflow.node.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dicomflow.node.NodeSettings;
import org.junit.jupiter.api.Test;

/** A misspelt key in the node's configuration is named in the log instead of doing nothing without a word. */
class NodeSettingsKeysTest {

    @Test
    void everyKeyTheSettingsWriteIsKnown() {
        assertEquals(List.of(), NodeSettings.unknownKeys(NodeSettings.defaults().toProperties()));
    }

    @Test
    void misspeltKeysAreNamedAndTheFrameworksOwnAreNot() {
        Map<String, Object> p = new HashMap<>();
        for (String key : NodeSettings.KEYS) {
            p.put(key, "");
        }
        p.put("service.pid", NodeSettings.PID);
        p.put("felix.fileinstall.filename", "file:/x/etc/org.dicomflow.node.cfg");
        p.put("component.name", "org.dicomflow.node");
        p.put("component.id", 7L);
        p.put("aetitle", "NODE");
        p.put("Port", "104");
        p.put("duplicate-policy", "reject");
        assertEquals(List.of("Port", "aetitle", "duplicate-policy"), NodeSettings.unknownKeys(p));
    }
}
