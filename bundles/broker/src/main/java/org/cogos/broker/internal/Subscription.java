package org.cogos.broker.internal;

/**
 * A session's subscription.
 *
 * @param key            the filter as the client sent it (with the {@code $share/<group>/} prefix if shared);
 *                       unique within a session
 * @param filter         the topic filter without the share prefix
 * @param shareGroup     the share group, or null for an ordinary subscription
 * @param qos            granted QoS (0 or 1)
 * @param noLocal        do not send messages this client published itself
 * @param retainAsPublished keep the RETAIN flag of forwarded messages
 * @param subscriptionId the MQTT 5 subscription identifier, or 0 when the client gave none
 */
record Subscription(String key, String filter, String shareGroup, int qos, boolean noLocal,
        boolean retainAsPublished, int subscriptionId) {

    boolean isShared() {
        return shareGroup != null;
    }
}
