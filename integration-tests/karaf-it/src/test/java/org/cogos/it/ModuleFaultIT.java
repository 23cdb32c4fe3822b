package org.cogos.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.inject.Inject;

import org.cogos.api.CognitiveModule;
import org.cogos.api.ObservationSink;
import org.cogos.api.Percept;
import org.cogos.api.PerceptError;
import org.cogos.api.PerceptErrorSink;
import org.cogos.api.PerceptRouter;
import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.ModuleState;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * Issue 16, a module throwing on every percept, in the distribution: a module of a modality of its own ("thermal")
 * throws an unchecked exception for each percept while two robots stream LIDAR through the shipped sensor module.
 * The router counts each fault as an error for the robot, quarantines the module at quarantineAfterFaults (20) and
 * says so in dmesg (lsmod shows a module bundle with a quarantined service as such; this one is the test's own
 * service, not a module bundle); the LIDAR stream loses nothing, stays in order, and its processing time is printed for
 * the phase before the faulty module came (after a warm-up) and the phase after.
 */
@RunWith(PaxExamWithKarafLog.class)
@ExamReactorStrategy(PerClass.class)
public class ModuleFaultIT extends KarafTestSupport {

    private static final String[] ROBOTS = { "fault-r1", "fault-r2" };
    private static final int SCANS_PER_PHASE = 200;
    private static final int RATE_PER_SECOND = 100;

    @Inject
    private PerceptRouter router;
    @Inject
    private ModuleManager modules;

    @Configuration
    public Option[] config() {
        return cogosDistribution();
    }

    @Test
    public void aModuleThrowingOnEveryPerceptIsQuarantinedAndTheOthersGoOn() throws Exception {
        Map<String, List<Long>> observed = new ConcurrentHashMap<>();
        List<Long> latenciesNanos = new CopyOnWriteArrayList<>();
        List<PerceptError> thermalErrors = new CopyOnWriteArrayList<>();
        ObservationSink sink = o -> {
            if (o.modality().equals("lidar")) {
                latenciesNanos.add(System.nanoTime() - o.receivedNanos());
                observed.computeIfAbsent(o.robotId(), r -> new CopyOnWriteArrayList<>()).add(o.perceptSequence());
            }
        };
        PerceptErrorSink errors = e -> {
            if (e.modality().equals("thermal")) {
                thermalErrors.add(e);
            }
        };
        List<ServiceRegistration<?>> registrations = new ArrayList<>();
        registrations.add(bundleContext.registerService(ObservationSink.class, sink, null));
        registrations.add(bundleContext.registerService(PerceptErrorSink.class, errors, null));
        Map<String, List<Long>> submitted = new ConcurrentHashMap<>();
        AtomicLong sequence = new AtomicLong();
        try {
            stream(submitted, sequence, false); // warm-up: a fresh JVM's first scans are interpreted
            assertTrue("warm-up observed", waitFor(30_000, 50, () -> latenciesNanos.size() >= SCANS_PER_PHASE));
            latenciesNanos.clear();
            stream(submitted, sequence, false);
            long[] before = percentiles(latenciesNanos);
            latenciesNanos.clear();

            AtomicLong calls = new AtomicLong();
            CognitiveModule throwing = percept -> {
                calls.incrementAndGet();
                throw new IllegalStateException("thermal module bug " + percept.sequence());
            };
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(CognitiveModule.MODALITY, "thermal");
            properties.put(CognitiveModule.MODULE, "thermal");
            registrations.add(bundleContext.registerService(CognitiveModule.class, throwing, properties));
            stream(submitted, sequence, true);
            long[] after = percentiles(latenciesNanos);

            long expected = submitted.values().stream().mapToInt(List::size).sum();
            assertTrue("all LIDAR observed", waitFor(30_000, 50,
                    () -> observed.values().stream().mapToInt(List::size).sum() >= expected));
            for (String robot : ROBOTS) {
                assertEquals(robot + ": one observation per scan, in order", submitted.get(robot),
                        observed.get(robot));
            }
            assertEquals("faults stop at quarantineAfterFaults", 20, calls.get());
            assertEquals("each fault reported to the robot", 20, thermalErrors.size());
            assertTrue(execute("cog:dmesg"), execute("cog:dmesg").contains("quarantined after 20"));
            assertEquals(ModuleState.LIVE, modules.list().stream().filter(s -> s.name().equals("sensor"))
                    .findFirst().orElseThrow().state());
            System.out.printf("module throwing on every percept: %d calls, then quarantined; LIDAR %d scans, 0 "
                    + "lost, in order; LIDAR processing p50/p99/max %.1f/%.1f/%.1f ms before the faulty module, "
                    + "%.1f/%.1f/%.1f ms with it%n", calls.get(), expected, before[0] / 1e6, before[1] / 1e6,
                    before[2] / 1e6, after[0] / 1e6, after[1] / 1e6, after[2] / 1e6);
        } finally {
            registrations.forEach(ServiceRegistration::unregister);
        }
    }

    /** Two robots' LIDAR at {@link #RATE_PER_SECOND} in all, with a thermal percept after each scan if asked. */
    private void stream(Map<String, List<Long>> submitted, AtomicLong sequence, boolean thermal) {
        long start = System.nanoTime();
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / RATE_PER_SECOND;
        for (int i = 0; i < SCANS_PER_PHASE; i++) {
            String robot = ROBOTS[i % ROBOTS.length];
            long due = start + i * periodNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            long seq = sequence.incrementAndGet();
            router.submit(new Percept(robot, "lidar", seq, System.nanoTime(), System.currentTimeMillis(),
                    LidarScans.personAhead(seq, 2.0)));
            submitted.computeIfAbsent(robot, r -> new ArrayList<>()).add(seq);
            if (thermal) {
                router.submit(new Percept(robot, "thermal", sequence.incrementAndGet(), System.nanoTime(),
                        System.currentTimeMillis(), new byte[] {1}));
            }
        }
    }

    /** @return p50, p99 and max of the observed latencies, in nanoseconds */
    private static long[] percentiles(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new long[3];
        }
        return new long[] {sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)], sorted[sorted.length - 1]};
    }
}
