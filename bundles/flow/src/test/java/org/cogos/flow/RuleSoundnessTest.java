package org.cogos.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Every standard rule on its own: sound against the interpreter on random instances, and effective in the e-graph
 * (saturating with just that rule puts its two sides in one class).
 */
@RunWith(Parameterized.class)
public class RuleSoundnessTest {

    private static final int INSTANCES = 300;
    private static final RuleChecker CHECKER = new RuleChecker(20240611L, INSTANCES, FlowTolerance.DEFAULT);
    private static final float[] CANDIDATE_CONSTANTS = {2f, 0.5f, -3f, 1f, 0f, -1f, 4f, 0.25f};

    private final Rule rule;

    public RuleSoundnessTest(String name, Rule rule) {
        this.rule = rule;
    }

    @Parameters(name = "{0}")
    public static Collection<Object[]> rules() {
        return Rules.standard().stream().map(rule -> new Object[] {rule.name(), rule}).toList();
    }

    @Test
    public void holdsOnRandomInstancesWithinTolerance() {
        RuleCheck check = CHECKER.check(rule);
        assertTrue(rule + " has counterexample " + check.counterexample().orElse(null), check.sound());
        assertEquals("instances the guard accepted for " + rule, INSTANCES, check.instancesChecked());
        assertTrue(check.evaluations() >= INSTANCES * 10);
    }

    @Test
    public void firesInTheEGraph() {
        Random random = new Random(rule.name().hashCode());
        for (int attempt = 0; attempt < 1000; attempt++) {
            Map<String, Float> constants = new HashMap<>();
            rule.lhs().constantVariables().forEach(name ->
                    constants.put(name, CANDIDATE_CONSTANTS[random.nextInt(CANDIDATE_CONSTANTS.length)]));
            Optional<Map<String, Float>> rhsConstants = validLhs(constants)
                    ? rule.guard().rhsConstants(constants) : Optional.empty();
            if (rhsConstants.isPresent()) {
                Map<String, Flow> terms = new HashMap<>();
                int index = 0;
                for (String name : rule.lhs().termVariables()) {
                    terms.put(name, Flow.offset(++index, Flow.input()));
                }
                Flow lhs = rule.lhs().instantiate(terms, constants);
                Flow rhs = rule.rhs().instantiate(terms, rhsConstants.get());
                EGraph graph = new EGraph();
                graph.add(lhs);
                SaturationReport report = EqualitySaturation.run(graph, List.of(rule), SaturationLimits.DEFAULT);
                assertEquals(StopReason.SATURATED, report.stopReason());
                assertTrue(rule + " did not relate " + lhs + " and " + rhs, graph.equivalent(lhs, rhs));
                return;
            }
        }
        throw new AssertionError("no applicable instance found for " + rule);
    }

    @Test
    public void hasAUniqueName() {
        assertEquals(1, Rules.standard().stream().filter(other -> other.name().equals(rule.name())).count());
        assertEquals(Rules.standard().size(),
                new HashSet<>(Rules.standard().stream().map(Rule::name).toList()).size());
    }

    /** Whether the drawn constants are valid for every op of the left-hand side (e.g. clamp lo <= hi). */
    private boolean validLhs(Map<String, Float> constants) {
        return valid(rule.lhs(), constants);
    }

    private static boolean valid(Pattern pattern, Map<String, Float> constants) {
        if (!(pattern instanceof Pattern.Node node)) {
            return true;
        }
        List<Float> values = node.constants().stream().map(slot -> slot.valueIn(constants)).toList();
        return node.op().constantsProblem(values).isEmpty()
                && node.children().stream().allMatch(child -> valid(child, constants));
    }
}
