package org.cogos.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import javax.inject.Inject;

import org.cogos.api.Observation;
import org.cogos.api.ObservationSink;
import org.cogos.api.Percept;
import org.cogos.api.PerceptRouter;
import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.ModuleState;
import org.cogos.api.admin.ModuleStatus;
import org.cogos.api.ml.ModelInfo;
import org.cogos.api.ml.ModelRegistry;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceRegistration;

/**
 * Issue 2's hot-swap guarantee, inside the real distribution, for every module: a stream of percepts from two robots
 * while the module is swapped 20 times (10 bundle:update, 10 rmmod + insmod). Every percept must yield exactly one
 * observation of its modality, in per-robot order, and no bundle but the module's may stop. The sensor takes 10,000
 * LIDAR percepts at over 1,000/s, interleaved with 1,000 text commands for the language module, which is not swapped
 * and must see each exactly once, in order, too (issue 13: modalities have their own lanes); the language module,
 * which loads its OpenNLP models at every activation, 4,000 text commands; vision and audio, which load an ONNX model
 * at every activation, camera frames and recorded commands at the rate their models keep up with. Vision declares a
 * backlog (latest wins), so a frame may be superseded instead: then each frame is either observed, in order, or
 * counted superseded, and each robot's newest frame is observed. Swapping a model module must leave no model and no
 * thread behind.
 */
@RunWith(PaxExamWithKarafLog.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends KarafTestSupport {

    private static final String[] ROBOTS = { "swap-r1", "swap-r2" };
    private static final String[] COMMANDS = { "move forward two meters", "pick up the red cup", "help me",
        "turn left 90 degrees", "stop" };

    @Inject
    private PerceptRouter router;
    @Inject
    private ModuleManager modules;
    @Inject
    private ModelRegistry models;

    @Configuration
    public Option[] config() {
        return cogosDistribution(
                editConfigurationFilePut("etc/system.properties", "cogos.it.cameraFrame",
                        Fixtures.CAMERA_FRAME.toString()),
                editConfigurationFilePut("etc/system.properties", "cogos.it.speech", Fixtures.SPEECH.toString()));
    }

    /** Percepts of a modality whose module is not swapped, sent along every {@code every}-th percept. */
    private record Companion(String modality, int every, IntFunction<byte[]> payload) {
    }

    @Test
    public void twentySensorSwapsUnderAStreamLoseNothing() throws Exception {
        twentySwapsUnderAStreamLoseNothing("sensor", "org.cogos.sensor", "lidar", 5_000, 1_250, 1_000,
                i -> LidarScans.personAhead(i, 3.0), false, new Companion("text", 10, HotSwapIT::command));
    }

    @Test
    public void twentyLanguageSwapsUnderAStreamLoseNothing() throws Exception {
        twentySwapsUnderAStreamLoseNothing("language", "org.cogos.language", "text", 2_000, 200, 190,
                HotSwapIT::command, false, null);
    }

    @Test
    public void twentyVisionSwapsUnderAStreamLoseNothing() throws Exception {
        byte[] frame = Files.readAllBytes(Path.of(System.getProperty("cogos.it.cameraFrame")));
        twentySwapsUnderAStreamLoseNothing("vision", "org.cogos.vision", "camera", 80, 8, 7, i -> frame, true, null);
        assertModelsReleasedOnUnload("vision", "org.cogos.vision");
    }

    @Test
    public void twentyAudioSwapsUnderAStreamLoseNothing() throws Exception {
        byte[] speech = Files.readAllBytes(Path.of(System.getProperty("cogos.it.speech")));
        twentySwapsUnderAStreamLoseNothing("audio", "org.cogos.audio", "audio", 80, 8, 7, i -> speech, false, null);
        assertModelsReleasedOnUnload("audio", "org.cogos.audio");
    }

    private static byte[] command(int i) {
        return ("{\"text\":\"" + COMMANDS[i % COMMANDS.length] + "\",\"seq\":" + i + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param latestWins the module declares a backlog: a percept may be superseded rather than observed
     * @param companion  another modality streamed alongside, or null
     */
    private void twentySwapsUnderAStreamLoseNothing(String module, String symbolicName, String modality,
            int perRobot, int ratePerSecond, int minRate, IntFunction<byte[]> payload, boolean latestWins,
            Companion companion) throws Exception {
        List<String> modalities = companion == null ? List.of(modality) : List.of(modality, companion.modality());
        // Per robot and modality ("robot/modality"), by ingest sequence, which every module carries over.
        Map<String, List<Long>> submitted = new ConcurrentHashMap<>();
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        for (String robot : ROBOTS) {
            for (String m : modalities) {
                submitted.put(robot + "/" + m, new ArrayList<>());
                seen.put(robot + "/" + m, new CopyOnWriteArrayList<>());
            }
        }
        ObservationSink sink = o -> {
            List<Long> list = seen.get(o.robotId() + "/" + o.modality());
            if (list != null) {
                list.add(o.perceptSequence());
            }
        };
        long supersededBefore = superseded(module);
        ServiceRegistration<ObservationSink> registration =
                bundleContext.registerService(ObservationSink.class, sink, null);

        String location = moduleBundle(symbolicName).getLocation();
        List<String> othersStopped = new CopyOnWriteArrayList<>();
        List<Long> bundleIds = new CopyOnWriteArrayList<>(List.of(moduleBundle(symbolicName).getBundleId()));
        BundleListener watcher = event -> {
            if (event.getType() == BundleEvent.STOPPED
                    && !symbolicName.equals(event.getBundle().getSymbolicName())) {
                othersStopped.add(event.getBundle().getSymbolicName());
            }
        };
        bundleContext.addBundleListener(watcher);

        Thread swapper = new Thread(() -> {
            try {
                Thread.sleep(500);
                for (int swap = 0; swap < 20; swap++) {
                    if (swap < 10) {
                        moduleBundle(symbolicName).update();
                    } else {
                        modules.rmmod(module, false);
                        modules.insmod(location);
                        bundleIds.add(moduleBundle(symbolicName).getBundleId());
                    }
                    Thread.sleep(300);
                }
            } catch (Exception e) {
                throw new IllegalStateException("swap failed", e);
            }
        }, "swapper");
        List<Throwable> swapFailures = Collections.synchronizedList(new ArrayList<>());
        swapper.setUncaughtExceptionHandler((t, e) -> swapFailures.add(e));

        long start = System.nanoTime();
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        swapper.start();
        long sequence = 0;
        long paced = 0;
        for (int i = 0; i < perRobot; i++) {
            for (String robot : ROBOTS) {
                long due = start + paced++ * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                router.submit(new Percept(robot, modality, sequence, System.nanoTime(), System.currentTimeMillis(),
                        payload.apply(i)));
                submitted.get(robot + "/" + modality).add(sequence++);
                if (companion != null && i % companion.every() == 0) {
                    router.submit(new Percept(robot, companion.modality(), sequence, System.nanoTime(),
                            System.currentTimeMillis(), companion.payload().apply(i)));
                    submitted.get(robot + "/" + companion.modality()).add(sequence++);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        swapper.join(120_000);
        assertTrue("swaps: " + swapFailures, swapFailures.isEmpty());
        assertTrue("stream rate " + (paced / seconds) + "/s", paced / seconds >= minRate);

        // Then the per-robot assertions below say what is missing, if anything.
        long expected = submitted.values().stream().mapToInt(List::size).sum();
        waitFor(120_000, 50, () -> seen.values().stream().mapToInt(List::size).sum()
                + superseded(module) - supersededBefore >= expected);
        registration.unregister();
        bundleContext.removeBundleListener(watcher);

        long supersededNow = superseded(module) - supersededBefore;
        if (latestWins) {
            long observed = 0;
            for (String robot : ROBOTS) {
                List<Long> sent = submitted.get(robot + "/" + modality);
                List<Long> got = seen.get(robot + "/" + modality);
                List<Long> inOrder = new ArrayList<>(sent);
                inOrder.retainAll(got);
                assertEquals(robot + ": observations in order, each at most once", inOrder, got);
                assertEquals(robot + ": the newest frame is observed", sent.get(sent.size() - 1),
                        got.get(got.size() - 1));
                observed += got.size();
            }
            assertEquals("every frame observed or superseded", ROBOTS.length * perRobot, observed + supersededNow);
        } else {
            assertEquals(module + " supersedes nothing", 0, supersededNow);
        }
        for (String robot : ROBOTS) {
            for (String m : modalities) {
                if (!latestWins || !m.equals(modality)) {
                    assertEquals(robot + "/" + m + ": one observation per percept, in order",
                            submitted.get(robot + "/" + m), seen.get(robot + "/" + m));
                }
            }
        }
        assertEquals("bundles other than " + module + "'s stopped", List.of(), othersStopped);
        assertEquals(module + " reinstalled 10 times", 11, bundleIds.stream().distinct().count());
        assertEquals(ModuleState.LIVE, modules.list().stream().filter(s -> s.name().equals(module)).findFirst()
                .orElseThrow().state());
    }

    /**
     * The module's models are in the registry while it is live and gone once it is removed; five more rounds of
     * rmmod + insmod leave the process with no more threads (Java and native: ORT's pools) than one round does.
     */
    private void assertModelsReleasedOnUnload(String module, String symbolicName) throws Exception {
        String location = moduleBundle(symbolicName).getLocation();
        List<String> live = modelNames();
        modules.rmmod(module, false);
        List<String> own = new ArrayList<>(live);
        own.removeAll(modelNames());
        assertTrue(module + " released its models on rmmod: loaded while live " + live, !own.isEmpty());

        modules.insmod(location);
        modules.rmmod(module, false);
        long threadsAfterOneRound = processThreads();
        for (int round = 0; round < 5; round++) {
            modules.insmod(location);
            assertTrue(module + " loads its models again", modelNames().containsAll(own));
            modules.rmmod(module, false);
            List<String> left = new ArrayList<>(own);
            left.retainAll(modelNames());
            assertEquals(module + "'s models after rmmod", List.of(), left);
        }
        long threads = processThreads();
        assertTrue("threads " + threadsAfterOneRound + " -> " + threads, threads <= threadsAfterOneRound + 2);
        modules.insmod(location);
    }

    private long superseded(String module) {
        return modules.list().stream().filter(s -> s.name().equals(module)).mapToLong(ModuleStatus::superseded)
                .sum();
    }

    private List<String> modelNames() {
        return models.list().stream().map(ModelInfo::name).toList();
    }

    /** Threads of the whole process, native ones included, from /proc. */
    private static long processThreads() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Threads:"))
                .mapToLong(l -> Long.parseLong(l.substring("Threads:".length()).trim())).findFirst().orElseThrow();
    }

    private Bundle moduleBundle(String symbolicName) {
        for (Bundle bundle : bundleContext.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.UNINSTALLED) {
                return bundle;
            }
        }
        throw new IllegalStateException(symbolicName + " is not installed");
    }
}
