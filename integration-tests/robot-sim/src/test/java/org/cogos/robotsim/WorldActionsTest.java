package org.cogos.robotsim;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.After;
import org.junit.Test;

/** The simulated robot carries out actions in its world, acks them honestly, and its scans show where it went. */
public class WorldActionsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SimWorld world = new SimWorld(0, 1);
    private final List<String> said = new CopyOnWriteArrayList<>();
    private final WorldActions carrier = new WorldActions(world, said::add);
    private final List<String> acks = new CopyOnWriteArrayList<>();

    @After
    public void close() {
        carrier.close();
    }

    private void send(String id, String type, Map<String, Object> params) {
        ReceivedAction action = new ReceivedAction(id, type, params, "test", 0, 0, -1, 0, 0, "{}");
        carrier.execute(action, (status, detail) -> acks.add(id + " " + status + (detail.isEmpty() ? "" : " " + detail)));
    }

    private void awaitAcks(int count) {
        await().atMost(10, SECONDS).until(() -> acks.size() >= count);
    }

    /** Range of the ray straight ahead (ray 90 of 181). */
    private double rangeAhead() throws Exception {
        JsonNode scan = MAPPER.readTree(world.scan(1, 0, 0));
        return scan.get("ranges").get(90).asDouble();
    }

    @Test
    public void moveForwardOneMeterGetsThereAndTheNextScanShowsIt() throws Exception {
        assertEquals("the far wall", 8.0, rangeAhead(), 1e-3);
        send("a1", "move", Map.of("direction", "forward", "distance_m", 1.0));
        awaitAcks(1);
        assertEquals(List.of("a1 done"), acks);
        assertEquals(1.0, world.pose()[0], 1e-6);
        assertEquals(7.0, rangeAhead(), 1e-3);
    }

    @Test
    public void moveIntoTheWallIsRejectedAndTheRobotStays() {
        send("a1", "move", Map.of("direction", "forward", "distance_m", 10.0));
        awaitAcks(1);
        assertTrue(acks.get(0), acks.get(0).startsWith("a1 rejected obstacle: only 7.75 m free forward"));
        assertEquals(0.0, world.pose()[0], 1e-9);
    }

    @Test
    public void turnLeftFacesTheLeftWall() throws Exception {
        send("a1", "turn", Map.of("angle_rad", Math.PI / 2));
        awaitAcks(1);
        assertEquals("a1 done", acks.get(0));
        assertEquals(Math.PI / 2, world.pose()[2], 1e-6);
        assertEquals("the wall at y = 4", 4.0, rangeAhead(), 1e-3);
    }

    @Test
    public void stopInterruptsAMoveWhichFails() {
        send("a1", "move", Map.of("direction", "forward", "distance_m", 5.0));
        await().atMost(5, SECONDS).until(() -> world.pose()[0] > 0.3);
        send("a2", "stop", Map.of("cause", "command"));
        awaitAcks(2);
        assertEquals(List.of("a1 failed interrupted by stop", "a2 done stopped"), acks);
        double stoppedAt = world.pose()[0];
        assertTrue("stopped short: " + stoppedAt, stoppedAt < 5.0);
    }

    @Test
    public void navigateToAKnownPlaceAndRejectAnUnknownOne() {
        send("a1", "navigate", Map.of("location", "the moon"));
        awaitAcks(1);
        assertTrue(acks.get(0), acks.get(0).startsWith("a1 rejected unknown place 'the moon'"));

        send("a2", "navigate", Map.of("location", "kitchen"));
        awaitAcks(2);
        assertEquals("a2 done", acks.get(1));
        assertEquals(6.0, world.pose()[0], 1e-6);
        assertEquals(2.5, world.pose()[1], 1e-6);
    }

    @Test
    public void followKeepsBehindThePersonUntilTheNextActionWhichEndsItDone() {
        send("a1", "follow", Map.of("label", "person"));
        await().atMost(15, SECONDS).until(() -> Math.abs(world.person()[0] - WorldActions.FOLLOW_GAP_M) < 0.06);
        assertTrue("following has no end of its own", acks.isEmpty());
        send("a2", "speak", Map.of("text", "Hello."));
        send("a3", "stop", Map.of("cause", "command"));
        awaitAcks(3);
        assertEquals(List.of("a2 done", "a1 done interrupted by stop", "a3 done stopped"), acks);
        assertEquals(List.of("Hello."), said);
    }

    @Test
    public void aGripperActionIsRejected() {
        send("a1", "pick", Map.of("object", "cup"));
        awaitAcks(1);
        assertEquals("a1 rejected this simulated robot has no gripper", acks.get(0));
    }
}
