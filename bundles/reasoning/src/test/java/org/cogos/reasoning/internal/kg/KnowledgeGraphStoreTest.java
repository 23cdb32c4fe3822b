package org.cogos.reasoning.internal.kg;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.cogos.reasoning.internal.kg.KnowledgeGraphStore.LoadResult;
import org.cogos.reasoning.internal.kg.KnowledgeGraphStore.Status;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class KnowledgeGraphStoreTest {

    private static final long NOW = 1_700_000_000_000L;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final FakeClock clock = new FakeClock(NOW);

    private Path file() {
        return folder.getRoot().toPath().resolve("knowledge-graph.jsonl");
    }

    private KnowledgeGraphStore store() {
        return new KnowledgeGraphStore(file(), clock);
    }

    private KnowledgeGraph graphWith(int edges) {
        KnowledgeGraph graph = new KnowledgeGraph(1_000, 0.2, clock);
        for (int i = 0; i < edges; i++) {
            graph.put(new Edge("node-" + i, "rel-" + i % 3, "node-" + (i + 1), (i % 100) / 100.0 + 0.001,
                    NOW - i, i));
        }
        return graph;
    }

    @Test
    public void roundTripKeepsEveryEdgeExactly() throws IOException {
        KnowledgeGraph graph = graphWith(50);
        graph.put(new Edge("robot \"7\"", "sees\\", "tasse ☕ ü", 1.0 / 3, NOW, 9));
        assertEquals(51, store().save(graph));
        KnowledgeGraph loaded = new KnowledgeGraph(1_000, 0.2, clock);
        LoadResult result = store().loadInto(loaded);
        assertEquals(Status.LOADED, result.status());
        assertEquals(graph.snapshot(), loaded.snapshot());
        assertEquals(Optional.of(new Edge("robot \"7\"", "sees\\", "tasse ☕ ü", 1.0 / 3, NOW, 9)),
                loaded.get("robot \"7\"", "sees\\", "tasse ☕ ü"));
        assertFalse("no temporary file left", Files.exists(file().resolveSibling("knowledge-graph.jsonl.tmp")));
    }

    @Test
    public void fileIsReadableVersionedJsonLines() throws IOException {
        KnowledgeGraph graph = new KnowledgeGraph(10, 0.2, clock);
        graph.put(new Edge("a", "r", "b", 0.5, 7, 2));
        store().save(graph);
        assertEquals(List.of(
                "{\"format\":\"cogos.reasoning.knowledge-graph\",\"version\":1,\"savedAtMillis\":" + NOW
                        + ",\"edgeCount\":1}",
                "{\"subject\":\"a\",\"relation\":\"r\",\"object\":\"b\",\"strength\":0.5,\"lastUpdatedMillis\":7,"
                        + "\"updates\":2}"),
                Files.readAllLines(file()));
    }

    @Test
    public void saveReplacesThePreviousSnapshot() throws IOException {
        store().save(graphWith(20));
        store().save(graphWith(3));
        assertEquals(3, store().load().edges().size());
    }

    @Test
    public void missingFileIsAFirstStart() {
        KnowledgeGraph graph = graphWith(2);
        LoadResult result = store().loadInto(graph);
        assertEquals(Status.MISSING, result.status());
        assertEquals(0, graph.size());
    }

    @Test
    public void garbageIsMovedAsideAndTheGraphStartsEmpty() throws IOException {
        byte[] garbage = "this is not json\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file(), garbage);
        KnowledgeGraph graph = graphWith(5);
        LoadResult result = store().loadInto(graph);
        assertCorrupt(result, "line 1 is not valid JSON");
        assertEquals(0, graph.size());
        Path aside = file().resolveSibling("knowledge-graph.jsonl.corrupt-" + NOW);
        assertEquals(Optional.of(aside), result.movedAsideTo());
        assertArrayEquals(garbage, Files.readAllBytes(aside));
        assertFalse(Files.exists(file()));
    }

    @Test
    public void secondCorruptFileInTheSameMillisecondGetsItsOwnName() throws IOException {
        Files.writeString(file(), "{}\n");
        store().load();
        Files.writeString(file(), "[]\n");
        LoadResult second = store().load();
        assertEquals(Optional.of(file().resolveSibling("knowledge-graph.jsonl.corrupt-" + NOW + "-1")),
                second.movedAsideTo());
        assertEquals("[]\n", Files.readString(second.movedAsideTo().orElseThrow()));
    }

    @Test
    public void truncatedFilesAreRecognised() throws IOException {
        store().save(graphWith(10));
        byte[] complete = Files.readAllBytes(file());

        Files.write(file(), Arrays.copyOf(complete, complete.length - 7));
        assertCorrupt(store().load(), "");

        int lastLineStart = new String(complete, StandardCharsets.UTF_8).lastIndexOf('\n', complete.length - 2) + 1;
        Files.write(file(), Arrays.copyOf(complete, lastLineStart));
        assertCorrupt(store().load(), "truncated: header declares 10 edges, file has 9");

        Files.write(file(), new byte[0]);
        assertCorrupt(store().load(), "empty file");
    }

    @Test
    public void otherVersionsAndForeignFilesAreMovedAside() throws IOException {
        Files.writeString(file(), "{\"format\":\"cogos.reasoning.knowledge-graph\",\"version\":2,\"edgeCount\":0,"
                + "\"savedAtMillis\":1,\"compression\":\"none\"}\n");
        assertCorrupt(store().load(), "unsupported version 2, this build reads 1");

        Files.writeString(file(), "{\"format\":\"something-else\",\"version\":1}\n");
        assertCorrupt(store().load(), "not a knowledge graph snapshot");

        Files.write(file(), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41, '\n'});
        assertCorrupt(store().load(), "not UTF-8");

        Files.writeString(file(), "x".repeat(100_000));
        assertCorrupt(store().load(), "longer than");
    }

    @Test
    public void invalidEdgesMakeTheFileCorrupt() throws IOException {
        String header = "{\"format\":\"cogos.reasoning.knowledge-graph\",\"version\":1,\"savedAtMillis\":1,"
                + "\"edgeCount\":%d}\n";
        String edge = "{\"subject\":\"a\",\"relation\":\"r\",\"object\":\"%s\",\"strength\":%s,"
                + "\"lastUpdatedMillis\":1,\"updates\":1}\n";
        Files.writeString(file(), String.format(header, 1) + String.format(edge, "b", "1.5"));
        assertCorrupt(store().load(), "line 2: invalid edge: strength of a r b must be in [0, 1], was 1.5");

        Files.writeString(file(), String.format(header, 1) + String.format(edge, "b", "\"high\""));
        assertCorrupt(store().load(), "strength is not a number");

        Files.writeString(file(), String.format(header, 2) + String.format(edge, "b", "0.5")
                + String.format(edge, "b", "0.6"));
        assertCorrupt(store().load(), "(a, r, b) appears twice");

        Files.writeString(file(), String.format(header, 1) + String.format(edge, "b", "0.5")
                + String.format(edge, "c", "0.6"));
        assertCorrupt(store().load(), "more edge lines than the 1");

        Files.writeString(file(), String.format(header, 1) + String.format(edge, "b\\u0007", "0.5"));
        assertCorrupt(store().load(), "control character U+0007");
    }

    private static void assertCorrupt(LoadResult result, String problem) {
        assertEquals(Status.CORRUPT, result.status());
        assertTrue("problem '" + result.problem() + "' should contain '" + problem + "'",
                result.problem().orElseThrow().contains(problem));
        assertTrue(result.edges().isEmpty());
        assertTrue(result.movedAsideTo().isPresent());
    }

    @Test
    public void unreadableFileIsReportedAndLeftInPlace() throws IOException {
        Files.createDirectory(file());
        LoadResult result = store().load();
        assertEquals(Status.UNREADABLE, result.status());
        assertTrue(result.problem().isPresent());
        assertEquals(Optional.empty(), result.movedAsideTo());
        assertTrue(Files.isDirectory(file()));
    }

    @Test
    public void loadingMoreEdgesThanTheBoundKeepsTheStrongest() throws IOException {
        KnowledgeGraph big = graphWith(300);
        store().save(big);
        KnowledgeGraph small = new KnowledgeGraph(25, 0.2, clock);
        LoadResult result = store().loadInto(small);
        assertEquals(Status.LOADED, result.status());
        assertEquals(300, result.edges().size());
        assertEquals(25, small.size());
        assertEquals(big.snapshot().subList(0, 25), small.snapshot());
    }

    /**
     * Writers apply batches that add a pair of edges x -to-> y and y -from-> x; a consistent snapshot holds both
     * edges of every pair with the same update count, whatever moment the save copied.
     */
    @Test
    public void savesWhileWritersRunAreConsistentSnapshots() throws Exception {
        // Room for every pair: 2 writers x lcm(50, 37) pairs x 2 edges, so evictions cannot split a pair.
        KnowledgeGraph graph = new KnowledgeGraph(10_000, 0.2);
        KnowledgeGraphStore store = store();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                int id = writer;
                writers.add(pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String x = "w" + id + "-" + i % 50;
                        String y = "target-" + i % 37;
                        graph.evolveKernelState(List.of(Evidence.confirmed(x, "to", y, 0.5),
                                Evidence.confirmed(y, "from", x, 0.5)));
                    }
                }));
            }
            for (int save = 0; save < 20; save++) {
                store.save(graph);
                assertPairsConsistent(store.load());
            }
            stop.set(true);
            for (Future<?> writer : writers) {
                writer.get(10, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        store.save(graph);
        LoadResult last = store.load();
        assertEquals(graph.snapshot().size(), last.edges().size());
        assertPairsConsistent(last);
        assertEquals(0, graph.evictions());
        assertTrue(last.edges().size() > 1_000);
    }

    private static void assertPairsConsistent(LoadResult result) {
        assertEquals(Status.LOADED, result.status());
        Map<String, Long> updates = new HashMap<>();
        for (Edge edge : result.edges()) {
            String pair = edge.relation().equals("to") ? edge.subject() + ">" + edge.object()
                    : edge.object() + ">" + edge.subject();
            Long other = updates.put(pair, edge.updates());
            if (other != null) {
                assertEquals("update counts of pair " + pair, other.longValue(), edge.updates());
                updates.put(pair, -1L);
            }
        }
        for (Map.Entry<String, Long> pair : updates.entrySet()) {
            assertEquals("pair " + pair.getKey() + " has both edges", -1L, pair.getValue().longValue());
        }
    }
}
