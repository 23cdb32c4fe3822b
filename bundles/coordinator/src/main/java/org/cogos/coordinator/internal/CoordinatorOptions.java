package org.cogos.coordinator.internal;

import static org.cogos.api.config.ParamCheck.within;
import static org.cogos.coordinator.internal.CoordinatorConfig.*;

import java.util.concurrent.TimeUnit;

/**
 * The coordinator's parameters, checked against the bounds declared in {@link CoordinatorConfig} (Config Admin
 * does not enforce Metatype bounds).
 */
record CoordinatorOptions(long windowMs, long repeatSuppressionMs, long robotIdleMs, int maxRobots,
        int actionHistory, long engineTimeoutMs, int stopLatchS, int commandHoldS) {

    CoordinatorOptions {
        within(PID, "windowMs", windowMs, WINDOW_MS_MIN, WINDOW_MS_MAX);
        within(PID, "repeatSuppressionMs", repeatSuppressionMs, REPEAT_SUPPRESSION_MS_MIN, REPEAT_SUPPRESSION_MS_MAX);
        within(PID, "robotIdleMs", robotIdleMs, ROBOT_IDLE_MS_MIN, ROBOT_IDLE_MS_MAX);
        within(PID, "maxRobots", maxRobots, MAX_ROBOTS_MIN, MAX_ROBOTS_MAX);
        within(PID, "actionHistory", actionHistory, ACTION_HISTORY_MIN, ACTION_HISTORY_MAX);
        within(PID, "engineTimeoutMs", engineTimeoutMs, ENGINE_TIMEOUT_MS_MIN, ENGINE_TIMEOUT_MS_MAX);
        within(PID, "stopLatchS", stopLatchS, STOP_LATCH_S_MIN, STOP_LATCH_S_MAX);
        within(PID, "commandHoldS", commandHoldS, COMMAND_HOLD_S_MIN, COMMAND_HOLD_S_MAX);
    }

    static CoordinatorOptions from(CoordinatorConfig config) {
        return new CoordinatorOptions(config.windowMs(), config.repeatSuppressionMs(), config.robotIdleMs(),
                config.maxRobots(), config.actionHistory(), config.engineTimeoutMs(), config.stopLatchS(),
                config.commandHoldS());
    }

    long windowNanos() {
        return TimeUnit.MILLISECONDS.toNanos(windowMs);
    }

    long repeatSuppressionNanos() {
        return TimeUnit.MILLISECONDS.toNanos(repeatSuppressionMs);
    }

    long engineTimeoutNanos() {
        return TimeUnit.MILLISECONDS.toNanos(engineTimeoutMs);
    }

    long stopLatchNanos() {
        return TimeUnit.SECONDS.toNanos(stopLatchS);
    }

    long commandHoldNanos() {
        return TimeUnit.SECONDS.toNanos(commandHoldS);
    }

    long robotIdleNanos() {
        return TimeUnit.MILLISECONDS.toNanos(robotIdleMs);
    }
}
