package org.cogos.mqtt;

import java.util.Objects;

import org.cogos.api.Action;

/**
 * A robot's acknowledgement of an action, received on {@code cogos/v1/robots/{robot}/acks}. Once acknowledged, an
 * action leaves the outbox and is not delivered again.
 *
 * @param action      the action as it was sent
 * @param status      {@link #DONE}, {@link #FAILED} or {@link #REJECTED}
 * @param detail      the robot's explanation, or an empty string
 * @param attempts    how many times the outbox published it before the ack came
 * @param ackMillis   wall clock when cogos received the ack
 */
public record ActionAck(Action action, String status, String detail, int attempts, long ackMillis) {

    /** The robot carried the action out. */
    public static final String DONE = "done";
    /** The robot tried and could not complete it. */
    public static final String FAILED = "failed";
    /** The robot refused it (unsafe, unknown type, bad parameters). */
    public static final String REJECTED = "rejected";

    public ActionAck {
        Objects.requireNonNull(action, "action");
        if (!isStatus(status)) {
            throw new IllegalArgumentException("status must be done, failed or rejected: '" + status + "'");
        }
        Objects.requireNonNull(detail, "detail");
    }

    public static boolean isStatus(String status) {
        return DONE.equals(status) || FAILED.equals(status) || REJECTED.equals(status);
    }
}
