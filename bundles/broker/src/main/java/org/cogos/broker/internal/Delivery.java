package org.cogos.broker.internal;

/**
 * One message on its way to one session: the shared publication plus what is specific to this subscriber.
 *
 * @param publication     the message
 * @param qos             min(publication QoS, granted QoS)
 * @param retain          the RETAIN flag to send (retained delivery on subscribe, or Retain As Published)
 * @param subscriptionIds identifiers of the subscriptions that matched, echoed to the client
 */
record Delivery(Publication publication, int qos, boolean retain, int[] subscriptionIds) {
}
