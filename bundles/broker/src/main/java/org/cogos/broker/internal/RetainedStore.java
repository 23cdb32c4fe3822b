package org.cogos.broker.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The last retained message of each topic, in memory (lost when the broker stops). */
final class RetainedStore {

    private final Map<String, Publication> byTopic = new HashMap<>();

    /** Whether storing p keeps the store within max topics; clearing or replacing always does. */
    boolean accepts(Publication p, int maxRetainedMessages) {
        return p.payload.length == 0 || byTopic.containsKey(p.topic) || byTopic.size() < maxRetainedMessages;
    }

    /** Stores p, or clears its topic when the payload is empty. */
    void apply(Publication p) {
        if (p.payload.length == 0) {
            byTopic.remove(p.topic);
        } else {
            byTopic.put(p.topic, p);
        }
    }

    /** The retained messages a (non-shared) filter matches; expired ones are removed on the way. */
    List<Publication> matching(String filter, long nowNanos) {
        List<Publication> result = new ArrayList<>();
        for (Iterator<Publication> it = byTopic.values().iterator(); it.hasNext();) {
            Publication p = it.next();
            if (p.isExpired(nowNanos)) {
                it.remove();
            } else if (TopicNames.matches(filter, p.topic)) {
                result.add(p);
            }
        }
        return result;
    }
}
