package org.cogos.reasoning.internal.plan;

/**
 * A snapshot of a {@link ResourceManager}'s counters. Once every lease is closed,
 * {@code tokensGranted == tokensConsumed + tokensReleased + tokensLeaked} and {@code leasesOpened == leasesClosed}.
 *
 * @param leasesOpened   leases granted
 * @param leasesClosed   leases closed
 * @param tokensGranted  tokens handed out in granted leases
 * @param tokensConsumed tokens consumed
 * @param tokensReleased tokens given back unused on purpose
 * @param tokensLeaked   tokens still live when their lease closed
 * @param grantsRefused  grant requests refused for lack of resources
 * @param usesRefused    consume/release calls refused: foreign, already used or dead tokens
 */
public record ResourceCounters(long leasesOpened, long leasesClosed, long tokensGranted, long tokensConsumed,
        long tokensReleased, long tokensLeaked, long grantsRefused, long usesRefused) {
}
