package org.cogos.ml.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.Test;

/** The shipped etc/org.cogos.ml.cfg sets exactly the Metatype's keys, to their defaults. */
public class MlConfigFileTest {

    @Test
    public void shippedConfigMatchesTheMetatypeDefaults() throws Exception {
        Path cfg = Path.of("..", "..", "config", "etc", MlConfig.PID + ".cfg");
        assertTrue(cfg.toAbsolutePath() + " is shipped", Files.exists(cfg));
        Map<String, String> shipped = new TreeMap<>();
        for (String line : Files.readAllLines(cfg)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("=", 2);
            shipped.put(kv[0].trim(), kv[1].trim());
        }
        Map<String, String> declared = new TreeMap<>();
        for (Method m : MlConfig.class.getDeclaredMethods()) {
            declared.put(m.getName(), String.valueOf(m.getDefaultValue()));
        }
        assertEquals(declared, shipped);
    }
}
