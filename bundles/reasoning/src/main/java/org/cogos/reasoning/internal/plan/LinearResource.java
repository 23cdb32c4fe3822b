package org.cogos.reasoning.internal.plan;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A single-use token for one {@link ResourceClaim}, granted by a {@link ResourceLease}. Only its lease can use it:
 * {@link ResourceLease#consume} or {@link ResourceLease#release} moves it from {@link TokenState#LIVE} to a final
 * state exactly once; closing the lease turns a live token into a {@link TokenState#LEAKED} one. Tokens cannot be
 * created outside this package.
 *
 * <p>Thread-safe: the state moves by compare-and-set, so of two racing uses exactly one wins.
 */
public final class LinearResource {

    /** A final state and who caused it. */
    private record Use(TokenState state, String by) {
    }

    private static final Use LIVE = new Use(TokenState.LIVE, null);

    private final ResourceLease lease;
    private final int index;
    private final ResourceClaim claim;
    private final AtomicReference<Use> use = new AtomicReference<>(LIVE);

    LinearResource(ResourceLease lease, int index, ResourceClaim claim) {
        this.lease = lease;
        this.index = index;
        this.claim = claim;
    }

    /** @return the resource this token grants */
    public ResourceId id() {
        return claim.id();
    }

    /** @return the amount this token grants */
    public long amount() {
        return claim.amount();
    }

    /** @return the claim this token was granted for */
    public ResourceClaim claim() {
        return claim;
    }

    /** @return the id of the lease that granted it */
    public long leaseId() {
        return lease.id();
    }

    /** @return its current state */
    public TokenState state() {
        return use.get().state();
    }

    /** @return who consumed or released it, empty while live or once leaked */
    public Optional<String> usedBy() {
        return Optional.ofNullable(use.get().by());
    }

    boolean belongsTo(ResourceLease candidate) {
        return lease == candidate;
    }

    /** @throws IllegalStateException naming this token and its first user when it is not live */
    void finish(TokenState state, String by) {
        if (!use.compareAndSet(LIVE, new Use(state, by))) {
            throw new IllegalStateException(notLiveMessage(state, by));
        }
    }

    /** @return whether this call turned it from live to leaked */
    boolean markLeaked() {
        return use.compareAndSet(LIVE, new Use(TokenState.LEAKED, null));
    }

    private String notLiveMessage(TokenState wanted, String by) {
        Use current = use.get();
        String verb = wanted == TokenState.CONSUMED ? "consume" : "release";
        String why = switch (current.state()) {
            case CONSUMED -> "already consumed by '" + current.by() + "'";
            case RELEASED -> "already released by '" + current.by() + "'";
            case LEAKED -> "dead: lease " + lease.id() + " closed with it unused";
            case LIVE -> "raced with another use";
        };
        return "token " + this + " " + why + "; '" + by + "' cannot " + verb + " it";
    }

    @Override
    public String toString() {
        return claim + "#" + lease.id() + "." + index;
    }
}
