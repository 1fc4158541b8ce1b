package org.dicomflow.node;

import java.io.IOException;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Puts node settings into Configuration Admin, where the node component picks them up. */
public final class NodeConfigurator {

    private NodeConfigurator() {
    }

    public static void apply(ConfigurationAdmin admin, NodeSettings settings) throws IOException {
        // "?" binds the configuration to whichever bundle registers the PID, i.e. the node bundle.
        Configuration c = admin.getConfiguration(NodeSettings.PID, "?");
        c.update(settings.toProperties());
    }
}
