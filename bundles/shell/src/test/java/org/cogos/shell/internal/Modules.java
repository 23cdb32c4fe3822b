package org.cogos.shell.internal;

import java.util.List;

import org.cogos.api.admin.ModuleInfo;
import org.cogos.api.admin.ModuleParam;

/** Module descriptions shaped like the real cogos bundles, for the tests. */
final class Modules {

    static final String SIGNER = "CN=cogos build (SHA-256 0A:1B:2C:3D:4E:5F:60:71...)";

    static final ModuleInfo SENSOR = new ModuleInfo("sensor", "0.1.0.SNAPSHOT",
            "2D LIDAR module: parses LaserScan JSON, clusters returns and reports obstacles and people.", "cogos",
            "Apache-2.0", 0, "mvn:org.cogos/cogos-sensor/0.1.0-SNAPSHOT", "org.cogos.sensor",
            List.of(new ModuleParam("maxRange", "Double", "8.0", "Farthest return kept, in metres", "8.0"),
                    new ModuleParam("minClusterPoints", "Integer", "3", "Returns needed to report an object", "3")),
            List.of(), Modules.SIGNER);

    static final ModuleInfo RULES = new ModuleInfo("rules", "0.1.0.SNAPSHOT", "Rule-based decision engine.",
            "cogos", "Apache-2.0", 0, "mvn:org.cogos/cogos-rules/0.1.0-SNAPSHOT", "", List.of(), List.of(),
            Modules.SIGNER);

    static final ModuleInfo COORDINATOR = new ModuleInfo("coordinator", "0.1.0.SNAPSHOT",
            "Fuses observations into one scene per robot and asks the decision engine what to do.", "cogos",
            "Apache-2.0", 0, "mvn:org.cogos/cogos-coordinator/0.1.0-SNAPSHOT", "org.cogos.coordinator",
            List.of(new ModuleParam("sceneWindowMillis", "Long", "", "How long observations stay in a scene", "")),
            List.of("rules", "sensor"), Modules.SIGNER);

    private Modules() {
    }
}
