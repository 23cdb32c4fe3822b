package org.cogos.reasoning.internal.plan;

/**
 * One resource a grant could not have: how much was asked for, how much was free and the capacity.
 *
 * @param id        the resource
 * @param requested total amount the grant asked for
 * @param free      amount free when the grant was refused
 * @param capacity  the robot's capacity, 0 when it does not have the resource
 */
public record ResourceShortage(ResourceId id, long requested, long free, long capacity) {

    @Override
    public String toString() {
        return capacity == 0
                ? id + " requested " + requested + ", robot does not have it"
                : id + " requested " + requested + ", free " + free + " of " + capacity;
    }
}
