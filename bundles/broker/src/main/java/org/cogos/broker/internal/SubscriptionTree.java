package org.cogos.broker.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All subscriptions, as a tree of topic levels, so matching a topic costs its depth rather than the number
 * of subscriptions. '+' and '#' are children like any other level; a topic name never contains them.
 */
final class SubscriptionTree {

    /** Receives what a topic matches; a session with overlapping subscriptions is visited once per subscription. */
    interface Visitor {
        void subscription(Session session, Subscription subscription);

        void sharedGroup(SharedGroup group);
    }

    private static final class Node {
        final Map<String, Node> children = new HashMap<>(4);
        final Map<Session, Subscription> subscribers = new LinkedHashMap<>();
        final Map<String, SharedGroup> groups = new LinkedHashMap<>();

        boolean isEmpty() {
            return children.isEmpty() && subscribers.isEmpty() && groups.isEmpty();
        }
    }

    private final Node root = new Node();

    void add(Session session, Subscription subscription) {
        Node node = root;
        for (String level : TopicNames.levels(subscription.filter())) {
            node = node.children.computeIfAbsent(level, l -> new Node());
        }
        if (subscription.isShared()) {
            node.groups.computeIfAbsent(subscription.shareGroup(), g -> new SharedGroup()).put(session, subscription);
        } else {
            node.subscribers.put(session, subscription);
        }
    }

    void remove(Session session, Subscription subscription) {
        remove(root, TopicNames.levels(subscription.filter()), 0, session, subscription);
    }

    /** Removes the subscription below node; returns whether node became empty and can be pruned. */
    private static boolean remove(Node node, String[] levels, int depth, Session session, Subscription subscription) {
        if (depth == levels.length) {
            if (subscription.isShared()) {
                SharedGroup group = node.groups.get(subscription.shareGroup());
                if (group != null) {
                    group.remove(session);
                    if (group.isEmpty()) {
                        node.groups.remove(subscription.shareGroup());
                    }
                }
            } else {
                node.subscribers.remove(session);
            }
            return node.isEmpty();
        }
        Node child = node.children.get(levels[depth]);
        if (child != null && remove(child, levels, depth + 1, session, subscription)) {
            node.children.remove(levels[depth]);
        }
        return node.isEmpty();
    }

    void match(String topic, Visitor visitor) {
        match(root, TopicNames.levels(topic), 0, topic.startsWith("$"), visitor);
    }

    private static void match(Node node, String[] levels, int depth, boolean dollarTopic, Visitor visitor) {
        if (depth == levels.length) {
            visit(node, visitor);
            // "a/#" also matches "a" itself
            Node hash = node.children.get("#");
            if (hash != null) {
                visit(hash, visitor);
            }
            return;
        }
        // Topics starting with '$' are not matched by a wildcard in the first level (MQTT 5 section 4.7.2)
        if (depth > 0 || !dollarTopic) {
            Node hash = node.children.get("#");
            if (hash != null) {
                visit(hash, visitor);
            }
            Node plus = node.children.get("+");
            if (plus != null) {
                match(plus, levels, depth + 1, dollarTopic, visitor);
            }
        }
        Node exact = node.children.get(levels[depth]);
        if (exact != null) {
            match(exact, levels, depth + 1, dollarTopic, visitor);
        }
    }

    private static void visit(Node node, Visitor visitor) {
        node.subscribers.forEach(visitor::subscription);
        node.groups.values().forEach(visitor::sharedGroup);
    }
}
