package org.cogos.bench.modules;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.cogos.api.Percept;
import org.cogos.api.PerceptRouter;

/**
 * Where the audio module hands its transcripts outside OSGi. In cogos the runtime's router queues them for the
 * language module; here they are queued (bounded, refused when full as the router refuses) and counted, so the
 * audio figures are the audio module's alone.
 */
final class TranscriptQueue implements PerceptRouter {

    private final BlockingQueue<Percept> queued = new ArrayBlockingQueue<>(100_000);
    private long submitted;

    @Override
    public synchronized void submit(Percept percept) {
        if (!queued.offer(percept)) {
            throw new IllegalStateException("transcript queue full");
        }
        submitted++;
    }

    synchronized long submitted() {
        return submitted;
    }
}
