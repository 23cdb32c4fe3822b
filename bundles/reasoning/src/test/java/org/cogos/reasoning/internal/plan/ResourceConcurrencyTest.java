package org.cogos.reasoning.internal.plan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Test;

public class ResourceConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 3_000;
    private static final List<String> ROBOTS = List.of("r1", "r2");

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @After
    public void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    public void manyThreadsGrantingUsingAndClosingLeaveFullPoolsAndConsistentCounters() throws Exception {
        ResourceManager manager = new ResourceManager(ResourceCapacities.of(List.of("base", "speaker", "display",
                "gripper"), 8, 4096), Map.of(), LeakPolicy.REPORT);
        AtomicReference<ResourceLease> shared = new AtomicReference<>();
        AtomicInteger crossLeaseRefusals = new AtomicInteger();
        AtomicInteger refusedGrants = new AtomicInteger();
        AtomicInteger expectedLeaks = new AtomicInteger();
        List<Callable<Void>> workers = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            Random random = new Random(42 + thread);
            workers.add(() -> {
                for (int round = 0; round < ROUNDS; round++) {
                    List<ResourceClaim> claims = randomClaims(random);
                    ResourceLease lease;
                    try {
                        lease = manager.grant(ROBOTS.get(random.nextInt(ROBOTS.size())), claims);
                    } catch (ResourceUnavailableException e) {
                        refusedGrants.incrementAndGet();
                        continue;
                    }
                    try (lease) {
                        ResourceLease other = shared.getAndSet(lease);
                        if (other != null && other != lease && !lease.tokens().isEmpty()) {
                            try {
                                other.consume(lease.tokens().get(0), "intruder");
                            } catch (IllegalArgumentException expected) {
                                crossLeaseRefusals.incrementAndGet();
                            }
                        }
                        for (LinearResource token : lease.tokens()) {
                            int fate = random.nextInt(10);
                            if (fate < 7) {
                                lease.consume(token, "worker");
                            } else if (fate < 9) {
                                lease.release(token, "worker");
                            } else {
                                expectedLeaks.incrementAndGet();
                            }
                        }
                    }
                }
                return null;
            });
        }
        for (Future<Void> done : pool.invokeAll(workers)) {
            done.get();
        }

        for (String robot : ROBOTS) {
            assertEquals("pool of " + robot, manager.capacities(robot).amounts(), manager.free(robot));
        }
        ResourceCounters counters = manager.counters();
        assertEquals(counters.leasesOpened(), counters.leasesClosed());
        assertEquals(THREADS * ROUNDS, counters.leasesOpened() + counters.grantsRefused());
        assertEquals(refusedGrants.get(), counters.grantsRefused());
        assertEquals(expectedLeaks.get(), counters.tokensLeaked());
        assertEquals(crossLeaseRefusals.get(), counters.usesRefused());
        assertEquals(counters.tokensGranted(),
                counters.tokensConsumed() + counters.tokensReleased() + counters.tokensLeaked());
        assertTrue("the test must exercise contention", counters.grantsRefused() > 0);
        assertTrue("the test must exercise cross-lease use", crossLeaseRefusals.get() > 0);
    }

    @Test
    public void racingConsumersOfOneTokenHaveExactlyOneWinner() throws Exception {
        ResourceManager manager = new ResourceManager();
        for (int round = 0; round < 200; round++) {
            ResourceLease lease = manager.grant("r1", List.of(ResourceClaim.actuator("base")));
            LinearResource token = lease.tokens().get(0);
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int racer = 0; racer < THREADS; racer++) {
                String name = "racer-" + racer;
                racers.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        if (name.endsWith("7")) {
                            lease.close();
                            return false;
                        }
                        lease.consume(token, name);
                        return true;
                    } catch (IllegalStateException lost) {
                        return false;
                    }
                });
            }
            int winners = 0;
            for (Future<Boolean> result : pool.invokeAll(racers)) {
                winners += result.get() ? 1 : 0;
            }
            lease.close();
            assertTrue("at most one consumer wins", winners <= 1);
            assertEquals(winners == 1 ? TokenState.CONSUMED : TokenState.LEAKED, token.state());
        }
        ResourceCounters counters = manager.counters();
        assertEquals(1L, (long) manager.free("r1").get(ResourceId.actuator("base")));
        assertEquals(200, counters.leasesClosed());
        assertEquals(200, counters.tokensConsumed() + counters.tokensLeaked());
    }

    private static List<ResourceClaim> randomClaims(Random random) {
        List<ResourceClaim> claims = new ArrayList<>();
        for (String actuator : List.of("base", "speaker", "display", "gripper")) {
            if (random.nextInt(3) == 0) {
                claims.add(ResourceClaim.actuator(actuator));
            }
        }
        if (random.nextBoolean()) {
            claims.add(ResourceClaim.compute(1 + random.nextInt(4)));
        }
        if (random.nextBoolean()) {
            claims.add(ResourceClaim.memory(1 + random.nextInt(2048)));
        }
        return claims;
    }
}
