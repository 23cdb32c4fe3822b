package org.cogos.reasoning.internal;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.cogos.reasoning.internal.embedding.NeuralEmbedding;
import org.cogos.reasoning.internal.embedding.WordVectors;

/**
 * Embeddings of facts' meanings (labels and utterances), computed once each. Labels repeat scene after scene;
 * utterances mostly do not, so the cache is bounded and simply emptied when full. Thread-safe.
 */
final class EmbeddingCache {

    static final int MAX_ENTRIES = 10_000;

    private final WordVectors vectors;
    private final ConcurrentMap<String, Optional<NeuralEmbedding>> byMeaning = new ConcurrentHashMap<>();

    EmbeddingCache(WordVectors vectors) {
        this.vectors = vectors;
    }

    Optional<NeuralEmbedding> embedding(String meaning) {
        Optional<NeuralEmbedding> cached = byMeaning.get(meaning);
        if (cached != null) {
            return cached;
        }
        if (byMeaning.size() >= MAX_ENTRIES) {
            byMeaning.clear();
        }
        Optional<NeuralEmbedding> computed = vectors.embed(meaning);
        byMeaning.put(meaning, computed);
        return computed;
    }

    /** Cosine similarity of two meanings; 0 when either has no known word. */
    double similarity(String a, String b) {
        Optional<NeuralEmbedding> x = embedding(a);
        Optional<NeuralEmbedding> y = embedding(b);
        return x.isPresent() && y.isPresent() ? x.get().cosine(y.get()) : 0;
    }
}
