package org.cogos.coordinator.internal;

/**
 * Counters since activation.
 *
 * @param observations    observations accepted
 * @param scenes          scenes fused and offered to an engine
 * @param actionsSent     actions handed to the action sink
 * @param suppressed      actions not sent because they repeated the last one (repeat suppression)
 * @param latched         motion actions held back while a commanded stop latched
 * @param heldForCommand  motion actions of the robot's own behaviours held back while a commanded motion ran
 * @param noEngine        scenes skipped because no decision engine was bound
 * @param engineFailures  engine calls that threw, returned null or overran engineTimeoutMs
 * @param fallbacks       scenes decided by a lower-ranked engine because a better one failed
 * @param undeliverable   actions that could not be handed over: no sink, or the sink refused
 * @param robotsRefused   observations refused because maxRobots robots were tracked
 * @param robotsEvicted   robots dropped after robotIdleMs without observations
 * @param robots          robots tracked now
 */
record CoordinatorStats(long observations, long scenes, long actionsSent, long suppressed, long latched,
        long heldForCommand,
        long noEngine, long engineFailures, long fallbacks, long undeliverable, long robotsRefused, long robotsEvicted, int robots) {
}
