package org.cogos.reasoning.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The resources of one decision: one {@link LinearResource} per claim, in claim order. Each token is consumed or
 * released at most once, through this lease only. {@link #close()} gives every resource back to the robot's pool
 * and reports still-live tokens as leaks; afterwards every token of the lease is dead. Use it in
 * try-with-resources.
 *
 * <p>Thread-safe: tokens may be consumed from several threads; close is idempotent and may race with them
 * (a token consumed concurrently with close either counts as consumed or is dead, never both).
 */
public final class ResourceLease implements AutoCloseable {

    private final ResourceManager manager;
    private final ResourcePool pool;
    private final long id;
    private final long[] taken;
    private final List<LinearResource> tokens;
    private final AtomicBoolean closed = new AtomicBoolean();

    ResourceLease(ResourceManager manager, ResourcePool pool, long id, List<ResourceClaim> claims, long[] taken) {
        this.manager = manager;
        this.pool = pool;
        this.id = id;
        this.taken = taken;
        List<LinearResource> granted = new ArrayList<>(claims.size());
        for (int index = 0; index < claims.size(); index++) {
            granted.add(new LinearResource(this, index, claims.get(index)));
        }
        this.tokens = List.copyOf(granted);
    }

    /** @return this lease's id, unique within its manager */
    public long id() {
        return id;
    }

    /** @return the robot whose resources it holds */
    public String robotId() {
        return pool.robotId();
    }

    /** @return its tokens, one per claim in the order the claims were granted */
    public List<LinearResource> tokens() {
        return tokens;
    }

    /**
     * Uses {@code token} once, on behalf of {@code consumer}.
     *
     * @throws IllegalArgumentException when the token belongs to another lease
     * @throws IllegalStateException    naming the token and its first user when it was already used, or is dead
     */
    public void consume(LinearResource token, String consumer) {
        finish(token, TokenState.CONSUMED, consumer);
        manager.recordConsumed();
    }

    /**
     * Gives {@code token} back unused on purpose (not a leak), e.g. because its step will not run.
     *
     * @throws IllegalArgumentException when the token belongs to another lease
     * @throws IllegalStateException    naming the token and its first user when it was already used, or is dead
     */
    public void release(LinearResource token, String releaser) {
        finish(token, TokenState.RELEASED, releaser);
        manager.recordReleased();
    }

    private void finish(LinearResource token, TokenState state, String by) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(by, "consumer");
        if (!token.belongsTo(this)) {
            manager.recordUseRefused();
            throw new IllegalArgumentException("token " + token + " belongs to lease " + token.leaseId()
                    + ", refused by lease " + id + " for '" + by + "'");
        }
        try {
            token.finish(state, by);
        } catch (IllegalStateException e) {
            manager.recordUseRefused();
            throw e;
        }
    }

    /** @return whether it has been closed */
    public boolean isClosed() {
        return closed.get();
    }

    /** @return the tokens still live */
    public List<LinearResource> liveTokens() {
        List<LinearResource> live = new ArrayList<>();
        for (LinearResource token : tokens) {
            if (token.state() == TokenState.LIVE) {
                live.add(token);
            }
        }
        return live;
    }

    /**
     * Kills every live token (a leak, counted and logged), then gives all resources back to the pool. Only the
     * first call has an effect.
     *
     * @throws IllegalStateException listing the leaked tokens when the manager's policy is {@link LeakPolicy#STRICT}
     *                               (the resources are back in the pool all the same)
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<LinearResource> leaked = null;
        for (LinearResource token : tokens) {
            if (token.markLeaked()) {
                if (leaked == null) {
                    leaked = new ArrayList<>();
                }
                leaked.add(token);
            }
        }
        pool.give(taken);
        manager.recordClosed(this, leaked == null ? List.of() : leaked);
    }

    @Override
    public String toString() {
        return "lease " + id + " of robot '" + pool.robotId() + "' " + tokens;
    }
}
