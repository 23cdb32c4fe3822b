package org.cogos.robotsim;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Carries out cogos's actions (docs/actions.md) in a {@link SimWorld}, one motion at a time, and acks each one
 * honestly: {@code done} when it is finished, {@code rejected} at once when it will not be tried (a move into an
 * obstacle, a place it does not know, a gripper it does not have), {@code failed} when it was tried and did not
 * get there (blocked on the way, or interrupted by a stop or the next motion). A {@code follow} has no end of its
 * own, so the next motion or stop ends it as {@code done}.
 *
 * <p>Motion advances on one thread every {@value #TICK_MS} ms of wall time at {@value #SPEED_M_S} m/s and
 * {@value #TURN_RAD_S} rad/s; everything it touches is confined to that thread.
 */
public final class WorldActions implements RobotSimulator.ActionExecutor, AutoCloseable {

    static final long TICK_MS = 50;
    static final double SPEED_M_S = 1.0;
    static final double TURN_RAD_S = Math.PI / 2;
    /** How far behind a followed person the robot keeps. */
    static final double FOLLOW_GAP_M = 1.0;

    private static final double STEP_M = SPEED_M_S * TICK_MS / 1000.0;
    private static final double TURN_STEP = TURN_RAD_S * TICK_MS / 1000.0;

    private final SimWorld world;
    private final Consumer<String> said;
    private final ScheduledExecutorService motion;
    /** The motion under way, or null; motion thread only. */
    private Task current;

    /** @param said receives every {@code speak} text: the robot's loudspeaker */
    public WorldActions(SimWorld world, Consumer<String> said) {
        this.world = world;
        this.said = said;
        this.motion = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "robot-sim-motion");
            thread.setDaemon(true);
            return thread;
        });
        motion.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void execute(ReceivedAction action, RobotSimulator.Ack ack) {
        motion.execute(() -> start(action, ack));
    }

    private void start(ReceivedAction action, RobotSimulator.Ack ack) {
        Map<String, Object> p = action.params();
        switch (action.type()) {
            case "stop" -> {
                interrupt("stop");
                ack.send("done", "stopped");
            }
            case "speak" -> {
                said.accept(String.valueOf(p.get("text")));
                ack.send("done", "");
            }
            case "wait" -> replace(action, ack, new Task(ack, 0, 0, 0,
                    number(p, "duration_s", Double.POSITIVE_INFINITY)));
            case "move" -> {
                Double angle = DIRECTIONS.get(String.valueOf(p.get("direction")));
                if (angle == null) {
                    ack.send("rejected", "unknown direction " + p.get("direction"));
                    return;
                }
                translate(action, ack, angle, number(p, "distance_m", 1.0));
            }
            case "turn" -> replace(action, ack, new Task(ack, number(p, "angle_rad", Math.PI / 2), 0, 0, 0));
            case "approach", "come" -> {
                double bearing = number(p, "bearing_rad", 0);
                double distance = number(p, "target_distance_m",
                        Math.max(0, number(p, "distance_m", 0) - FOLLOW_GAP_M));
                driveTo(action, ack, bearing, distance);
            }
            case "navigate" -> {
                String name = String.valueOf(p.get("location"));
                double[] place = world.place(name);
                if (place == null) {
                    ack.send("rejected", "unknown place '" + name + "'; this robot knows "
                            + SimWorld.placeNames());
                    return;
                }
                driveTo(action, ack, place[1], place[0]);
            }
            case "follow" -> replace(action, ack, new Task(ack, 0, 0, 0, 0).following());
            case "pick", "place", "bring" -> ack.send("rejected", "this simulated robot has no gripper");
            case "find" -> ack.send("rejected", "this simulated robot has no camera to search with");
            default -> ack.send("rejected", "unknown action type " + action.type());
        }
    }

    /** Body-frame angle of each {@code move} direction (REP 103). */
    private static final Map<String, Double> DIRECTIONS = Map.of("forward", 0.0, "backward", Math.PI,
            "left", Math.PI / 2, "right", -Math.PI / 2);

    private void translate(ReceivedAction action, RobotSimulator.Ack ack, double bodyAngle, double distance) {
        double free = world.clearance(bodyAngle);
        if (free < distance) {
            ack.send("rejected", String.format(Locale.ROOT, "obstacle: only %.2f m free %s", Math.max(0, free),
                    action.params().get("direction")));
            return;
        }
        replace(action, ack, new Task(ack, 0, bodyAngle, distance, 0));
    }

    /** Turns to the bearing, then drives ahead; refused when the way is not free. */
    private void driveTo(ReceivedAction action, RobotSimulator.Ack ack, double bearing, double distance) {
        double free = world.clearance(bearing);
        if (free < distance) {
            ack.send("rejected", String.format(Locale.ROOT, "obstacle: only %.2f m free towards %.2f rad",
                    Math.max(0, free), bearing));
            return;
        }
        replace(action, ack, new Task(ack, bearing, 0, distance, 0));
    }

    private void replace(ReceivedAction action, RobotSimulator.Ack ack, Task next) {
        interrupt(action.type());
        current = next;
    }

    /** A motion with an end of its own did not get there; one without (follow, wait) did what it was asked. */
    private void interrupt(String by) {
        if (current != null) {
            end(current, current.openEnded() ? "done" : "failed", "interrupted by " + by);
        }
    }

    private void end(Task task, String status, String detail) {
        if (task == current) {
            current = null;
            task.ack.send(status, detail);
        }
    }

    /** One step of the motion under way: turn first, then travel, then wait out a duration. */
    private void tick() {
        Task task = current;
        if (task == null) {
            return;
        }
        if (task.follow) {
            double[] person = world.person();
            task.turnLeft = person[1];
            task.travelLeft = Math.max(0, person[0] - FOLLOW_GAP_M);
        }
        if (Math.abs(task.turnLeft) > 1e-9) {
            double step = Math.copySign(Math.min(TURN_STEP, Math.abs(task.turnLeft)), task.turnLeft);
            world.rotate(step);
            task.turnLeft -= step;
            return;
        }
        if (task.travelLeft > 1e-9) {
            double step = Math.min(STEP_M, task.travelLeft);
            if (world.clearance(task.bodyAngle) < step) {
                end(task, "failed", String.format(Locale.ROOT, "blocked by an obstacle with %.2f m still to go",
                        task.travelLeft));
                return;
            }
            world.translate(task.bodyAngle, step);
            task.travelLeft -= step;
            return;
        }
        if (task.follow) {
            return; // keeps following until the next motion or a stop
        }
        task.waitLeftS -= TICK_MS / 1000.0;
        if (task.waitLeftS <= 1e-9) {
            end(task, "done", "");
        }
    }

    private static double number(Map<String, Object> params, String key, double fallback) {
        return params.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    @Override
    public void close() {
        motion.shutdownNow();
    }

    /** A motion in progress; motion thread only. */
    private static final class Task {
        final RobotSimulator.Ack ack;
        final double bodyAngle;
        double turnLeft;
        double travelLeft;
        double waitLeftS;
        boolean follow;

        Task(RobotSimulator.Ack ack, double turn, double bodyAngle, double travel, double waitS) {
            this.ack = ack;
            this.turnLeft = turn;
            this.bodyAngle = bodyAngle;
            this.travelLeft = travel;
            this.waitLeftS = waitS;
        }

        Task following() {
            follow = true;
            return this;
        }

        boolean openEnded() {
            return follow || waitLeftS == Double.POSITIVE_INFINITY;
        }
    }
}
