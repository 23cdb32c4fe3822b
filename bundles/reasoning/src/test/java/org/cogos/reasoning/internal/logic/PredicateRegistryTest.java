package org.cogos.reasoning.internal.logic;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Scene;
import org.junit.Test;

public class PredicateRegistryTest {

    private final PredicateRegistry registry = new PredicateRegistry();

    /** Calls resolve in the registry; similarity is 0.8 between an intent and a person, 0.1 otherwise. */
    private final Evaluation evaluation = new Evaluation() {
        @Override
        public double similarity(Fact a, Fact b) {
            return b.meaning().equals("person") ? 0.8 : 0.1;
        }

        @Override
        public boolean holds(String predicate, Fact[] arguments) {
            return registry.snapshot().get(predicate).test(arguments, this);
        }
    };

    private static final Observation LIDAR = new Observation("r1", "lidar", "sensor", 1, 1, 0, 0, List.of(
            new Detection("person", 0.9, 3.0, 0.1, 0.5), new Detection("obstacle", 1.0, 0.3, 0, 0.2)));
    private static final Observation TEXT = new Observation("r1", "text", "language", 2, -1, 0, 0, List.of(
            Detection.nonSpatial("help", 0.95, Map.of("text", "help me"))));
    private static final SceneFacts FACTS = SceneFacts.of(new Scene("r1", 1, 0, List.of(LIDAR, TEXT), TEXT));

    private Fact entity(int i) {
        return FACTS.of(FactKind.ENTITY).get(i);
    }

    private Fact intent() {
        return FACTS.of(FactKind.INTENT).get(0);
    }

    private String refusal(String definition) {
        return assertThrows(IllegalArgumentException.class, () -> registry.evolvePredicate(definition)).getMessage();
    }

    @Test
    public void symbolicRuleIsEvaluatedOverTypedFacts() {
        NeurosymbolicPredicate inReach = registry.evolvePredicate(
                "person_in_reach(e: Entity) := e.label == \"person\" and e.confidence >= 0.5 and e.distance <= 4");
        assertEquals(1, inReach.version());
        assertEquals("(e: Entity)", inReach.signature());
        assertFalse(inReach.neural());
        assertTrue(inReach.test(new Fact[] {entity(0)}, evaluation));
        assertFalse(inReach.test(new Fact[] {entity(1)}, evaluation));
    }

    @Test
    public void neuralPartAndCallsToOtherPredicates() {
        registry.evolvePredicate("person_in_reach(e: Entity) := e.label == \"person\" and e.distance <= 4");
        registry.evolvePredicate("help_requested(i: Intent) := i.name == \"help\"");
        NeurosymbolicPredicate helpFor = registry.evolvePredicate("help_for(i: Intent, e: Entity) := "
                + "help_requested(i) and person_in_reach(e) and similar(i, e) >= 0.5");
        assertTrue(helpFor.neural());
        assertEquals(java.util.Set.of("help_requested", "person_in_reach"), helpFor.calls());
        assertTrue(helpFor.test(new Fact[] {intent(), entity(0)}, evaluation));
        assertFalse(helpFor.test(new Fact[] {intent(), entity(1)}, evaluation));
    }

    @Test
    public void evolvingARuleChangesWhatHoldsAndBumpsTheVersion() {
        registry.evolvePredicate("too_near(e: Entity) := e.distance < 0.5");
        assertTrue(registry.snapshot().get("too_near").test(new Fact[] {entity(1)}, evaluation));
        Map<String, NeurosymbolicPredicate> before = registry.snapshot();

        NeurosymbolicPredicate evolved = registry.evolvePredicate("too_near(e: Entity) := e.distance < 0.2");

        assertEquals(2, evolved.version());
        assertFalse(evolved.test(new Fact[] {entity(1)}, evaluation));
        assertSame("a snapshot taken before is never changed", 1, before.get("too_near").version());
    }

    @Test
    public void predicateOverTheWrongKindOfFactIsRefused() {
        assertEquals("near(i: Intent), column 20: Intent has no field 'distance' (it has name, confidence, text, "
                + "object, colour, attribute, location, recipient, verb, direction, quantity, unit, best_intent, "
                + "fresh, modality, module)", refusal("near(i: Intent) := i.distance < 1"));
        registry.evolvePredicate("too_near(e: Entity) := e.distance < 0.5");
        assertEquals("bad(i: Intent), column 19: too_near expects (e: Entity): argument 1 'i' is Intent, not Entity",
                refusal("bad(i: Intent) := too_near(i)"));
        assertTrue(refusal("bad(e: Entity) := e.label < 3").contains("'<' needs number, got text"));
        assertTrue(refusal("bad(e: Entity) := e.label == 3").contains("cannot compare text with number by =="));
        assertTrue(refusal("bad(e: Entity) := e.distance + 1").contains("the body is number"));
        assertTrue(refusal("bad(e: Robot) := true").contains("unknown fact kind 'Robot' (kinds: Entity, Intent"));
        assertTrue(refusal("bad(e: Entity) := x.distance < 1").contains("'x' is not a parameter of bad"));
        assertTrue(refusal("bad(e: Entity) := missing(e)").contains("no predicate 'missing' is registered"));
        assertTrue(refusal("bad(e: Entity) := similar(e)").contains("similar takes two facts, got 1"));
    }

    @Test
    public void syntaxErrorsNameTheColumn() {
        assertEquals("column 25: expected a value, found 'end of definition'", refusal("x(e: Entity) := e.size <"));
        assertEquals("column 5: expected ':', found 'Entity'", refusal("x(e Entity) := true"));
        assertEquals("column 17: unexpected character '#'", refusal("x(e: Entity) := #"));
        assertTrue(refusal("x(e: Entity, e: Entity) := true").contains("parameter 'e' is declared twice"));
        assertTrue(refusal("  ").startsWith("empty definition"));
        assertTrue(refusal("x(e: Entity) := " + "true or ".repeat(600) + "true").contains("more than 4096"));
    }

    @Test
    public void signatureOfACalledPredicateCannotChangeUnderItsCallers() {
        registry.evolvePredicate("person_in_reach(e: Entity) := e.label == \"person\"");
        registry.evolvePredicate("approach(e: Entity) := person_in_reach(e)");
        assertEquals("person_in_reach is called by approach with parameters (e: Entity); keep them or change "
                + "those first", refusal("person_in_reach(i: Intent) := i.name == \"come\""));
        assertEquals(1, registry.snapshot().get("person_in_reach").version());
    }

    @Test
    public void cyclesAreRefused() {
        registry.evolvePredicate("a(e: Entity) := e.distance < 1");
        registry.evolvePredicate("b(e: Entity) := a(e)");
        assertEquals("a would call itself: a -> b -> a", refusal("a(e: Entity) := b(e)"));
        assertTrue(refusal("c(e: Entity) := c(e)").contains("c cannot call itself"));
    }

    @Test
    public void drawingIsReadFromAnUtterance() {
        Observation text = new Observation("r1", "text", "language", 3, -1, 0, 0, List.of(
                Detection.nonSpatial("unknown", 0.1, Map.of("text", "Draw a red pixel at (100, 50)"))));
        SceneFacts facts = SceneFacts.of(new Scene("r1", 2, 0, List.of(text), text));
        Fact drawing = facts.of(FactKind.DRAWING).get(0);
        assertEquals(100.0, drawing.number("x"), 0);
        assertEquals(50.0, drawing.number("y"), 0);
        assertEquals("red", drawing.text("color"));
        assertEquals(1, facts.of(FactKind.INTENT).size());
        assertTrue(SceneFacts.of(new Scene("r1", 3, 0, List.of(TEXT), TEXT)).of(FactKind.DRAWING).isEmpty());
    }
}
