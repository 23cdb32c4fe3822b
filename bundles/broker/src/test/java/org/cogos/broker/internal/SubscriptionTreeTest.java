package org.cogos.broker.internal;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class SubscriptionTreeTest {

    private final SubscriptionTree tree = new SubscriptionTree();
    private final BrokerCounters counters = new BrokerCounters();

    @Test
    public void overlappingSubscriptionsOfOneSessionAreAllVisited() {
        Session s = new Session("s", counters);
        tree.add(s, subscription("a/+"));
        tree.add(s, subscription("a/#"));
        tree.add(s, subscription("a/b"));
        assertEquals(List.of("a/+", "a/#", "a/b").size(), matched("a/b").size());
        assertEquals(List.of("a/#"), matched("a"));
    }

    @Test
    public void removedSubscriptionsNoLongerMatchAndEmptyBranchesGo() {
        Session s = new Session("s", counters);
        Subscription deep = subscription("x/y/z/#");
        tree.add(s, deep);
        assertEquals(List.of("x/y/z/#"), matched("x/y/z/w"));
        tree.remove(s, deep);
        assertEquals(List.of(), matched("x/y/z/w"));
        tree.add(s, deep);
        assertEquals("re-adding after pruning works", List.of("x/y/z/#"), matched("x/y/z"));
    }

    @Test
    public void sharedGroupIsVisitedOnceWhateverItsMemberCount() {
        Session a = new Session("a", counters);
        Session b = new Session("b", counters);
        Subscription shared = new Subscription("$share/g/jobs/+", "jobs/+", "g", 1, false, false, 0);
        tree.add(a, shared);
        tree.add(b, shared);
        List<SharedGroup> groups = new ArrayList<>();
        tree.match("jobs/1", new SubscriptionTree.Visitor() {
            @Override
            public void subscription(Session session, Subscription subscription) {
                throw new AssertionError("no ordinary subscription here");
            }

            @Override
            public void sharedGroup(SharedGroup group) {
                groups.add(group);
            }
        });
        assertEquals(1, groups.size());
        // both members offline: plain round robin
        assertEquals("a", groups.get(0).pick().session().clientId);
        assertEquals("b", groups.get(0).pick().session().clientId);
        assertEquals("a", groups.get(0).pick().session().clientId);
    }

    private static Subscription subscription(String filter) {
        return new Subscription(filter, filter, null, 1, false, false, 0);
    }

    private List<String> matched(String topic) {
        List<String> filters = new ArrayList<>();
        tree.match(topic, new SubscriptionTree.Visitor() {
            @Override
            public void subscription(Session session, Subscription subscription) {
                filters.add(subscription.filter());
            }

            @Override
            public void sharedGroup(SharedGroup group) {
            }
        });
        return filters;
    }
}
