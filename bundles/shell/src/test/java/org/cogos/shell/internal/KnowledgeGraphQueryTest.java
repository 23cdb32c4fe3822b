package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.junit.Test;

public class KnowledgeGraphQueryTest {

    private static final long NOW = 1795546992345L;

    private final InMemoryReasoner reasoner = new InMemoryReasoner()
            .edge("r1", "near", "door", 0.4, 1, NOW - 3 * 3_600_000)
            .edge("r1", "sees", "person", 0.9, 4, NOW - 1_500)
            .edge("person", "can", "help", 0.8, 2, NOW - 125_000)
            .edge("help", "requires", "arm", 0.5, 1, NOW - 125_000);
    private final Console console = new Console();

    private KnowledgeGraphQuery kg(Consumer<KnowledgeGraphQuery> options) {
        KnowledgeGraphQuery kg = new KnowledgeGraphQuery();
        kg.reasoner = reasoner;
        kg.clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        options.accept(kg);
        return kg;
    }

    private List<List<String>> rows(Consumer<KnowledgeGraphQuery> options) {
        Console run = new Console();
        run.run(kg(options));
        assertEquals("", run.err());
        assertEquals(0, run.exitStatus());
        return run.tableRows();
    }

    private static List<String> firstCells(List<List<String>> rows) {
        return rows.stream().map(row -> row.get(0) + " " + row.get(1) + " " + row.get(2)).toList();
    }

    @Test
    public void edgesAreListedStrongestFirstWithTheirAge() {
        console.run(kg(kg -> { }));
        assertEquals(0, console.exitStatus());

        assertEquals(List.of("Subject", "Relation", "Object", "Strength", "Updates", "Last updated"),
                console.tableHeader());
        assertEquals(List.of(
                List.of("r1", "sees", "person", "0.900", "4", "1.5 s ago"),
                List.of("person", "can", "help", "0.800", "2", "2 min 5 s ago"),
                List.of("help", "requires", "arm", "0.500", "1", "2 min 5 s ago"),
                List.of("r1", "near", "door", "0.400", "1", "3 h 0 min ago")), console.tableRows());
    }

    @Test
    public void thePatternMinimumAndLimitNarrowTheEdges() {
        assertEquals(List.of("r1 sees person", "r1 near door"), firstCells(rows(kg -> kg.subject = "r1")));
        assertEquals(List.of("person can help"), firstCells(rows(kg -> kg.relation = "can")));
        assertEquals(List.of("help requires arm"), firstCells(rows(kg -> kg.object = "arm")));
        assertEquals(List.of("r1 sees person", "person can help", "help requires arm"),
                firstCells(rows(kg -> kg.min = 0.5)));
        assertEquals(List.of("r1 sees person"), firstCells(rows(kg -> kg.limit = 1)));
    }

    @Test
    public void noEdgeMatchingIsSaid() {
        console.run(kg(kg -> kg.subject = "door"));
        assertEquals("no edges match", console.outLines().get(2));
    }

    @Test
    public void fromTraversesTwoEdgesByDefaultShowingTheStrongestPathToEachNode() {
        assertEquals(List.of(
                List.of("person", "0.900", "r1 → sees → person"),
                List.of("help", "0.720", "r1 → sees → person → can → help"),
                List.of("door", "0.400", "r1 → near → door")), rows(kg -> kg.from = "r1"));
        assertEquals(KnowledgeGraphQuery.DEFAULT_DEPTH, reasoner.lastDepth);
    }

    @Test
    public void depthMinimumAndLimitShapeTheTraversal() {
        List<List<String>> deeper = rows(kg -> {
            kg.from = "r1";
            kg.depth = 3;
            kg.min = 0.5;
        });
        assertEquals(List.of("person", "help", "arm"), deeper.stream().map(row -> row.get(0)).toList());
        assertEquals(List.of("arm", "0.360", "r1 → sees → person → can → help → requires → arm"), deeper.get(2));

        assertEquals(List.of("person"), rows(kg -> {
            kg.from = "r1";
            kg.limit = 1;
        }).stream().map(row -> row.get(0)).toList());
    }

    @Test
    public void aNodeWithNoWayOnSaysSoAndAnUnknownOneIsTheReasonersError() {
        console.run(kg(kg -> kg.from = "arm"));
        assertEquals("nothing reachable from arm", console.outLines().get(2));

        Console unknown = new Console();
        unknown.run(kg(kg -> kg.from = "ghost"));
        assertEquals("", unknown.out());
        assertEquals(List.of("no node ghost in the knowledge graph"), unknown.errLines());
        assertEquals(1, unknown.exitStatus());
    }

    @Test
    public void noFormatGivesTabSeparatedRowsWithoutHeader() {
        console.run(kg(kg -> {
            kg.noFormat = true;
            kg.limit = 2;
        }));

        assertEquals(List.of(List.of("r1", "sees", "person", "0.900", "4", "1.5 s ago"),
                List.of("person", "can", "help", "0.800", "2", "2 min 5 s ago")),
                console.outLines().stream().map(line -> Arrays.stream(line.split("\t")).map(String::strip).toList())
                        .toList());
    }

    @Test
    public void badOptionsAreRefusedOnOneLineNamingTheValue() {
        assertRefused(kg -> kg.limit = 0, "--limit must be within 1..10000, got 0");
        assertRefused(kg -> kg.limit = 10_001, "--limit must be within 1..10000, got 10001");
        assertRefused(kg -> kg.min = -0.1, "--min must be within 0..1, got -0.1");
        assertRefused(kg -> kg.min = 1.5, "--min must be within 0..1, got 1.5");
        assertRefused(kg -> kg.min = Double.NaN, "--min must be within 0..1, got NaN");
        assertRefused(kg -> kg.depth = 3, "--depth applies to a traversal: give --from NODE too");
        assertRefused(kg -> {
            kg.from = "r1";
            kg.depth = 0;
        }, "--depth must be within 1..10, got 0");
        assertRefused(kg -> {
            kg.from = "r1";
            kg.depth = 11;
        }, "--depth must be within 1..10, got 11");
        assertRefused(kg -> {
            kg.from = "r1";
            kg.relation = "sees";
        }, "--from traverses from one node and takes no --subject, --relation or --object");
        assertRefused(kg -> kg.subject = " ", "--subject must not be empty");
        assertRefused(kg -> kg.from = "", "--from must not be empty");
    }

    private void assertRefused(Consumer<KnowledgeGraphQuery> options, String message) {
        Console refused = new Console();
        refused.run(kg(options));
        assertEquals(message, "", refused.out());
        assertEquals(List.of(message), refused.errLines());
        assertEquals(1, refused.exitStatus());
    }
}
