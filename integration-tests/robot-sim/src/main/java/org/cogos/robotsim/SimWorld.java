package org.cogos.robotsim;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small flat world the simulated robot lives in when it carries out actions: a walled room, a person, and
 * named places. Nothing else stands in the room, so the LIDAR classifier has one person to find and walls to
 * call obstacles; the person stands beyond the rules engine's approach range (5 m) from the start, so the robot
 * moves only when it is told to until it is brought near. The robot has a pose (x, y, heading; REP 103: x ahead at heading 0, angles
 * counter-clockwise); its LIDAR scans are ray-cast from that pose, so what cogos sees next follows from where the
 * robot went. All methods are synchronised: the motion thread moves the robot while the stream thread scans.
 *
 * <pre>
 *  y=4  +-------------------------------------------+
 *       | door (-1.5,3)                kitchen (6,2.5)|
 *       |                           person (6.5,1.5)  |
 *       |  R (0,0) -->                               |
 *       | base / charging station (-1,-3)            |
 *  y=-4 +-------------------------------------------+
 *      x=-2                                         x=8
 * </pre>
 */
public final class SimWorld implements ScanSource {

    /** The robot's footprint: a motion that would bring an obstacle nearer than this is not made. */
    static final double ROBOT_RADIUS_M = 0.25;
    static final double PERSON_RADIUS_M = 0.225;

    /** Line segments {x1, y1, x2, y2}: the room's walls. */
    private static final double[][] WALLS = {
        {-2, -4, 8, -4}, {8, -4, 8, 4}, {8, 4, -2, 4}, {-2, 4, -2, -4},
    };

    /** Places an operator would name, as "go to the kitchen" says them. */
    static final Map<String, double[]> PLACES = Map.of(
            "kitchen", new double[] {6, 2.5},
            "door", new double[] {-1.5, 3},
            "base", new double[] {-1, -3},
            "charging station", new double[] {-1, -3});

    private final double noiseSigmaM;
    private final Random random;
    private double x;
    private double y;
    private double heading;
    private double personX = 6.5;
    private double personY = 1.5;

    public SimWorld(double noiseSigmaM, long seed) {
        this.noiseSigmaM = noiseSigmaM;
        this.random = new Random(seed);
    }

    public synchronized double[] pose() {
        return new double[] {x, y, heading};
    }

    synchronized void setPose(double newX, double newY, double newHeading) {
        x = newX;
        y = newY;
        heading = normalise(newHeading);
    }

    synchronized void placePerson(double newX, double newY) {
        personX = newX;
        personY = newY;
    }

    /** The person's place relative to the robot: {distance to the body's near side, bearing}. */
    synchronized double[] person() {
        double dx = personX - x;
        double dy = personY - y;
        return new double[] {Math.hypot(dx, dy) - PERSON_RADIUS_M, normalise(Math.atan2(dy, dx) - heading)};
    }

    /** Free travel (m) of the robot's centre from where it is along {@code bodyAngle} before it touches anything. */
    synchronized double clearance(double bodyAngle) {
        return range(x, y, heading + bodyAngle) - ROBOT_RADIUS_M;
    }

    /** Moves along {@code bodyAngle} by {@code distance}; the caller checked the clearance. */
    synchronized void translate(double bodyAngle, double distance) {
        x += distance * Math.cos(heading + bodyAngle);
        y += distance * Math.sin(heading + bodyAngle);
    }

    synchronized void rotate(double angle) {
        heading = normalise(heading + angle);
    }

    /** {distance, bearing} of a named place, or null when the robot does not know it. */
    synchronized double[] place(String name) {
        double[] at = PLACES.get(name);
        if (at == null) {
            return null;
        }
        double dx = at[0] - x;
        double dy = at[1] - y;
        return new double[] {Math.hypot(dx, dy), normalise(Math.atan2(dy, dx) - heading)};
    }

    @Override
    public synchronized byte[] scan(long seq, long frame, long stampMillis) {
        double[] ranges = new double[LaserScanJson.RAYS];
        for (int i = 0; i < ranges.length; i++) {
            double range = range(x, y, heading + LaserScanJson.angle(i));
            if (Double.isFinite(range) && noiseSigmaM > 0) {
                range += random.nextGaussian() * noiseSigmaM;
            }
            ranges[i] = LaserScanJson.inRange(range) ? range : Double.NaN;
        }
        return LaserScanJson.write(seq, stampMillis, ranges);
    }

    /** The nearest hit along a ray from (ox, oy) at world angle {@code angle}, +∞ when it hits nothing. */
    private double range(double ox, double oy, double angle) {
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        double nearest = Double.POSITIVE_INFINITY;
        for (double[] wall : WALLS) {
            nearest = Math.min(nearest, segment(ox, oy, dx, dy, wall));
        }
        return Math.min(nearest, circle(ox, oy, dx, dy, personX, personY, PERSON_RADIUS_M));
    }

    private static double segment(double ox, double oy, double dx, double dy, double[] s) {
        double ex = s[2] - s[0];
        double ey = s[3] - s[1];
        double denominator = dx * ey - dy * ex;
        if (Math.abs(denominator) < 1e-12) {
            return Double.POSITIVE_INFINITY; // parallel
        }
        double t = ((s[0] - ox) * ey - (s[1] - oy) * ex) / denominator;
        double u = ((s[0] - ox) * dy - (s[1] - oy) * dx) / denominator;
        return t >= 0 && u >= 0 && u <= 1 ? t : Double.POSITIVE_INFINITY;
    }

    private static double circle(double ox, double oy, double dx, double dy, double cx, double cy, double r) {
        double fx = ox - cx;
        double fy = oy - cy;
        double b = fx * dx + fy * dy;
        double c = fx * fx + fy * fy - r * r;
        double discriminant = b * b - c;
        if (discriminant < 0) {
            return Double.POSITIVE_INFINITY;
        }
        double t = -b - Math.sqrt(discriminant);
        return t >= 0 ? t : Double.POSITIVE_INFINITY;
    }

    static double normalise(double angle) {
        return Math.atan2(Math.sin(angle), Math.cos(angle));
    }

    /** The places the robot knows, for the help text. */
    static List<String> placeNames() {
        return PLACES.keySet().stream().sorted().toList();
    }
}
