package org.cogos.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

import org.cogos.harness.CogosInstance;
import org.cogos.robotsim.LidarScenario;
import org.cogos.robotsim.RobotSimulator;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The hot-swap guarantee over the whole data path, as a robot sees it: 10,000 scans at over 1,000/s over MQTT while an
 * operator swaps the sensor module 20 times from the console (10 bundle:update, 10 cog:rmmod + cog:insmod), one
 * after the other; the stream goes on until the last swap is done. Every
 * scan shows a person and repeat suppression is off, so every scan must come back as exactly one action, in order.
 */
public class MqttHotSwapIT {

    private static final int SCANS = 10_000;
    private static final double RATE = 1_050;

    private static CogosInstance cogos;
    /** What the operator's console printed, filled by the operator thread. */
    private static final StringBuffer operatorOutput = new StringBuffer();

    @BeforeClass
    public static void start() throws Exception {
        cogos = ScenarioSupport.unpack("hot-swap");
        cogos.configure("org.cogos.coordinator", "repeatSuppressionMs", "0");
        cogos.start(120_000);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (cogos != null) {
            cogos.close();
        }
    }

    @Test
    public void twentySwapsUnderAnMqttStreamLoseNothing() throws Exception {
        String location = cogos.shell("cog:modinfo -F location sensor").lines()
                .filter(l -> l.startsWith("mvn:")).findFirst().orElseThrow();
        ConcurrentLinkedQueue<Long> acted = new ConcurrentLinkedQueue<>();
        LidarScenario personAhead = new LidarScenario(1.0, 0.0, 1);
        String consoleOutput;
        long sent;
        try (RobotSimulator robot = new RobotSimulator(cogos.mqttUri(), "swap-robot", "cogos/v1", 1)
                .setPassword(cogos.robotPassword("swap-robot"))) {
            robot.connect();
            robot.addActionListener(a -> acted.add(a.sourceSeq()));
            Thread operator = new Thread(() -> {
                try (CogosInstance.Console console = cogos.console()) {
                    Thread.sleep(1_000);
                    for (int swap = 0; swap < 20; swap++) {
                        if (swap % 2 == 0) {
                            console.run("bundle:update org.cogos.sensor", 30_000);
                        } else {
                            console.run("cog:rmmod sensor", 30_000);
                            console.run("cog:insmod " + location, 30_000);
                        }
                    }
                    operatorOutput.append(console.text());
                } catch (Exception e) {
                    operatorOutput.append("operator failed: ").append(e);
                }
            }, "operator");
            operator.start();
            // At least SCANS scans, and on until every swap is done, so all 20 happen under the stream.
            long start = System.nanoTime();
            long seq = 0;
            for (; (seq < SCANS || operator.isAlive()) && seq < 10L * SCANS; seq++) {
                long due = start + (long) (seq * 1e9 / RATE);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                robot.publishPipelined("sensors/lidar", personAhead.scan(seq, 1, System.currentTimeMillis()), 1);
            }
            double rate = seq / ((System.nanoTime() - start) / 1e9);
            sent = seq;
            assertFalse("the operator's swaps did not finish under the stream", operator.isAlive());
            await().atMost(60, SECONDS).untilAsserted(() -> assertTrue(
                    "actions for " + sent + " scans: " + acted.size(), acted.size() >= sent));
            consoleOutput = operatorOutput + cogos.shell("cog:dmesg -n 300");
            assertTrue("stream rate " + rate, rate >= 1_000);
            assertEquals("duplicates are dropped by id; " + robot.duplicatesDropped() + " were", sent, acted.size());
        }
        List<Long> order = new ArrayList<>(acted);
        for (int i = 0; i < sent; i++) {
            assertEquals("action order at " + i, i, (long) order.get(i));
        }
        assertFalse(consoleOutput, consoleOutput.contains("operator failed"));
        assertFalse(consoleOutput, consoleOutput.contains("Error executing command"));
        assertEquals(consoleOutput, 10, count(consoleOutput, "sensor: inserted from"));
        assertEquals(consoleOutput, 10, count(consoleOutput, "sensor: updated to version"));
        for (String other : new String[] { "mqtt", "coordinator", "rules", "broker" }) {
            assertFalse(other + " restarted:\n" + consoleOutput, consoleOutput.contains(other + ": stopped"));
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
