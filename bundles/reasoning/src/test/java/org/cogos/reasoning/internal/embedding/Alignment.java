package org.cogos.reasoning.internal.embedding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How well one candidate (e.g. a percept label such as {@code person}) matches a query (e.g. an intent's text):
 * their cosine similarity. Immutable.
 *
 * @param label  the candidate's key
 * @param cosine the cosine similarity of query and candidate, in [-1, 1]
 */
public record Alignment(String label, double cosine) {

    private static final Comparator<Alignment> BEST_FIRST = Comparator.comparingDouble(Alignment::cosine).reversed()
            .thenComparing(Alignment::label);

    /**
     * @throws IllegalArgumentException if the label is null or the cosine is not within [-1, 1]
     */
    public Alignment {
        if (label == null) {
            throw new IllegalArgumentException("an alignment needs a label, got null");
        }
        if (!(cosine >= -1 && cosine <= 1)) {
            throw new IllegalArgumentException("cosine of '" + label + "' must be within [-1, 1], got " + cosine);
        }
    }

    /**
     * Every candidate with its cosine to the query, most similar first; equal cosines by label, so the order is
     * deterministic.
     *
     * @throws IllegalArgumentException if a candidate is null or its dimensions differ from the query's
     */
    public static List<Alignment> ranked(NeuralEmbedding query, Map<String, NeuralEmbedding> candidates) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(candidates, "candidates");
        List<Alignment> ranked = new ArrayList<>(candidates.size());
        candidates.forEach((label, candidate) -> {
            if (candidate == null) {
                throw new IllegalArgumentException("candidate '" + label + "' has no embedding");
            }
            ranked.add(new Alignment(label, query.cosine(candidate)));
        });
        ranked.sort(BEST_FIRST);
        return List.copyOf(ranked);
    }

    /**
     * The candidate most similar to the query.
     *
     * @return empty if there are no candidates
     * @throws IllegalArgumentException as {@link #ranked}
     */
    public static Optional<Alignment> best(NeuralEmbedding query, Map<String, NeuralEmbedding> candidates) {
        return ranked(query, candidates).stream().findFirst();
    }
}
