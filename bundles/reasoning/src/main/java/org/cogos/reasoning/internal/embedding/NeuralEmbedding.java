package org.cogos.reasoning.internal.embedding;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A dense unit vector standing for a piece of input (a word, an utterance, a percept label), with the words it was
 * made from and the words that had no vector, so a decision based on it can be explained. Immutable; thread-safe.
 */
public final class NeuralEmbedding {

    /** How far from 1 a given vector's length may be: float rounding of a normalised vector stays far below. */
    private static final double UNIT_TOLERANCE = 1e-4;

    private final float[] vector;
    private final List<String> words;
    private final List<String> unknownWords;

    /**
     * @param vector       a unit vector (copied); its length must be 1 within 1e-4
     * @param words        the words the vector was made from, in order (repeats included)
     * @param unknownWords the words of the input that had no vector, in order
     * @throws IllegalArgumentException if the vector is empty, holds a non-finite value or is not unit length
     */
    public NeuralEmbedding(float[] vector, List<String> words, List<String> unknownWords) {
        Objects.requireNonNull(vector, "vector");
        this.words = List.copyOf(Objects.requireNonNull(words, "words"));
        this.unknownWords = List.copyOf(Objects.requireNonNull(unknownWords, "unknownWords"));
        if (vector.length == 0) {
            throw new IllegalArgumentException("an embedding needs at least one dimension, got an empty vector");
        }
        this.vector = vector.clone();
        double squares = 0;
        for (int i = 0; i < this.vector.length; i++) {
            if (!Float.isFinite(this.vector[i])) {
                throw new IllegalArgumentException("embedding component " + i + " is " + this.vector[i]);
            }
            squares += (double) this.vector[i] * this.vector[i];
        }
        double length = Math.sqrt(squares);
        if (Math.abs(length - 1) > UNIT_TOLERANCE) {
            throw new IllegalArgumentException("an embedding must be a unit vector, got length " + length);
        }
    }

    /**
     * The direction of {@code vector}: it is scaled to unit length.
     *
     * @throws IllegalArgumentException if the vector is empty, zero or holds a non-finite value
     */
    public static NeuralEmbedding normalised(float[] vector, List<String> words, List<String> unknownWords) {
        Objects.requireNonNull(vector, "vector");
        double squares = 0;
        for (float x : vector) {
            squares += (double) x * x;
        }
        double length = Math.sqrt(squares);
        if (!(length > 0) || !Double.isFinite(length)) {
            throw new IllegalArgumentException("cannot normalise a vector of length " + length);
        }
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / length);
        }
        return new NeuralEmbedding(unit, words, unknownWords);
    }

    /** Number of components. */
    public int dimensions() {
        return vector.length;
    }

    /** A copy of the unit vector. */
    public float[] vector() {
        return vector.clone();
    }

    /** The words the vector was made from, in input order (repeats included). */
    public List<String> words() {
        return words;
    }

    /** The words of the input that had no vector and so did not contribute, in input order. */
    public List<String> unknownWords() {
        return unknownWords;
    }

    /**
     * Cosine similarity, in [-1, 1]: 1 for the same direction, about 0 for unrelated ones.
     *
     * @throws IllegalArgumentException if the two have different dimensions
     */
    public double cosine(NeuralEmbedding other) {
        Objects.requireNonNull(other, "other");
        if (other.vector.length != vector.length) {
            throw new IllegalArgumentException("cannot compare a " + vector.length + "-dimensional embedding with a "
                    + other.vector.length + "-dimensional one");
        }
        double dot = 0;
        for (int i = 0; i < vector.length; i++) {
            dot += (double) vector[i] * other.vector[i];
        }
        // Both are unit vectors; rounding can push the dot product a hair past the bounds.
        return Math.max(-1, Math.min(1, dot));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeuralEmbedding e && Arrays.equals(vector, e.vector) && words.equals(e.words)
                && unknownWords.equals(e.unknownWords);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(vector), words, unknownWords);
    }

    @Override
    public String toString() {
        return "NeuralEmbedding[" + vector.length + "d, words=" + words + ", unknown=" + unknownWords + "]";
    }
}
