package org.cogos.reasoning.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cogos.api.Action;
import org.cogos.api.reasoning.PredicateInfo;
import org.cogos.harness.Configs;
import org.cogos.api.ActionAck;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RababComponentTest {

    @Rule
    public final TemporaryFolder data = new TemporaryFolder();

    private RababComponent component() throws Exception {
        return new RababComponent(Configs.of(ReasoningConfig.class,
                Map.of("dataDir", data.getRoot().toString())), null);
    }

    private static PredicateInfo predicate(RababComponent component, String name) {
        return component.predicates().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    public void evolvedRulesReliabilityAndKnowledgeSurviveARestart() throws Exception {
        RababComponent first = component();
        first.evolvePredicate("too_near(e: Entity) := e.distance < 0.4");
        List<Action> actions = first.decide(RababEngineTest.scene(1, RababEngineTest.lidar(5,
                RababEngineTest.person(2.0))));
        first.actionAcknowledged(new ActionAck(actions.get(0), ActionAck.Status.DONE, "", 1, 0));
        first.actionAcknowledged(new ActionAck(actions.get(0), ActionAck.Status.FAILED, "blocked", 1, 0));
        first.actionAcknowledged(new ActionAck(actions.get(0), ActionAck.Status.DONE, "", 1, 0));
        first.deactivate();

        RababComponent second = component();
        PredicateInfo tooNear = predicate(second, "too_near");
        assertEquals(2, tooNear.version());
        assertEquals("too_near(e: Entity) := e.distance < 0.4", tooNear.definition());
        PredicateInfo approach = predicate(second, "approach_person");
        assertEquals(2, approach.successes());
        assertEquals(1, approach.failures());
        assertEquals(3.0 / 5, approach.reliability(), 1e-9);
        assertEquals("every shipped predicate is there, in order", RababComponent.shippedDefinitions().size(),
                second.predicates().size());
        assertFalse(second.knowledge("r1", "sees", "person", 0, 10).isEmpty());
        assertEquals(List.of("r1", "sees", "person"), second.traverse("r1", 1, 0).stream()
                .filter(p -> p.node().equals("person")).findFirst().orElseThrow().path());
        second.deactivate();
    }

    @Test
    public void unusableSavedPredicatesAreMovedAsideAndTheShippedOnesUsed() throws Exception {
        Files.writeString(data.getRoot().toPath().resolve("predicates.json"), "{\"format\":\"something else\"}",
                StandardCharsets.UTF_8);
        RababComponent component = component();
        assertEquals(RababComponent.shippedDefinitions().size(), component.predicates().size());
        assertEquals(1, predicate(component, "too_near").version());
        try (var files = Files.list(data.getRoot().toPath())) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("predicates.json.corrupt-")));
        }
        component.deactivate();
    }

    @Test
    public void badEvolutionIsRefusedAndChangesNothing() throws Exception {
        RababComponent component = component();
        String message = org.junit.Assert.assertThrows(IllegalArgumentException.class,
                () -> component.evolvePredicate("help_for(e: Entity) := true")).getMessage();
        assertEquals("help_for must take parameters of kinds [Intent, Entity]: a behaviour binds them", message);
        assertEquals(1, predicate(component, "help_for").version());
        component.deactivate();
    }

    /**
     * The ranking was a Metatype parameter shipped in the .cfg: Config Admin handed it over as the String "10",
     * the framework ignores a ranking that is not an Integer, RaBAB tied with the rules engine at 0 and the
     * coordinator kept the older rules engine, so cog:modprobe reasoning changed nothing.
     */
    @Test
    public void regressionRankingFromTheCfgWasAStringSoTheRulesEngineKeptDeciding() throws Exception {
        String descriptor;
        try (var in = getClass().getResourceAsStream("/OSGI-INF/" + RababComponent.class.getName() + ".xml")) {
            descriptor = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(descriptor, descriptor.contains("<property name=\"service.ranking\" type=\"Integer\" value=\"10\"/>"));
        for (Method attribute : ReasoningConfig.class.getDeclaredMethods()) {
            assertFalse("configurable ranking: " + attribute, attribute.getName().contains("ranking"));
        }
    }

    /** config/etc ships every parameter with its Metatype default (the distribution test sees loaded modules). */
    @Test
    public void shippedConfigurationMatchesTheMetatypeDefaults() throws Exception {
        Map<String, String> defaults = new HashMap<>();
        for (Method attribute : ReasoningConfig.class.getDeclaredMethods()) {
            defaults.put(attribute.getName().replace('_', '.'), String.valueOf(attribute.getDefaultValue()));
        }
        Map<String, String> shipped = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("../../config/etc/org.cogos.reasoning.cfg"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] keyValue = line.split("=", 2);
                shipped.put(keyValue[0].trim(), keyValue[1].trim());
            }
        }
        assertEquals(defaults, shipped);
    }
}
