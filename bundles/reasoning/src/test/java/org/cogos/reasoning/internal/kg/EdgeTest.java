package org.cogos.reasoning.internal.kg;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.junit.function.ThrowingRunnable;

public class EdgeTest {

    @Test
    public void validEdgeKeepsItsValues() {
        Edge edge = new Edge("robot-1", "near", "dock ü \"A\"", 0.25, 10, 3);
        assertEquals("dock ü \"A\"", edge.object());
        assertEquals(0.25, edge.strength(), 0);
        assertEquals(3, edge.updates());
    }

    @Test
    public void badTermsAreRejectedNamingTheValue() {
        assertMessageContains("subject must not be null", () -> new Edge(null, "r", "o", 0.5, 0, 0));
        assertMessageContains("relation must not be blank: ' '", () -> new Edge("s", " ", "o", 0.5, 0, 0));
        assertMessageContains("U+000A", () -> new Edge("s", "r", "line\nbreak", 0.5, 0, 0));
        assertMessageContains("257 chars", () -> new Edge("x".repeat(257), "r", "o", 0.5, 0, 0));
        new Edge("x".repeat(Edge.MAX_TERM_LENGTH), "r", "o", 0.5, 0, 0);
    }

    @Test
    public void badNumbersAreRejectedNamingTheValue() {
        assertMessageContains("1.5", () -> new Edge("s", "r", "o", 1.5, 0, 0));
        assertMessageContains("-0.1", () -> new Edge("s", "r", "o", -0.1, 0, 0));
        assertMessageContains("NaN", () -> new Edge("s", "r", "o", Double.NaN, 0, 0));
        assertMessageContains("-5", () -> new Edge("s", "r", "o", 0.5, -5, 0));
        assertMessageContains("-1", () -> new Edge("s", "r", "o", 0.5, 0, -1));
    }

    @Test
    public void evidenceWeightMustBeInHalfOpenUnitInterval() {
        assertMessageContains("was 0.0", () -> Evidence.confirmed("s", "r", "o", 0));
        assertMessageContains("was 1.01", () -> Evidence.contradicted("s", "r", "o", 1.01));
        assertMessageContains("was NaN", () -> Evidence.confirmed("s", "r", "o", Double.NaN));
        assertMessageContains("object must not be blank", () -> Evidence.confirmed("s", "r", "", 1));
        assertTrue(Evidence.confirmed("s", "r", "o", 1).positive());
    }

    static void assertMessageContains(String expected, ThrowingRunnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue("message '" + e.getMessage() + "' should contain " + expected, e.getMessage().contains(expected));
    }
}
