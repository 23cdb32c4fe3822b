package org.cogos.robotsim;

import java.util.Random;

/**
 * The scripted "person-then-obstacle" encounter as a stream of 2D laser scans in the format of docs/lidar-scan.md
 * (181 rays over ±90°, 1° apart, range 0.05–10 m; {@code null} = no return).
 *
 * <p>The robot stands in a hall whose far wall is {@value #WALL_M} m ahead. One cycle takes
 * {@value #CYCLE_S} s of scans:
 * <ol>
 * <li>0–3 s: a person (a body {@value #PERSON_WIDTH_M} m wide) walks straight towards the robot from
 * {@value #PERSON_START_M} m to {@value #PERSON_END_M} m;</li>
 * <li>3–4 s: the person is gone; only the far wall;</li>
 * <li>4–6 s: an obstacle, a board {@value #OBSTACLE_WIDTH_M} m wide, stands {@value #OBSTACLE_M} m ahead.</li>
 * </ol>
 * Every return gets Gaussian noise from a seeded {@link Random}, so a seed gives the same scans every time.
 * Scan {@code i} of a stream is frame {@code i} of the cycle, repeating when looping.
 */
public final class LidarScenario implements ScanSource {

    public static final String NAME = "person-then-obstacle";

    static final double WALL_M = 8.0;
    static final double PERSON_WIDTH_M = 0.45;
    static final double PERSON_START_M = 6.0;
    static final double PERSON_END_M = 1.5;
    static final double OBSTACLE_M = 0.3;
    static final double OBSTACLE_WIDTH_M = 1.2;
    static final double WALK_S = 3.0;
    static final double CLEAR_S = 1.0;
    static final double OBSTACLE_S = 2.0;
    static final double CYCLE_S = WALK_S + CLEAR_S + OBSTACLE_S;

    /** What a frame shows. */
    public enum Phase {
        PERSON, CLEAR, OBSTACLE
    }

    private final double ratePerSecond;
    private final double noiseSigmaM;
    private final Random random;
    private final int walkFrames;
    private final int clearFrames;
    private final int obstacleFrames;

    /**
     * @param ratePerSecond scans per second of the robot's time; sets how many frames each phase has
     * @param noiseSigmaM   standard deviation of the range noise (m); 0 for exact ranges
     * @param seed          seed of the noise
     */
    public LidarScenario(double ratePerSecond, double noiseSigmaM, long seed) {
        if (!(ratePerSecond > 0) || !(noiseSigmaM >= 0)) {
            throw new IllegalArgumentException("rate must be > 0 and noise >= 0");
        }
        this.ratePerSecond = ratePerSecond;
        this.noiseSigmaM = noiseSigmaM;
        this.random = new Random(seed);
        this.walkFrames = frames(WALK_S);
        this.clearFrames = frames(CLEAR_S);
        this.obstacleFrames = frames(OBSTACLE_S);
    }

    private int frames(double seconds) {
        return Math.max(1, (int) Math.round(seconds * ratePerSecond));
    }

    /** @return scans in one cycle of the encounter */
    public int framesPerCycle() {
        return walkFrames + clearFrames + obstacleFrames;
    }

    public Phase phase(long frame) {
        long inCycle = frame % framesPerCycle();
        if (inCycle < walkFrames) {
            return Phase.PERSON;
        }
        return inCycle < walkFrames + clearFrames ? Phase.CLEAR : Phase.OBSTACLE;
    }

    /** @return the person's distance in {@code frame}, or NaN when no person is in it */
    public double personDistance(long frame) {
        long inCycle = frame % framesPerCycle();
        if (inCycle >= walkFrames) {
            return Double.NaN;
        }
        double progress = walkFrames == 1 ? 0 : (double) inCycle / (walkFrames - 1);
        return PERSON_START_M + (PERSON_END_M - PERSON_START_M) * progress;
    }

    /** Ranges of {@code frame} (m, NaN = no return), noise included. Not thread-safe: one stream per instance. */
    public double[] ranges(long frame) {
        Phase phase = phase(frame);
        double person = personDistance(frame);
        double[] ranges = new double[LaserScanJson.RAYS];
        for (int i = 0; i < ranges.length; i++) {
            double angle = LaserScanJson.angle(i);
            double range = wall(angle);
            if (phase == Phase.PERSON) {
                range = Math.min(range, circle(angle, person, PERSON_WIDTH_M / 2));
            } else if (phase == Phase.OBSTACLE) {
                range = Math.min(range, board(angle, OBSTACLE_M, OBSTACLE_WIDTH_M / 2));
            }
            if (Double.isFinite(range) && noiseSigmaM > 0) {
                range += random.nextGaussian() * noiseSigmaM;
            }
            ranges[i] = LaserScanJson.inRange(range) ? range : Double.NaN;
        }
        return ranges;
    }

    @Override
    public byte[] scan(long seq, long frame, long stampMillis) {
        return LaserScanJson.write(seq, stampMillis, ranges(frame));
    }

    /** The far wall, a line x = WALL_M. Shapes return +∞ where a ray misses them, so min() picks the nearest. */
    private static double wall(double angle) {
        double cos = Math.cos(angle);
        return cos <= 0 ? Double.POSITIVE_INFINITY : WALL_M / cos;
    }

    /** A round body of the given radius centred straight ahead at {@code distance} (its near surface). */
    private static double circle(double angle, double distance, double radius) {
        double centre = distance + radius;
        double along = centre * Math.cos(angle);
        double discriminant = along * along - (centre * centre - radius * radius);
        return discriminant < 0 ? Double.POSITIVE_INFINITY : along - Math.sqrt(discriminant);
    }

    /** A flat board across the line of sight at {@code distance}, reaching {@code halfWidth} to each side. */
    private static double board(double angle, double distance, double halfWidth) {
        double cos = Math.cos(angle);
        if (cos <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double range = distance / cos;
        return Math.abs(range * Math.sin(angle)) <= halfWidth ? range : Double.POSITIVE_INFINITY;
    }
}
