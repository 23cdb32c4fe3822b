package org.cogos.runtime.internal;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cogos.api.CognitiveModule;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptError;
import org.cogos.api.PerceptException;
import org.junit.After;
import org.junit.Test;

public class PerceptRouterImplTest {

    private final ModuleEventLogImpl events = new ModuleEventLogImpl(10_000);
    private final Map<String, List<Long>> observed = new ConcurrentHashMap<>();
    private final List<PerceptError> errors = new CopyOnWriteArrayList<>();
    private PerceptRouterImpl router;
    private long serviceIds;

    private PerceptRouterImpl start(RouterOptions options) {
        router = new PerceptRouterImpl(events, options);
        router.bindObservationSink(o -> observed.computeIfAbsent(o.robotId(), r -> new CopyOnWriteArrayList<>())
                .add(o.perceptSequence()));
        router.bindErrorSink(errors::add);
        return router;
    }

    @After
    public void stop() throws InterruptedException {
        if (router != null) {
            router.deactivate();
        }
    }

    /** A module that echoes each percept into an observation with the module's generation in it. */
    private static CognitiveModule echo() {
        return p -> new Observation(p.robotId(), p.modality(), "echo", p.sequence(), -1, p.receivedNanos(),
                System.currentTimeMillis(), List.of());
    }

    private void add(CognitiveModule module) {
        router.addModule(module, "echo", "lidar", 7, 0, ++serviceIds);
    }

    private static Percept percept(String robot, long seq) {
        return percept(robot, "lidar", seq);
    }

    private static Percept percept(String robot, String modality, long seq) {
        return new Percept(robot, modality, seq, System.nanoTime(), System.currentTimeMillis(),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Regression: at stop, held percepts were looked up by the modalities that had had a module, so those of a
     * modality never served were dropped without a word.
     */
    @Test
    public void regressionHeldPerceptsOfANeverServedModalityWereDroppedAtStop() throws Exception {
        start(new RouterOptions(2, 1_000, 1_000, 5_000, 20));
        for (int i = 0; i < 3; i++) {
            router.submit(percept("r1", "camera", i));
        }
        router.deactivate();
        router = null;
        assertEquals(3, errors.size());
        assertTrue(errors.toString(), errors.stream().allMatch(e -> e.code().equals("router_stopped")
                && e.modality().equals("camera")));
    }

    /**
     * Regression: the once-per-episode "holding" flag was cleared only by the scheduled hand-over, and only when
     * it still found percepts; when a later percept handed them over first, no later swap was ever logged.
     */
    @Test
    public void regressionHoldingWasLoggedForTheFirstSwapOnly() throws Exception {
        start(new RouterOptions(1, 1_000, 1_000, 5_000, 20));
        // A module of another modality parks the only lane, so that a lidar percept queued before the lidar
        // module arrives is processed after it, ahead of the scheduled hand-over (the order that hid the bug).
        CountDownLatch release = new CountDownLatch(1);
        router.addModule(p -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return echo().process(p);
        }, "gate", "gate", 8, 0, ++serviceIds);
        router.submit(percept("r1", 0));
        awaitEvent("holding lidar", 1);
        router.submit(percept("r1", "gate", 100));
        router.submit(percept("r1", 1));
        CognitiveModule lidar = echo();
        add(lidar);
        release.countDown();
        awaitObservations(3);
        // Held lidar percept 0 waits for a lidar module; order is kept within a modality, not across them.
        assertEquals(List.of(100L, 0L, 1L), observed.get("r1"));

        router.unbindModule(lidar);
        router.submit(percept("r1", 2));
        awaitEvent("holding lidar", 2);
    }

    private void awaitEvent(String text, long count) {
        await().atMost(10, SECONDS).pollInterval(5, MILLISECONDS).untilAsserted(() -> assertTrue(
                "expected " + count + " events with '" + text + "': " + events.recent(50),
                events.recent(1_000).stream().filter(e -> e.message().contains(text)).count() >= count));
    }

    @Test
    public void swapsUnderStreamLoseNothingAndKeepPerRobotOrder() throws Exception {
        start(new RouterOptions(4, 100_000, 100_000, 5_000, 20));
        CognitiveModule first = echo();
        add(first);
        int perRobot = 5_000;
        String[] robots = { "r1", "r2", "r3" };
        Thread producer = new Thread(() -> {
            for (int i = 0; i < perRobot; i++) {
                for (String robot : robots) {
                    router.submit(percept(robot, i));
                }
                if (i % 50 == 0) {
                    Thread.onSpinWait();
                }
            }
        });
        producer.start();
        CognitiveModule current = first;
        for (int swap = 0; swap < 20; swap++) {
            Thread.sleep(2);
            router.unbindModule(current);
            Thread.sleep(1);
            current = echo();
            add(current);
        }
        producer.join();
        awaitObservations(robots.length * perRobot);
        for (String robot : robots) {
            List<Long> seqs = observed.get(robot);
            assertEquals(robot + " count", perRobot, seqs.size());
            for (int i = 0; i < perRobot; i++) {
                assertEquals(robot + " order at " + i, i, (long) seqs.get(i));
            }
        }
        assertTrue(errors.isEmpty());
    }

    @Test
    public void perceptsArrivingWithNoModuleAreHeldThenHandedOver() throws Exception {
        start(new RouterOptions(2, 1_000, 1_000, 5_000, 20));
        for (int i = 0; i < 100; i++) {
            router.submit(percept("r1", i));
        }
        Thread.sleep(100);
        assertTrue("nothing may be processed without a module", observed.isEmpty());
        add(echo());
        awaitObservations(100);
        assertEquals(100, observed.get("r1").size());
        assertEquals(99L, (long) observed.get("r1").get(99));
    }

    @Test
    public void heldOverflowRefusesTheNewestWithAnError() throws Exception {
        start(new RouterOptions(1, 1_000, 10, 5_000, 20));
        for (int i = 0; i < 15; i++) {
            router.submit(percept("r1", i));
        }
        awaitErrors(5);
        add(echo());
        awaitObservations(10);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), observed.get("r1"));
        assertEquals("held_overflow", errors.get(0).code());
        assertEquals(10, errors.get(0).sequence());
    }

    @Test
    public void refusedPerceptIsReportedAndTheStreamGoesOn() throws Exception {
        start(new RouterOptions(1, 1_000, 1_000, 5_000, 20));
        add(p -> {
            if (p.sequence() == 3) {
                throw new PerceptException(PerceptException.MALFORMED, "bad scan");
            }
            return echo().process(p);
        });
        for (int i = 0; i < 6; i++) {
            router.submit(percept("r1", i));
        }
        awaitObservations(5);
        awaitErrors(1);
        assertEquals(List.of(0L, 1L, 2L, 4L, 5L), observed.get("r1"));
        assertEquals("malformed", errors.get(0).code());
        assertEquals("echo", errors.get(0).module());
    }

    @Test
    public void moduleThatKeepsFailingIsQuarantinedAndItsPerceptsHeldForTheReplacement() throws Exception {
        start(new RouterOptions(1, 1_000, 1_000, 5_000, 3));
        CognitiveModule broken = p -> {
            throw new IllegalStateException("bug");
        };
        add(broken);
        for (int i = 0; i < 5; i++) {
            router.submit(percept("r1", i));
        }
        awaitErrors(3);
        Thread.sleep(50);
        assertEquals("faults stop at the quarantine limit", 3, errors.size());
        assertTrue(events.recent(100).stream().anyMatch(e -> e.message().contains("quarantined")));
        router.unbindModule(broken);
        add(echo());
        awaitObservations(2);
        assertEquals(List.of(3L, 4L), observed.get("r1"));
    }

    @Test
    public void unbindWaitsForTheCallInFlight() throws Exception {
        start(new RouterOptions(1, 1_000, 1_000, 5_000, 20));
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        CognitiveModule slow = p -> {
            inCall.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
            return echo().process(p);
        };
        add(slow);
        router.submit(percept("r1", 0));
        assertTrue(inCall.await(5, TimeUnit.SECONDS));
        Thread unbinder = new Thread(() -> router.unbindModule(slow));
        unbinder.start();
        unbinder.join(200);
        assertTrue("unbind must wait while a call is in flight", unbinder.isAlive());
        release.countDown();
        unbinder.join(5_000);
        assertFalse(unbinder.isAlive());
        assertEquals(1, finished.get());
    }

    private void awaitObservations(int total) throws InterruptedException {
        await().atMost(20, SECONDS).pollInterval(5, MILLISECONDS).untilAsserted(() -> {
            List<Integer> sizes = new ArrayList<>();
            observed.values().forEach(l -> sizes.add(l.size()));
            assertTrue("expected " + total + " observations, got " + sizes,
                    sizes.stream().mapToInt(Integer::intValue).sum() >= total);
        });
        // Time for any observation beyond the total (a duplicate) to show up before the caller counts.
        Thread.sleep(20);
    }

    private void awaitErrors(int count) {
        await().atMost(10, SECONDS).pollInterval(5, MILLISECONDS).untilAsserted(
                () -> assertTrue("expected " + count + " errors, got " + errors, errors.size() >= count));
    }
}
