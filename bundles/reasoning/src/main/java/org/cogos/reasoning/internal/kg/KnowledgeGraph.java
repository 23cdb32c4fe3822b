package org.cogos.reasoning.internal.kg;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RaBAB's knowledge graph: a weighted directed graph of facts {@code subject --relation--> object}, each held with
 * a strength in [0, 1] that {@link #evolveKernelState evidence} moves toward 1 (confirmed) or 0 (contradicted).
 *
 * <p><b>Bounded:</b> at most {@code maxEdges} edges. Adding one more evicts the weakest edge (ties: the least
 * recently updated one); {@link #evictions()} counts them. The newcomer is always admitted, because fresh evidence
 * must be able to enter a graph full of older, stronger facts; weak newcomers then mostly displace each other.
 *
 * <p><b>Thread-safe:</b> one {@link ReentrantReadWriteLock} guards all state, so any number of readers (queries,
 * traversals, snapshots) run together while writers (the decision thread and the acknowledgement thread) take
 * turns. Every read returns immutable data that stays valid after the lock is released, and a batch of evidence
 * is applied under one write lock, so readers and snapshots never see half a batch.
 */
public final class KnowledgeGraph {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeGraph.class);

    /** Strongest first; equal strengths: most recently updated first; then the later write first. */
    private static final Comparator<Stored> STRONGEST_FIRST = Comparator.<Stored>naturalOrder().reversed();

    /** An edge as held: the sequence number makes the eviction order total even within one clock millisecond. */
    private record Stored(Edge edge, long sequence) implements Comparable<Stored> {

        /** Weakest first; equal strengths: least recently updated first. */
        @Override
        public int compareTo(Stored other) {
            int byStrength = Double.compare(edge.strength(), other.edge.strength());
            if (byStrength != 0) {
                return byStrength;
            }
            int byTime = Long.compare(edge.lastUpdatedMillis(), other.edge.lastUpdatedMillis());
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    /** A path found by {@link #traverse}, kept as a chain back to the start so extending it copies nothing. */
    private record PathStep(Edge edge, double strength, PathStep previous, int depth) {

        List<Edge> edges() {
            Edge[] edges = new Edge[depth];
            for (PathStep step = this; step != null; step = step.previous) {
                edges[step.depth - 1] = step.edge;
            }
            return List.of(edges);
        }
    }

    private final int maxEdges;
    private final double learningRate;
    private final LongSupplier clock;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    // All guarded by lock.
    private final Map<EdgeKey, Stored> edges = new HashMap<>();
    private final TreeSet<Stored> weakestFirst = new TreeSet<>();
    private final Map<String, Set<EdgeKey>> outgoing = new HashMap<>();
    private final Map<String, Set<EdgeKey>> incoming = new HashMap<>();
    private final Map<String, Set<EdgeKey>> byRelation = new HashMap<>();
    private long nextSequence;
    private long evictions;

    /**
     * @param maxEdges     the most edges held, at least 1
     * @param learningRate how far one fully weighted piece of evidence moves a strength toward its target, in
     *                     (0, 1]; see {@link #evolveKernelState(Evidence)}
     */
    public KnowledgeGraph(int maxEdges, double learningRate) {
        this(maxEdges, learningRate, System::currentTimeMillis);
    }

    /**
     * @param maxEdges     the most edges held, at least 1
     * @param learningRate in (0, 1], see {@link #evolveKernelState(Evidence)}
     * @param clock        epoch millis for {@link Edge#lastUpdatedMillis()} (tests pass a fake one)
     */
    public KnowledgeGraph(int maxEdges, double learningRate, LongSupplier clock) {
        if (maxEdges < 1) {
            throw new IllegalArgumentException("maxEdges must be at least 1, was " + maxEdges);
        }
        if (!(learningRate > 0.0 && learningRate <= 1.0)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1], was " + learningRate);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        this.maxEdges = maxEdges;
        this.learningRate = learningRate;
        this.clock = clock;
    }

    /** @return the most edges this graph holds */
    public int maxEdges() {
        return maxEdges;
    }

    /** @return the learning rate of {@link #evolveKernelState(Evidence)} */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Applies one observation: the strength of the fact moves toward 1 (confirmed) or 0 (contradicted) by an
     * exponential moving average, {@code s += learningRate * weight * (target - s)}.
     *
     * <p>Why an EMA: it needs one number per edge (the paper's [String, Double] tuples), stays inside [0, 1]
     * because each step is a convex combination, and weighs recent evidence more than old, so the graph follows a
     * changing world; the learning rate is its memory (about {@code 1 / learningRate} observations). A fact not in
     * the graph counts as strength 0: confirming it adds an edge at {@code learningRate * weight}, so a fact needs
     * repeated confirmation to become strong, and contradicting it changes nothing (nothing is stored).
     *
     * @return the edge after the update, empty when contradicting evidence concerned an absent fact
     */
    public Optional<Edge> evolveKernelState(Evidence evidence) {
        requireNonNull("evidence", evidence);
        lock.writeLock().lock();
        try {
            return Optional.ofNullable(apply(evidence, clock.getAsLong()));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Applies a batch of observations in order, atomically: readers and snapshots see all of it or none.
     * The whole batch is validated before anything changes.
     *
     * @return the edges after the update, in batch order, without those of contradictions of absent facts
     */
    public List<Edge> evolveKernelState(Collection<Evidence> batch) {
        requireNonNull("evidence batch", batch);
        int index = 0;
        for (Evidence evidence : batch) {
            requireNonNull("evidence #" + index++ + " of the batch", evidence);
        }
        List<Edge> updated = new ArrayList<>(batch.size());
        lock.writeLock().lock();
        try {
            long now = clock.getAsLong();
            for (Evidence evidence : batch) {
                Edge edge = apply(evidence, now);
                if (edge != null) {
                    updated.add(edge);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
        return updated;
    }

    /** Caller holds the write lock. @return the updated edge, or null when nothing is stored */
    private Edge apply(Evidence evidence, long now) {
        EdgeKey key = evidence.key();
        Stored current = edges.get(key);
        if (current == null && !evidence.positive()) {
            return null;
        }
        double strength = current == null ? 0.0 : current.edge.strength();
        double target = evidence.positive() ? 1.0 : 0.0;
        double evolved = strength + learningRate * evidence.weight() * (target - strength);
        // Rounding may step a hair outside [0, 1]; Edge would reject that.
        evolved = Math.min(1.0, Math.max(0.0, evolved));
        Edge edge = current == null
                ? new Edge(key.subject(), key.relation(), key.object(), evolved, now, 1)
                : current.edge.evolvedTo(evolved, now);
        store(key, edge);
        return edge;
    }

    /** Adds the edge or replaces the one with the same (subject, relation, object), keeping its timestamps. */
    public void put(Edge edge) {
        requireNonNull("edge", edge);
        lock.writeLock().lock();
        try {
            store(edge.key(), edge);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Caller holds the write lock. */
    private void store(EdgeKey key, Edge edge) {
        Stored previous = edges.get(key);
        if (previous != null) {
            weakestFirst.remove(previous);
        } else {
            if (edges.size() >= maxEdges) {
                evictWeakest();
            }
            index(outgoing, key.subject(), key);
            index(incoming, key.object(), key);
            index(byRelation, key.relation(), key);
        }
        Stored stored = new Stored(edge, nextSequence++);
        edges.put(key, stored);
        weakestFirst.add(stored);
    }

    private void evictWeakest() {
        Stored weakest = weakestFirst.first();
        unstore(weakest.edge.key());
        evictions++;
        LOG.debug("knowledge graph full ({} edges): evicted {}", maxEdges, weakest.edge);
    }

    /** @return the removed edge, empty if there was none */
    public Optional<Edge> remove(String subject, String relation, String object) {
        EdgeKey key = key(subject, relation, object);
        lock.writeLock().lock();
        try {
            Stored removed = unstore(key);
            return removed == null ? Optional.empty() : Optional.of(removed.edge);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Caller holds the write lock. */
    private Stored unstore(EdgeKey key) {
        Stored removed = edges.remove(key);
        if (removed != null) {
            weakestFirst.remove(removed);
            unindex(outgoing, key.subject(), key);
            unindex(incoming, key.object(), key);
            unindex(byRelation, key.relation(), key);
        }
        return removed;
    }

    private static void index(Map<String, Set<EdgeKey>> index, String term, EdgeKey key) {
        // Insertion order keeps traversals and equal-strength results reproducible run to run.
        index.computeIfAbsent(term, t -> new LinkedHashSet<>()).add(key);
    }

    private static void unindex(Map<String, Set<EdgeKey>> index, String term, EdgeKey key) {
        Set<EdgeKey> keys = index.get(term);
        keys.remove(key);
        if (keys.isEmpty()) {
            index.remove(term);
        }
    }

    /**
     * Replaces the whole content, for loading a snapshot. When there are more edges than {@code maxEdges}, the
     * strongest are kept (equal strengths: the most recently updated). Does not count as evictions.
     *
     * @return how many edges were dropped for the bound
     * @throws IllegalArgumentException if two edges share (subject, relation, object); nothing changes then
     */
    public int restore(Collection<Edge> snapshot) {
        requireNonNull("snapshot", snapshot);
        Set<EdgeKey> keys = new HashSet<>();
        for (Edge edge : snapshot) {
            requireNonNull("snapshot edge", edge);
            if (!keys.add(edge.key())) {
                throw new IllegalArgumentException("snapshot holds " + edge.key() + " twice");
            }
        }
        List<Edge> strongestFirst = new ArrayList<>(snapshot);
        strongestFirst.sort(Comparator.comparingDouble(Edge::strength)
                .thenComparingLong(Edge::lastUpdatedMillis).reversed());
        List<Edge> kept = strongestFirst.subList(0, Math.min(maxEdges, strongestFirst.size()));
        lock.writeLock().lock();
        try {
            edges.clear();
            weakestFirst.clear();
            outgoing.clear();
            incoming.clear();
            byRelation.clear();
            // Weakest first (equal strengths: oldest first), so sequence numbers break ties as live writes do.
            for (int i = kept.size() - 1; i >= 0; i--) {
                store(kept.get(i).key(), kept.get(i));
            }
        } finally {
            lock.writeLock().unlock();
        }
        return strongestFirst.size() - kept.size();
    }

    /** @return the edge (subject, relation, object), empty if absent */
    public Optional<Edge> get(String subject, String relation, String object) {
        EdgeKey key = key(subject, relation, object);
        lock.readLock().lock();
        try {
            Stored stored = edges.get(key);
            return stored == null ? Optional.empty() : Optional.of(stored.edge);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return the edges leaving {@code subject}, strongest first */
    public List<Edge> outgoing(String subject) {
        return query(Terms.require("subject", subject), null, null, 0.0, Integer.MAX_VALUE);
    }

    /** @return the edges reaching {@code object}, strongest first */
    public List<Edge> incoming(String object) {
        return query(null, null, Terms.require("object", object), 0.0, Integer.MAX_VALUE);
    }

    /** @return the edges labelled {@code relation}, strongest first */
    public List<Edge> byRelation(String relation) {
        return query(null, Terms.require("relation", relation), null, 0.0, Integer.MAX_VALUE);
    }

    /**
     * Pattern query; a null term matches anything.
     *
     * @param minStrength only edges at least this strong, in [0, 1]
     * @param limit       the most edges returned, at least 1
     * @return matching edges, strongest first (equal strengths: most recently updated first)
     */
    public List<Edge> query(String subject, String relation, String object, double minStrength, int limit) {
        if (subject != null) {
            Terms.require("subject", subject);
        }
        if (relation != null) {
            Terms.require("relation", relation);
        }
        if (object != null) {
            Terms.require("object", object);
        }
        Terms.requireUnitInterval("minStrength", minStrength);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        lock.readLock().lock();
        try {
            Set<EdgeKey> candidates = smallestIndex(subject, relation, object);
            if (candidates == null) {
                return subject == null && relation == null && object == null
                        ? strongestOfAll(minStrength, limit)
                        : List.of();
            }
            return strongest(candidates, subject, relation, object, minStrength, limit);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return keys of the smallest index that a given term selects; null if no term is given or one matches nothing */
    private Set<EdgeKey> smallestIndex(String subject, String relation, String object) {
        Set<EdgeKey> smallest = null;
        String[] terms = {subject, relation, object};
        List<Map<String, Set<EdgeKey>>> indexes = List.of(outgoing, byRelation, incoming);
        for (int i = 0; i < terms.length; i++) {
            if (terms[i] == null) {
                continue;
            }
            Set<EdgeKey> keys = indexes.get(i).get(terms[i]);
            if (keys == null) {
                return null;
            }
            if (smallest == null || keys.size() < smallest.size()) {
                smallest = keys;
            }
        }
        return smallest;
    }

    private List<Edge> strongestOfAll(double minStrength, int limit) {
        List<Edge> result = new ArrayList<>(Math.min(limit, edges.size()));
        Iterator<Stored> strongest = weakestFirst.descendingIterator();
        while (strongest.hasNext() && result.size() < limit) {
            Edge edge = strongest.next().edge;
            if (edge.strength() < minStrength) {
                break;
            }
            result.add(edge);
        }
        return result;
    }

    private List<Edge> strongest(Set<EdgeKey> candidates, String subject, String relation, String object,
            double minStrength, int limit) {
        // A min-heap of the best `limit` so far: O(n log limit) instead of sorting every match.
        PriorityQueue<Stored> best = new PriorityQueue<>();
        for (EdgeKey key : candidates) {
            if ((subject == null || subject.equals(key.subject()))
                    && (relation == null || relation.equals(key.relation()))
                    && (object == null || object.equals(key.object()))) {
                Stored stored = edges.get(key);
                if (stored.edge.strength() >= minStrength) {
                    best.add(stored);
                    if (best.size() > limit) {
                        best.poll();
                    }
                }
            }
        }
        List<Stored> sorted = new ArrayList<>(best);
        sorted.sort(STRONGEST_FIRST);
        List<Edge> result = new ArrayList<>(sorted.size());
        for (Stored stored : sorted) {
            result.add(stored.edge);
        }
        return result;
    }

    /**
     * Finds every node reachable from {@code start} in at most {@code maxDepth} edges, each with its strongest
     * path, where a path's strength is the product of its edges' strengths. Paths weaker than
     * {@code minStrength} are not followed. Exact within the depth bound: a hop-limited Bellman-Ford that relaxes,
     * round by round, only the nodes whose best path improved in the previous round; a path improves only
     * strictly, and strengths are at most 1, so cycles end it.
     *
     * @param maxDepth    the most edges on a path, at least 1
     * @param minStrength the weakest path followed, in [0, 1]
     * @return reachable nodes other than {@code start}, strongest path first (equal strengths: by node name)
     */
    public List<Reachable> traverse(String start, int maxDepth, double minStrength) {
        Terms.require("start", start);
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
        }
        Terms.requireUnitInterval("minStrength", minStrength);
        Map<String, PathStep> best = new HashMap<>();
        lock.readLock().lock();
        try {
            Map<String, PathStep> frontier = new HashMap<>();
            frontier.put(start, null);
            for (int depth = 1; depth <= maxDepth && !frontier.isEmpty(); depth++) {
                Map<String, PathStep> improved = new HashMap<>();
                for (Map.Entry<String, PathStep> from : frontier.entrySet()) {
                    relaxOutgoing(start, from.getKey(), from.getValue(), minStrength, best, improved);
                }
                frontier = improved;
            }
        } finally {
            lock.readLock().unlock();
        }
        List<Reachable> reachable = new ArrayList<>(best.size());
        for (Map.Entry<String, PathStep> entry : best.entrySet()) {
            reachable.add(new Reachable(entry.getKey(), entry.getValue().strength(), entry.getValue().edges()));
        }
        reachable.sort(Comparator.comparingDouble(Reachable::strength).reversed()
                .thenComparing(Reachable::node));
        return reachable;
    }

    /** Caller holds the read lock. {@code via} is null for the start node. */
    private void relaxOutgoing(String start, String node, PathStep via, double minStrength,
            Map<String, PathStep> best, Map<String, PathStep> improved) {
        Set<EdgeKey> keys = outgoing.get(node);
        if (keys == null) {
            return;
        }
        double strengthSoFar = via == null ? 1.0 : via.strength();
        int depth = via == null ? 1 : via.depth() + 1;
        for (EdgeKey key : keys) {
            Edge edge = edges.get(key).edge;
            double strength = strengthSoFar * edge.strength();
            String target = key.object();
            if (strength < minStrength || target.equals(start)) {
                continue;
            }
            PathStep known = best.get(target);
            if (known == null || strength > known.strength()) {
                PathStep step = new PathStep(edge, strength, via, depth);
                best.put(target, step);
                improved.put(target, step);
            }
        }
    }

    /** @return all edges at one instant, strongest first; consistent with respect to batches */
    public List<Edge> snapshot() {
        lock.readLock().lock();
        try {
            return strongestOfAll(0.0, Integer.MAX_VALUE);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return how many edges the graph holds */
    public int size() {
        lock.readLock().lock();
        try {
            return edges.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return how many edges were evicted to respect {@code maxEdges} since this graph was made */
    public long evictions() {
        lock.readLock().lock();
        try {
            return evictions;
        } finally {
            lock.readLock().unlock();
        }
    }

    private static EdgeKey key(String subject, String relation, String object) {
        return new EdgeKey(Terms.require("subject", subject), Terms.require("relation", relation),
                Terms.require("object", object));
    }

    private static void requireNonNull(String what, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
    }
}
