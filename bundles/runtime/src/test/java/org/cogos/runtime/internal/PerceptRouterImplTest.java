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
import org.cogos.api.admin.ModalityQueue;
import org.cogos.api.admin.ModuleCounters;
import org.cogos.api.admin.UnservedModality;
import org.junit.After;
import org.junit.Test;

public class PerceptRouterImplTest {

    private final ModuleEventLogImpl events = new ModuleEventLogImpl(10_000);
    private final Map<String, List<Long>> observed = new ConcurrentHashMap<>();
    /** The same by "robot/modality". */
    private final Map<String, List<Long>> streams = new ConcurrentHashMap<>();
    private final List<PerceptError> errors = new CopyOnWriteArrayList<>();
    private PerceptRouterImpl router;
    private long serviceIds;

    private PerceptRouterImpl start(RouterOptions options) {
        router = new PerceptRouterImpl(events, options);
        router.bindObservationSink(o -> {
            observed.computeIfAbsent(o.robotId(), r -> new CopyOnWriteArrayList<>()).add(o.perceptSequence());
            stream(o.robotId(), o.modality()).add(o.perceptSequence());
        });
        router.bindErrorSink(errors::add);
        return router;
    }

    @After
    public void stop() throws InterruptedException {
        if (router != null) {
            router.deactivate();
        }
    }

    /**
     * A module that echoes each percept into an observation; a new instance each time, as a new service is (a
     * lambda capturing nothing is one instance, so two modalities' modules would be the same key to the router).
     */
    private static CognitiveModule echo() {
        return new CognitiveModule() {
            @Override
            public Observation process(Percept p) {
                return new Observation(p.robotId(), p.modality(), "echo", p.sequence(), -1, p.receivedNanos(),
                        System.currentTimeMillis(), List.of());
            }
        };
    }

    private void add(CognitiveModule module) {
        add(module, "echo", "lidar", 0);
    }

    private void add(CognitiveModule module, String name, String modality, int backlog) {
        router.addModule(module, name, modality, 7, 0, ++serviceIds, backlog);
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
     * (It used a module of another modality to park the robot's only lane; modalities no longer share lanes, so
     * the parked gate now shows that lidar does not wait for it.)
     */
    @Test
    public void regressionHoldingWasLoggedForTheFirstSwapOnly() throws Exception {
        start(new RouterOptions(1, 1_000, 1_000, 5_000, 20));
        CountDownLatch release = new CountDownLatch(1);
        add(blockedUntil(release, null), "gate", "gate", 0);
        router.submit(percept("r1", 0));
        awaitEvent("holding lidar", 1);
        router.submit(percept("r1", "gate", 100));
        router.submit(percept("r1", 1));
        CognitiveModule lidar = echo();
        add(lidar);
        awaitObservations(2);
        assertEquals("lidar does not wait for the parked gate", List.of(0L, 1L), observed.get("r1"));
        release.countDown();
        awaitObservations(3);
        assertEquals(List.of(0L, 1L, 100L), observed.get("r1"));

        router.unbindModule(lidar);
        router.submit(percept("r1", 2));
        awaitEvent("holding lidar", 2);
    }

    /** An echo module that first waits for {@code release}, counting down {@code entered} (if any) as it waits. */
    private static CognitiveModule blockedUntil(CountDownLatch release, CountDownLatch entered) {
        return p -> {
            if (entered != null) {
                entered.countDown();
            }
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return echo().process(p);
        };
    }

    /** Unbinds the lidar module and binds a new one, {@code swaps} times, a few milliseconds apart. */
    private void swapLidar(CognitiveModule first, int swaps) throws InterruptedException {
        CognitiveModule current = first;
        for (int swap = 0; swap < swaps; swap++) {
            Thread.sleep(2);
            router.unbindModule(current);
            Thread.sleep(1);
            current = echo();
            add(current);
        }
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
        swapLidar(first, 20);
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

    /** What /metrics exposes per module: processed, errors by code, every processing time in its bucket. */
    @Test
    public void countsEveryOutcomeOfAModuleSinceItStarted() throws Exception {
        start(new RouterOptions(1, 1_000, 1_000, 5_000, 20));
        add(p -> {
            if (p.sequence() == 1) {
                throw new PerceptException(PerceptException.MALFORMED, "bad scan");
            }
            if (p.sequence() == 2) {
                throw new IllegalStateException("bug");
            }
            return echo().process(p);
        });
        for (int i = 0; i < 6; i++) {
            router.submit(percept("r1", i));
        }
        awaitObservations(4);
        awaitErrors(2);

        ModuleCounters counters = router.allMetrics().get("echo").counters("echo");
        assertEquals(4, counters.processed());
        assertEquals(Map.of("malformed", 1L, "module_fault", 1L), counters.errorsByCode());
        assertEquals(counters.latencyBoundsNanos().size() + 1, counters.latencyCounts().size());
        assertEquals("each processed percept in one bucket", 4L,
                counters.latencyCounts().stream().mapToLong(Long::longValue).sum());
        assertTrue(counters.latencySumNanos() > 0);
    }

    /** What /metrics exposes per modality: each lane's queue and the bytes waiting against the budget. */
    @Test
    public void showsWhatWaitsInEachLane() throws Exception {
        start(new RouterOptions(1, 1_000, 1_000, 5_000, 20));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        add(blockedUntil(release, entered));
        try {
            for (int i = 0; i < 3; i++) {
                router.submit(percept("r1", i));
            }
            assertTrue(entered.await(5, SECONDS));
            ModalityQueue lidar = router.queues().get(0);
            assertEquals("lidar", lidar.modality());
            assertEquals("one percept in the module, two queued", List.of(2), lidar.queuedPerLane());
            assertEquals(1_000, lidar.laneCapacity());
            assertEquals("three payloads of 2 bytes", 6, lidar.bytesWaiting());
            assertEquals(RouterOptions.DEFAULTS.modalityQueueMiB() << 20, lidar.bytesBudget());
        } finally {
            release.countDown();
        }
        awaitObservations(3);
        await().atMost(5, SECONDS).until(() -> router.queues().get(0).bytesWaiting() == 0);
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

    private List<Long> stream(String robot, String modality) {
        return streams.computeIfAbsent(robot + "/" + modality, k -> new CopyOnWriteArrayList<>());
    }

    /**
     * Issue 13: a camera module stuck on a frame (a latch here, 50-100 ms in life) held up every lidar scan queued
     * behind it on the robot's lane, and every other robot's on that lane. Now all of them are processed while it
     * is still stuck. One lane per modality, so both robots share every lane.
     */
    @Test
    public void aStuckCameraDelaysNeitherTheSameRobotsLidarNorAnotherRobots() throws Exception {
        start(new RouterOptions(1, 10_000, 1_000, 5_000, 20));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        add(blockedUntil(release, entered), "vision", "camera", 0);
        add(echo());
        Map<String, List<Long>> sent = new ConcurrentHashMap<>();
        long seq = 0;
        for (int i = 0; i < 20; i++) {
            for (String robot : List.of("r1", "r2")) {
                router.submit(percept(robot, "camera", seq));
                sent.computeIfAbsent(robot + "/camera", k -> new ArrayList<>()).add(seq++);
            }
        }
        assertTrue(entered.await(5, SECONDS));
        for (int i = 0; i < 500; i++) {
            for (String robot : List.of("r1", "r2")) {
                router.submit(percept(robot, "lidar", seq));
                sent.computeIfAbsent(robot + "/lidar", k -> new ArrayList<>()).add(seq++);
            }
        }
        await().atMost(20, SECONDS).pollInterval(5, MILLISECONDS).untilAsserted(
                () -> assertEquals(1_000, stream("r1", "lidar").size() + stream("r2", "lidar").size()));
        assertEquals("the camera is still stuck on its first frame", List.of(), stream("r1", "camera"));
        assertEquals(sent.get("r1/lidar"), stream("r1", "lidar"));
        assertEquals(sent.get("r2/lidar"), stream("r2", "lidar"));

        release.countDown();
        await().atMost(20, SECONDS).pollInterval(5, MILLISECONDS).untilAsserted(
                () -> assertEquals(40, stream("r1", "camera").size() + stream("r2", "camera").size()));
        assertEquals("no backlog declared: every frame, in order", sent.get("r1/camera"), stream("r1", "camera"));
        assertEquals(sent.get("r2/camera"), stream("r2", "camera"));
        assertTrue(errors.toString(), errors.isEmpty());
    }

    /** Audio's transcript goes through the text lanes: a spoken stop does not wait for the audio still running. */
    @Test
    public void aTranscriptDoesNotWaitForTheAudioModuleThatSubmittedIt() throws Exception {
        start(new RouterOptions(1, 1_000, 1_000, 5_000, 20));
        CountDownLatch release = new CountDownLatch(1);
        CognitiveModule slowAfterTranscript = blockedUntil(release, null);
        add(p -> {
            router.submit(percept(p.robotId(), "text", p.sequence()));
            return slowAfterTranscript.process(p);
        }, "audio", "audio", 0);
        add(echo(), "language", "text", 0);
        router.submit(percept("r1", "audio", 0));
        router.submit(percept("r1", "audio", 1));
        await().atMost(10, SECONDS).pollInterval(5, MILLISECONDS).untilAsserted(
                () -> assertEquals(List.of(0L), stream("r1", "text")));
        assertEquals(List.of(), stream("r1", "audio"));
        release.countDown();
        await().atMost(10, SECONDS).pollInterval(5, MILLISECONDS).untilAsserted(
                () -> assertEquals(List.of(0L, 1L), stream("r1", "text")));
        assertEquals(List.of(0L, 1L), stream("r1", "audio"));
    }

    /** Swaps of the lidar module under a stream of lidar and text from three robots: each stream whole, in order. */
    @Test
    public void mixedModalitiesKeepPerRobotPerModalityOrderAcrossSwaps() throws Exception {
        start(new RouterOptions(2, 100_000, 100_000, 5_000, 20));
        CognitiveModule first = echo();
        add(first);
        add(echo(), "language", "text", 0);
        String[] robots = { "r1", "r2", "r3" };
        Map<String, List<Long>> sent = new ConcurrentHashMap<>();
        Thread producer = new Thread(() -> {
            long seq = 0;
            for (int i = 0; i < 3_000; i++) {
                String modality = i % 3 == 0 ? "text" : "lidar";
                for (String robot : robots) {
                    router.submit(percept(robot, modality, seq));
                    sent.computeIfAbsent(robot + "/" + modality, k -> new ArrayList<>()).add(seq);
                }
                seq++;
            }
        });
        producer.start();
        swapLidar(first, 10);
        producer.join();
        awaitObservations(robots.length * 3_000);
        for (String robot : robots) {
            for (String modality : List.of("lidar", "text")) {
                assertEquals(robot + "/" + modality, sent.get(robot + "/" + modality), stream(robot, modality));
            }
        }
        assertTrue(errors.toString(), errors.isEmpty());
    }

    /**
     * Latest wins with a backlog of 1: while a frame is processed, each newer frame of the robot supersedes the
     * one waiting; the newest is always processed. Superseded frames are counted, not reported to the robot.
     * While the module is swapped out the backlog still holds, so a swap piles up one frame per robot, not all.
     */
    @Test
    public void aBacklogSupersedesTheOldestWaitingPerceptAndTheNewestIsProcessed() throws Exception {
        start(new RouterOptions(1, 1_000, 1_000, 5_000, 20));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        CognitiveModule camera = blockedUntil(release, entered);
        add(camera, "vision", "camera", 1);
        router.submit(percept("r1", "camera", 0));
        assertTrue(entered.await(5, SECONDS));
        for (long i = 1; i < 10; i++) {
            router.submit(percept("r1", "camera", i));
        }
        for (long i = 0; i < 5; i++) {
            router.submit(percept("r2", "camera", i));
        }
        assertEquals("r1's 1..8 and r2's 0..3", 12, router.metrics("vision").superseded.sum());
        release.countDown();
        awaitObservations(3);
        assertEquals(List.of(0L, 9L), observed.get("r1"));
        assertEquals(List.of(4L), observed.get("r2"));

        router.unbindModule(camera);
        for (long i = 10; i < 20; i++) {
            router.submit(percept("r1", "camera", i));
        }
        awaitEvent("holding camera", 1);
        await().atMost(10, SECONDS).pollInterval(5, MILLISECONDS).untilAsserted(
                () -> assertEquals(12 + 9, router.metrics("vision").superseded.sum()));
        add(echo(), "vision", "camera", 1);
        awaitObservations(4);
        assertEquals(List.of(0L, 9L, 19L), observed.get("r1"));
        assertEquals(0, router.metrics("vision").errors.sum());
        assertTrue(errors.toString(), errors.isEmpty());
    }

    /**
     * Regression: the lanes bounded percepts by count only, so the soak's audio lanes, behind a slow recogniser,
     * grew the heap by hundreds of MB of WAVs. Now a modality's waiting bytes are bounded; superseded and processed
     * percepts give theirs back, and another modality is never refused for it.
     */
    @Test
    public void regressionSlowAudioGrewTheHeapPastAnyBound() throws Exception {
        start(new RouterOptions(2, 100_000, 100_000, 5_000, 20, 5_000, 32, 1));
        CountDownLatch release = new CountDownLatch(1);
        add(blockedUntil(release, null), "audio", "audio", 0);
        add(echo());
        byte[] wav = new byte[100_000];
        int accepted = 0;
        String refusal = null;
        for (int i = 0; i < 100 && refusal == null; i++) {
            try {
                router.submit(new Percept("r" + i % 4, "audio", i, System.nanoTime(), System.currentTimeMillis(), wav));
                accepted++;
            } catch (IllegalStateException e) {
                refusal = e.getMessage();
            }
        }
        assertEquals("1 MiB holds ten 100 kB WAVs and one more fits nowhere", 10, accepted);
        assertTrue(refusal, refusal.contains("audio") && refusal.contains("modalityQueueMiB 1"));
        for (int i = 0; i < 50; i++) {
            router.submit(percept("r1", i));
        }
        awaitObservations(50);

        release.countDown();
        awaitObservations(60);
        router.submit(new Percept("r1", "audio", 100, System.nanoTime(), System.currentTimeMillis(), wav));
        awaitObservations(61);

        // A superseded percept gives its bytes back too.
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        add(blockedUntil(hold, entered), "vision", "camera", 1);
        router.submit(new Percept("r1", "camera", 0, System.nanoTime(), System.currentTimeMillis(), wav));
        assertTrue(entered.await(5, SECONDS));
        for (int i = 1; i <= 100; i++) {
            router.submit(new Percept("r1", "camera", i, System.nanoTime(), System.currentTimeMillis(), wav));
        }
        assertEquals(99, router.metrics("vision").superseded.sum());
        hold.countDown();
        awaitObservations(63);
        assertEquals(List.of(0L, 100L), stream("r1", "camera"));
        assertTrue(errors.toString(), errors.isEmpty());
    }

    /** A modality no module has ever served is held for the grace time, then refused, and so is what follows. */
    @Test
    public void aModalityNoModuleServesIsRefusedWithNoModuleAfterTheGraceTime() throws Exception {
        start(new RouterOptions(2, 1_000, 1_000, 5_000, 20, 1_000, 32, 64));
        for (long i = 0; i < 3; i++) {
            router.submit(percept("r1", "thermal", i));
        }
        await().atMost(5, SECONDS).pollInterval(5, MILLISECONDS).untilAsserted(
                () -> assertEquals(List.of(new UnservedModality("thermal", 3, 0)), router.unserved()));
        assertTrue("held within the grace time", errors.isEmpty());
        awaitErrors(3);
        router.submit(percept("r1", "thermal", 3));
        awaitErrors(4);
        assertEquals(List.of(0L, 1L, 2L, 3L), errors.stream().map(PerceptError::sequence).toList());
        assertTrue(errors.toString(), errors.stream().allMatch(e -> e.code().equals("no_module")
                && e.module().equals("router") && e.modality().equals("thermal") && e.robotId().equals("r1")));
        assertEquals(List.of(new UnservedModality("thermal", 0, 4)), router.unserved());
        awaitEvent("no module has registered for modality thermal", 1);

        add(echo(), "thermal", "thermal", 0);
        assertEquals(List.of(), router.unserved());
        router.submit(percept("r1", "thermal", 4));
        awaitObservations(1);
        assertEquals(List.of(4L), observed.get("r1"));
    }

    /** Start-up: percepts that arrive before their module registers are handed to it if it comes in time. */
    @Test
    public void aModuleRegisteringWithinTheGraceTimeGetsWhatWasHeld() throws Exception {
        start(new RouterOptions(2, 1_000, 1_000, 5_000, 20, 60_000, 32, 64));
        for (long i = 0; i < 3; i++) {
            router.submit(percept("r1", "thermal", i));
        }
        awaitEvent("holding thermal", 1);
        add(echo(), "thermal", "thermal", 0);
        awaitObservations(3);
        assertEquals(List.of(0L, 1L, 2L), observed.get("r1"));
        assertTrue(errors.toString(), errors.isEmpty());
    }

    /** A modality that had a module is being swapped: held past the grace time, as long as the swap takes. */
    @Test
    public void aSwappedModalityIsHeldPastTheGraceTime() throws Exception {
        start(new RouterOptions(2, 1_000, 1_000, 5_000, 20, 0, 32, 64));
        CognitiveModule lidar = echo();
        add(lidar);
        router.unbindModule(lidar);
        router.submit(percept("r1", 0));
        awaitEvent("holding lidar", 1);
        Thread.sleep(200);
        assertTrue(errors.toString(), errors.isEmpty());
        assertEquals(List.of(), router.unserved());
        add(echo());
        awaitObservations(1);
        assertEquals(List.of(0L), observed.get("r1"));
    }

    /** Robots naming ever new modalities cannot make the router start lanes without end. */
    @Test
    public void aModalityBeyondMaxModalitiesIsRefusedAtOnceUnlessAModuleServesIt() throws Exception {
        start(new RouterOptions(1, 1_000, 1_000, 5_000, 20, 60_000, 2, 64));
        add(echo());
        router.submit(percept("r1", 0));
        router.submit(percept("r1", "thermal", 1));
        router.submit(percept("r1", "sonar", 2));
        awaitErrors(1);
        assertEquals("no_module", errors.get(0).code());
        assertEquals("sonar", errors.get(0).modality());
        add(echo(), "language", "text", 0);
        router.submit(percept("r1", "text", 3));
        awaitObservations(2);
        assertEquals(List.of(0L, 3L), observed.get("r1"));
        assertEquals(1, errors.size());
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
