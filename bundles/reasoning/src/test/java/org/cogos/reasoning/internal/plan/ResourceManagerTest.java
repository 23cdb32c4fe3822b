package org.cogos.reasoning.internal.plan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ResourceManagerTest {

    private static final ResourceId BASE = ResourceId.actuator("base");
    private static final ResourceId SPEAKER = ResourceId.actuator("speaker");

    private final ResourceManager manager = new ResourceManager();

    @Test
    public void grantsOneTokenPerClaimInClaimOrderAndTakesThemFromThePool() {
        try (ResourceLease lease = manager.grant("r1",
                List.of(ResourceClaim.actuator("base"), ResourceClaim.compute(3), ResourceClaim.memory(1024)))) {
            assertEquals(List.of(BASE, ResourceId.COMPUTE, ResourceId.MEMORY),
                    lease.tokens().stream().map(LinearResource::id).toList());
            assertEquals(3, lease.tokens().get(1).amount());
            Map<ResourceId, Long> free = manager.free("r1");
            assertEquals(0L, (long) free.get(BASE));
            assertEquals(ResourceCapacities.DEFAULT_COMPUTE_UNITS - 3, (long) free.get(ResourceId.COMPUTE));
            assertEquals(ResourceCapacities.DEFAULT_MEMORY_BYTES - 1024, (long) free.get(ResourceId.MEMORY));
            assertEquals(1L, (long) free.get(SPEAKER));
            lease.tokens().forEach(token -> lease.consume(token, "step"));
        }
        assertEquals(manager.capacities("r1").amounts(), manager.free("r1"));
    }

    @Test
    public void consumingTwiceFailsNamingTheTokenAndTheFirstConsumer() {
        try (ResourceLease lease = manager.grant("r1", List.of(ResourceClaim.actuator("base")))) {
            LinearResource base = lease.tokens().get(0);
            lease.consume(base, "scene-1/approach");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> lease.consume(base, "scene-1/turn"));
            assertTrue(e.getMessage(), e.getMessage().contains("actuator:base#" + lease.id() + ".0"));
            assertTrue(e.getMessage(), e.getMessage().contains("already consumed by 'scene-1/approach'"));
            assertTrue(e.getMessage(), e.getMessage().contains("'scene-1/turn' cannot consume"));
            assertEquals(TokenState.CONSUMED, base.state());
            assertEquals("scene-1/approach", base.usedBy().orElseThrow());
        }
        assertEquals(1, manager.counters().usesRefused());
        assertEquals(1, manager.counters().tokensConsumed());
    }

    @Test
    public void releasedTokenCannotBeConsumedAndIsNotALeak() {
        try (ResourceLease lease = manager.grant("r1", List.of(ResourceClaim.compute(2)))) {
            LinearResource token = lease.tokens().get(0);
            lease.release(token, "plan/skipped");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> lease.consume(token, "x"));
            assertTrue(e.getMessage(), e.getMessage().contains("already released by 'plan/skipped'"));
        }
        ResourceCounters counters = manager.counters();
        assertEquals(1, counters.tokensReleased());
        assertEquals(0, counters.tokensLeaked());
    }

    @Test
    public void tokenFromAnotherLeaseIsRefused() {
        try (ResourceLease first = manager.grant("r1", List.of(ResourceClaim.actuator("base")));
                ResourceLease second = manager.grant("r1", List.of(ResourceClaim.actuator("speaker")))) {
            LinearResource base = first.tokens().get(0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> second.consume(base, "thief"));
            assertTrue(e.getMessage(), e.getMessage().contains("belongs to lease " + first.id()));
            assertTrue(e.getMessage(), e.getMessage().contains("refused by lease " + second.id()));
            assertEquals("refusal must not use the token", TokenState.LIVE, base.state());
            first.consume(base, "owner");
            second.consume(second.tokens().get(0), "owner");
        }
        assertEquals(1, manager.counters().usesRefused());
    }

    @Test
    public void closeReportsUnusedTokensAsLeaksReturnsThemAndKillsThem() {
        ResourceLease lease = manager.grant("r1", List.of(ResourceClaim.actuator("base"), ResourceClaim.compute(4)));
        lease.consume(lease.tokens().get(0), "used");
        LinearResource unused = lease.tokens().get(1);
        assertEquals(List.of(unused), lease.liveTokens());

        lease.close();

        assertTrue(lease.isClosed());
        assertEquals(TokenState.LEAKED, unused.state());
        assertEquals(manager.capacities("r1").amounts(), manager.free("r1"));
        ResourceCounters counters = manager.counters();
        assertEquals(1, counters.tokensLeaked());
        assertEquals(1, counters.tokensConsumed());
        assertEquals(1, counters.leasesClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> lease.consume(unused, "late"));
        assertTrue(e.getMessage(), e.getMessage().contains("dead: lease " + lease.id() + " closed"));
    }

    @Test
    public void closingTwiceReturnsResourcesOnce() {
        ResourceLease lease = manager.grant("r1", List.of(ResourceClaim.compute(5)));
        lease.consume(lease.tokens().get(0), "step");
        lease.close();
        lease.close();
        assertEquals(ResourceCapacities.DEFAULT_COMPUTE_UNITS, (long) manager.free("r1").get(ResourceId.COMPUTE));
        assertEquals(1, manager.counters().leasesClosed());
    }

    @Test
    public void strictPolicyThrowsOnLeakAfterReturningTheResources() {
        ResourceManager strict = new ResourceManager(ResourceCapacities.defaults(), Map.of(), LeakPolicy.STRICT);
        ResourceLease lease = strict.grant("r1", List.of(ResourceClaim.actuator("gripper")));
        IllegalStateException e = assertThrows(IllegalStateException.class, lease::close);
        assertTrue(e.getMessage(), e.getMessage().contains("actuator:gripper#" + lease.id() + ".0"));
        assertEquals(1L, (long) strict.free("r1").get(ResourceId.actuator("gripper")));
        assertEquals(1, strict.counters().tokensLeaked());
    }

    @Test
    public void grantRefusalNamesEveryShortResourceAndTakesNothing() {
        try (ResourceLease held = manager.grant("r1", List.of(ResourceClaim.actuator("base"), ResourceClaim.compute(10)))) {
            ResourceUnavailableException e = assertThrows(ResourceUnavailableException.class,
                    () -> manager.grant("r1", List.of(ResourceClaim.actuator("speaker"),
                            ResourceClaim.actuator("base"), ResourceClaim.compute(4), ResourceClaim.compute(4),
                            ResourceClaim.actuator("wings"))));
            assertEquals("r1", e.robotId());
            assertEquals(List.of(new ResourceShortage(BASE, 1, 0, 1),
                    new ResourceShortage(ResourceId.COMPUTE, 8, 6, 16),
                    new ResourceShortage(ResourceId.actuator("wings"), 1, 0, 0)), e.shortages());
            assertTrue(e.getMessage(), e.getMessage().contains("actuator:base requested 1, free 0 of 1"));
            assertTrue(e.getMessage(), e.getMessage().contains("actuator:wings requested 1, robot does not have it"));
            assertEquals("speaker must stay free", 1L, (long) manager.free("r1").get(SPEAKER));
            held.tokens().forEach(token -> held.consume(token, "held"));
        }
        assertEquals(1, manager.counters().grantsRefused());
        assertEquals(1, manager.counters().leasesOpened());
    }

    @Test
    public void robotsHaveSeparatePoolsAndConfiguredCapacities() {
        ResourceCapacities arm = ResourceCapacities.of(List.of("gripper"), 2, 1 << 20);
        ResourceManager configured = new ResourceManager(ResourceCapacities.defaults(), Map.of("arm1", arm),
                LeakPolicy.STRICT);
        try (ResourceLease r1 = configured.grant("r1", List.of(ResourceClaim.actuator("base")));
                ResourceLease r2 = configured.grant("r2", List.of(ResourceClaim.actuator("base")))) {
            r1.consume(r1.tokens().get(0), "a");
            r2.consume(r2.tokens().get(0), "b");
        }
        assertEquals(arm, configured.capacities("arm1"));
        ResourceUnavailableException e = assertThrows(ResourceUnavailableException.class,
                () -> configured.grant("arm1", List.of(ResourceClaim.actuator("base"))));
        assertEquals(0, e.shortages().get(0).capacity());
        assertThrows(ResourceUnavailableException.class,
                () -> configured.grant("arm1", List.of(ResourceClaim.compute(3))));
    }

    @Test
    public void emptyGrantIsAnEmptyLease() {
        try (ResourceLease lease = manager.grant("r1", List.of())) {
            assertTrue(lease.tokens().isEmpty());
        }
        assertEquals(0, manager.counters().tokensLeaked());
    }

    @Test
    public void rejectsMalformedInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> manager.grant("robot/1", List.of()));
        assertTrue(e.getMessage(), e.getMessage().contains("'robot/1'"));
        e = assertThrows(IllegalArgumentException.class, () -> ResourceClaim.compute(0));
        assertTrue(e.getMessage(), e.getMessage().contains("compute:units must be positive: 0"));
        e = assertThrows(IllegalArgumentException.class, () -> new ResourceClaim(BASE, 2));
        assertTrue(e.getMessage(), e.getMessage().contains("exclusive actuator:base must be 1: 2"));
        e = assertThrows(IllegalArgumentException.class, () -> ResourceId.actuator("Base Motor"));
        assertTrue(e.getMessage(), e.getMessage().contains("'Base Motor'"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new ResourceCapacities(Map.of(BASE, 2L)));
        assertTrue(e.getMessage(), e.getMessage().contains("exclusive actuator:base must be 1: 2"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new ResourceCapacities(Map.of(ResourceId.COMPUTE, -1L)));
        assertTrue(e.getMessage(), e.getMessage().contains("compute:units must not be negative: -1"));
    }

    @Test
    public void resourceIdsRoundTripThroughText() {
        assertEquals(BASE, ResourceId.parse("actuator:base"));
        assertEquals(ResourceId.MEMORY, ResourceId.parse(ResourceId.MEMORY.toString()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResourceId.parse("gpu:0"));
        assertTrue(e.getMessage(), e.getMessage().contains("unknown resource kind 'gpu'"));
        assertThrows(IllegalArgumentException.class, () -> ResourceId.parse("base"));
        assertFalse(ResourceKind.COMPUTE.isExclusive());
    }
}
