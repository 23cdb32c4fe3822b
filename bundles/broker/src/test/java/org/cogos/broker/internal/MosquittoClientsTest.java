package org.cogos.broker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Rule;
import org.junit.Test;

/** Mosquitto's command-line clients (MQTT 3.1.1 by default, and MQTT 5) against the broker. */
public class MosquittoClientsTest {

    @Rule
    public final RunningBroker broker = new RunningBroker();

    @Test
    public void mqtt311ClientsPublishAndSubscribeIncludingQos2() throws Exception {
        exchange("mqttv311", "2");
    }

    @Test
    public void mqtt5ClientsPublishAndSubscribe() throws Exception {
        exchange("mqttv5", "1");
    }

    @Test
    public void mqtt31ClientsAreAcceptedToo() throws Exception {
        exchange("mqttv31", "1");
    }

    /**
     * A retained "ready" message tells when the subscription is in place; then three messages at QoS 0, 1 and
     * the highest QoS the version may send must reach the subscriber in order.
     */
    private void exchange(String version, String highestQos) throws Exception {
        assumeTrue("mosquitto clients installed", new File("/usr/bin/mosquitto_sub").canExecute());
        String port = Integer.toString(broker.port());
        String topic = "mosq/" + version;
        run("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-V", version, "-t", topic + "/ready", "-m", "ready",
                "-r", "-q", "1");
        Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", port, "-V", version,
                "-t", topic + "/#", "-q", "1", "-v", "-C", "4", "-W", "20")
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(sub.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            lines.add(out.readLine());
            assertEquals(topic + "/ready ready", lines.get(0));
            run("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-V", version, "-t", topic + "/a", "-m", "zero",
                    "-q", "0");
            run("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-V", version, "-t", topic + "/b", "-m", "one",
                    "-q", "1");
            run("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-V", version, "-t", topic + "/c", "-m", "top",
                    "-q", highestQos);
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
            assertTrue("mosquitto_sub finished", sub.waitFor(20, TimeUnit.SECONDS));
            assertEquals(List.of(topic + "/ready ready", topic + "/a zero", topic + "/b one", topic + "/c top"),
                    lines);
            assertEquals(0, sub.exitValue());
        } finally {
            sub.destroyForcibly();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertTrue(String.join(" ", command) + " finished", p.waitFor(20, TimeUnit.SECONDS));
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(String.join(" ", command) + ": " + output, 0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
