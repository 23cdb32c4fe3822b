package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.cogos.api.reasoning.PredicateInfo;
import org.junit.Test;

/** rabab:predicates and rabab:evolve against a small working reasoner, and every rabab:* command without one. */
public class ReasonerCommandsTest {

    private static final String IN_REACH = "person_in_reach(e: Entity) := e.distance <= 3";
    private static final String HELP = "help_requested(i: Intent, e: Entity) := i.label == \"help\""
            + " and similar(i.text, \"I need help\") >= 0.8 and person_in_reach(e)";

    private final InMemoryReasoner reasoner = new InMemoryReasoner()
            .predicate(new PredicateInfo("person_in_reach", "(e: Entity)", IN_REACH, 2, false, 0.8333, 9, 1, 120, 48))
            .predicate(new PredicateInfo("help_requested", "(i: Intent, e: Entity)", HELP, 1, true, 0.5, 0, 0, 7, 0));
    private final Console console = new Console();

    private <T extends ReasonerCommand> T on(T command) {
        command.reasoner = reasoner;
        return command;
    }

    private Evolve evolve(String... words) {
        Evolve evolve = on(new Evolve());
        evolve.definition = List.of(words);
        return evolve;
    }

    @Test
    public void predicatesAreListedInRegistrationOrderWithLongDefinitionsCut() {
        console.run(on(new Predicates()));
        assertEquals(0, console.exitStatus());

        assertEquals(List.of("Name", "Signature", "Version", "Neural", "Reliability", "Succ/Fail", "Evaluations",
                "Holds", "Definition"), console.tableHeader());
        List<List<String>> rows = console.tableRows();
        assertEquals(List.of("person_in_reach", "(e: Entity)", "2", "no", "0.83", "9/1", "120", "48", IN_REACH),
                rows.get(0));
        assertEquals(List.of("help_requested", "(i: Intent, e: Entity)", "1", "yes", "0.50", "0/0", "7", "0"),
                rows.get(1).subList(0, 8));
        String cut = rows.get(1).get(8);
        assertEquals(Predicates.MAX_DEFINITION, cut.length());
        assertTrue(cut, cut.endsWith("…") && HELP.startsWith(cut.substring(0, cut.length() - 1)));
        assertEquals(2, rows.size());
        assertEquals("", console.err());
        assertEquals(0, console.exitStatus());
    }

    @Test
    public void verboseShowsWholeDefinitionsOnOneLine() {
        reasoner.predicate(new PredicateInfo("near", "(e: Entity)", "near(e: Entity) :=\n    e.distance <= 1", 1,
                false, 0.5, 0, 0, 0, 0));
        Predicates predicates = on(new Predicates());
        predicates.verbose = true;

        console.run(predicates);

        List<List<String>> rows = console.tableRows();
        assertEquals(HELP, rows.get(1).get(8));
        assertEquals("a definition written over lines keeps the table one row per predicate",
                List.of("near", "near(e: Entity) := e.distance <= 1"), List.of(rows.get(2).get(0), rows.get(2).get(8)));
    }

    @Test
    public void noFormatGivesScriptsTabSeparatedRowsWithWholeDefinitions() {
        Predicates predicates = on(new Predicates());
        predicates.noFormat = true;

        console.run(predicates);

        List<String> out = console.outLines();
        assertEquals(2, out.size());
        List<String> help = Arrays.stream(out.get(1).split("\t")).map(String::strip).toList();
        assertEquals(List.of("help_requested", "(i: Intent, e: Entity)", "1", "yes", "0.50", "0/0", "7", "0", HELP),
                help);
    }

    @Test
    public void withoutPredicatesTheTableSaysSo() {
        Predicates predicates = new Predicates();
        predicates.reasoner = new InMemoryReasoner();

        console.run(predicates);

        assertEquals("no predicates registered", console.outLines().get(2));
    }

    @Test
    public void evolveReplacesAPredicateWithItsNextVersion() {
        String closer = "person_in_reach(e: Entity) := e.label == \"person\" and e.distance <= 2";
        Predicates predicates = on(new Predicates());
        predicates.verbose = true;

        console.run(evolve(closer));

        assertEquals(List.of("predicate person_in_reach is now version 3: " + closer), console.outLines());
        assertEquals("", console.err());
        assertEquals(0, console.exitStatus());
        Console listed = new Console();
        listed.run(predicates);
        assertEquals(List.of("person_in_reach", "3", "0.83", closer),
                Arrays.asList(listed.tableRows().get(0).get(0), listed.tableRows().get(0).get(2),
                        listed.tableRows().get(0).get(4), listed.tableRows().get(0).get(8)));
    }

    @Test
    public void evolveRegistersANewPredicateAsVersionOne() {
        console.run(evolve("far(e: Entity) := e.distance > 5"));

        assertEquals(List.of("predicate far is now version 1: far(e: Entity) := e.distance > 5"), console.outLines());
        assertEquals(3, reasoner.predicates().size());
    }

    @Test
    public void evolveJoinsADefinitionTheConsoleSplitIntoWords() {
        console.run(evolve("far(e:", "Entity)", ":=", "e.distance", ">", "5"));

        assertEquals("far(e: Entity) := e.distance > 5", reasoner.lastDefinition);
        assertEquals(List.of("predicate far is now version 1: far(e: Entity) := e.distance > 5"), console.outLines());
    }

    @Test
    public void aDefinitionTheReasonerRefusesIsItsMessageOnOneErrorLine() {
        console.run(evolve("far", "e.distance", ">", "5"));

        assertEquals("", console.out());
        assertEquals(List.of("cannot parse predicate at column 1: expected name(params) := body in far e.distance > 5"),
                console.errLines());
        assertEquals(1, console.exitStatus());
        assertEquals("nothing changed", 2, reasoner.predicates().size());
    }

    @Test
    public void anEmptyDefinitionIsRefusedBeforeTheReasonerSeesIt() {
        console.run(evolve("  "));

        assertEquals(List.of("the definition is empty: give name(params) := body"), console.errLines());
        assertEquals(1, console.exitStatus());
        assertNull(reasoner.lastDefinition);
    }

    @Test
    public void everyRababCommandSaysHowToLoadTheReasoningModuleWhenItIsNotLoaded() {
        Evolve evolve = new Evolve();
        evolve.definition = List.of(IN_REACH);
        for (ReasonerCommand command : List.of(new Predicates(), evolve, new KnowledgeGraphQuery())) {
            Console alone = new Console();

            alone.run(command);

            assertEquals(command.getClass().getSimpleName(), "", alone.out());
            assertEquals(command.getClass().getSimpleName(),
                    List.of("the reasoning module is not loaded (cog:modprobe reasoning)"), alone.errLines());
            assertEquals(1, alone.exitStatus());
        }
    }
}
