package org.cogos.bench.reasoning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;

import org.cogos.reasoning.internal.bayes.BetaReliability;

/**
 * The paper's "automatically evolving predicate": several candidate rules for one question, each with a
 * Beta-Bernoulli posterior over how often it is right. {@link #predict} picks a candidate and applies it;
 * {@link #observe} scores every candidate against the (possibly noisy) outcome.
 *
 * <p>The choice is the candidate with the highest posterior mean, without an optimism bonus and without Thompson
 * sampling, because {@link #observe} scores every candidate on every outcome: the learner gets the same
 * information whichever rule acts, so exploring buys nothing and only costs wrong answers. (Measured on the
 * EvenNumberDetector with 10 % noise, examples 41-50 all correct: 198 of 200 seeds this way, 177 of 200 with
 * Thompson sampling.) Exploration would be needed only if just the acting rule could be scored. Ties, as at the
 * start when all posteriors equal the prior, are drawn with a seeded {@link SplittableRandom} (it mixes its seed,
 * unlike {@code java.util.Random}, whose first draws barely differ for neighbouring seeds), so list order does not
 * decide and runs are reproducible.
 *
 * <p>Thread-safe: all methods synchronize on the learner, so one thread may predict while another reports
 * outcomes.
 */
final class EvolvingPredicateLearner {

    private final List<NamedRule> rules;
    private final BetaReliability[] reliabilities;
    private final SplittableRandom random;
    private long observations;

    /**
     * @param candidates the rules to choose from: at least one, names unique
     * @param prior      every candidate's posterior before any outcome, e.g. {@link BetaReliability#uniformPrior()}
     * @param seed       seeds the sampling, for reproducible runs
     */
    public EvolvingPredicateLearner(List<NamedRule> candidates, BetaReliability prior, long seed) {
        if (candidates == null || candidates.isEmpty()) {
            throw new IllegalArgumentException("need at least one candidate rule, was " + candidates);
        }
        if (prior == null) {
            throw new IllegalArgumentException("prior must not be null");
        }
        Set<String> names = new HashSet<>();
        for (NamedRule candidate : candidates) {
            if (candidate == null) {
                throw new IllegalArgumentException("candidate rules must not be null: " + candidates);
            }
            if (!names.add(candidate.name())) {
                throw new IllegalArgumentException("two candidate rules are named '" + candidate.name() + "'");
            }
        }
        this.rules = List.copyOf(candidates);
        this.reliabilities = new BetaReliability[rules.size()];
        Arrays.fill(reliabilities, prior);
        this.random = new SplittableRandom(seed);
    }

    /** @return the chosen candidate (highest posterior mean, ties drawn at random) and what it says of {@code input} */
    public synchronized Prediction predict(int input) {
        int chosen = -1;
        int tied = 0;
        for (int i = 0; i < rules.size(); i++) {
            int order = chosen < 0 ? 1 : Double.compare(reliabilities[i].mean(), reliabilities[chosen].mean());
            if (order > 0) {
                chosen = i;
                tied = 1;
            } else if (order == 0 && random.nextInt(++tied) == 0) {
                // Reservoir sampling: each of the tied candidates ends up chosen with probability 1 / tied.
                chosen = i;
            }
        }
        NamedRule rule = rules.get(chosen);
        return new Prediction(input, rule, rule.test(input));
    }

    /**
     * Scores every candidate: a success if it says what was observed for {@code input}, a failure otherwise.
     *
     * @param outcome the observed answer for {@code input}, which may itself be wrong (noisy feedback)
     */
    public synchronized void observe(int input, boolean outcome) {
        for (int i = 0; i < rules.size(); i++) {
            reliabilities[i] = reliabilities[i].update(rules.get(i).test(input) == outcome);
        }
        observations++;
    }

    /** @return the candidate with the highest posterior mean (ties: the earliest in the candidate list) */
    public synchronized CandidateBelief best() {
        int best = 0;
        for (int i = 1; i < rules.size(); i++) {
            if (reliabilities[i].mean() > reliabilities[best].mean()) {
                best = i;
            }
        }
        return new CandidateBelief(rules.get(best), reliabilities[best]);
    }

    /** @return every candidate with its posterior, in candidate order */
    public synchronized List<CandidateBelief> beliefs() {
        List<CandidateBelief> beliefs = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            beliefs.add(new CandidateBelief(rules.get(i), reliabilities[i]));
        }
        return beliefs;
    }

    /** @return how many outcomes were observed */
    public synchronized long observations() {
        return observations;
    }
}
