package org.cogos.api;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A robot's acknowledgement of an action, received on {@code cogos/v1/robots/{robot}/acks}. Once acknowledged, an
 * action leaves the outbox and is not delivered again.
 *
 * @param action      the action as it was sent
 * @param status      how the robot answered
 * @param detail      the robot's explanation, or an empty string
 * @param attempts    how many times the outbox published it before the ack came
 * @param ackMillis   wall clock when cogos received the ack
 */
public record ActionAck(Action action, Status status, String detail, int attempts, long ackMillis) {

    /** How a robot answered an action; {@link #wireName()} is the {@code status} field of the ack payload. */
    public enum Status {
        /** The robot carried the action out. */
        DONE("done"),
        /** The robot tried and could not complete it. */
        FAILED("failed"),
        /** The robot refused it (unsafe, unknown type, bad parameters). */
        REJECTED("rejected");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** @return the status a payload names, or empty for anything else (null included) */
        public static Optional<Status> fromWire(String wireName) {
            return Arrays.stream(values()).filter(status -> status.wireName.equals(wireName)).findFirst();
        }
    }

    public ActionAck {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }
}
