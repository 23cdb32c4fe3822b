package org.cogos.robotsim;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Command line: {@code java -jar cogos-robot-sim.jar --uri tcp://127.0.0.1:1883 --robot r1 [options]}.
 * Actions go to stdout, one line each; everything else to stderr.
 */
public final class Main {

    private static final String USAGE = String.join("\n",
            "usage: [COGOS_ROBOT_PASSWORD=...] java -jar cogos-robot-sim.jar [options]",
            "  The robot logs in with its id as user name and the password in COGOS_ROBOT_PASSWORD",
            "  (what robot:add printed); without it, it connects anonymously.",
            "  --uri URI          broker (default tcp://127.0.0.1:1883)",
            "  --robot ID         robot id (default r1)",
            "  --prefix P         topic prefix (default cogos/v1)",
            "  --mode M           scenario | stream | world | idle (default scenario)",
            "                       scenario: the " + LidarScenario.NAME + " encounter once (or --loop)",
            "                       world:    a room the robot moves in, carrying out cogos's actions and",
            "                                 acking each when done (or rejected/failed), --count scans or --loop",
            "                       stream:   --count scans of the encounter, looping, then a latency summary",
            "                       idle:     no scans; status and actions only, until killed",
            "  --rate HZ          scans per second (default 10)",
            "  --count N          scans in stream mode (default 1000)",
            "  --loop             repeat the encounter until killed (scenario mode)",
            "  --seed S           seed of the range noise (default 42)",
            "  --noise M          standard deviation of the range noise in metres (default 0.01)",
            "  --qos Q            QoS of the scans, 0 or 1 (default 1)",
            "  --linger S         seconds to keep receiving actions after the last scan (default 2)",
            "  --send MOD=FILE    publish FILE's bytes once on sensors/MOD before the scans, e.g.",
            "                     --send camera=frame.jpg --send audio=speech.wav (repeatable)",
            "  --say S:TEXT       publish TEXT on sensors/text S seconds after the scans start, as a person",
            "                     typing or saying a command would (repeatable), e.g. --say '3:turn left'",
            "  --kill-after S     after S seconds drop the TCP connection without DISCONNECT (the broker then",
            "                     publishes the last will: offline) and exit with status 3",
            "Prints: ACTION <type> <params> id=<id> reason=<reason>; in world mode also",
            "        ACK <status> <type> [<detail>] pose=(x, y, heading) and SAY <text>");

    private Main() {
    }

    /** The environment variable with the robot's password. */
    static final String PASSWORD_VARIABLE = "COGOS_ROBOT_PASSWORD";

    public static void main(String[] args) throws Exception {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (arguments.help) {
            System.out.println(USAGE);
            return;
        }
        System.exit(run(arguments));
    }

    private static int run(Arguments arguments) throws Exception {
        RobotSimulator robot = new RobotSimulator(arguments.uri, arguments.robot, arguments.prefix, arguments.qos);
        // From the environment, not an option: a command line is visible to every user of the machine (ps).
        String password = System.getenv(PASSWORD_VARIABLE);
        if (password != null && !password.isEmpty()) {
            robot.setPassword(password);
        }
        robot.addActionListener(action -> System.out.println(action.line()));
        robot.connect();
        System.err.printf(Locale.ROOT, "robot %s online at %s (mode %s, %.1f scans/s)%n", arguments.robot,
                arguments.uri, arguments.mode, arguments.rate);

        CountDownLatch killed = new CountDownLatch(1);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "robot-sim-timer");
            thread.setDaemon(true);
            return thread;
        });
        if (arguments.killAfterSeconds >= 0) {
            timer.schedule(() -> {
                try {
                    robot.kill();
                    System.err.println("robot " + arguments.robot + ": connection dropped without DISCONNECT");
                } catch (Exception e) {
                    System.err.println("kill failed: " + e);
                }
                killed.countDown();
            }, Math.round(arguments.killAfterSeconds * 1000), TimeUnit.MILLISECONDS);
        }
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            try {
                robot.close();
            } catch (Exception e) {
                // the JVM is going down
            }
        }));

        LidarScenario scenario = new LidarScenario(arguments.rate, arguments.noise, arguments.seed);
        SimWorld world = new SimWorld(arguments.noise, arguments.seed);
        WorldActions carrier = null;
        if (arguments.mode.equals("world")) {
            carrier = new WorldActions(world, text -> System.out.println("SAY " + text));
            WorldActions carrying = carrier;
            robot.setExecutor((action, ack) -> carrying.execute(action, (status, detail) -> {
                double[] pose = world.pose();
                System.out.printf(Locale.ROOT, "ACK %s %s%s pose=(%.2f, %.2f, %.2f)%n", status, action.type(),
                        detail.isEmpty() ? "" : " " + detail, pose[0], pose[1], pose[2]);
                ack.send(status, detail);
            }));
        }
        RobotSimulator.StreamResult result;
        try {
            if ((!arguments.sends.isEmpty() || !arguments.says.isEmpty()) && !robot.awaitCogosOnline(60_000)) {
                System.err.println("robot " + arguments.robot
                        + ": cogos did not say it is online within 60 s; sending anyway");
            }
            for (Send send : arguments.sends) {
                robot.publishRaw("sensors/" + send.modality(), Files.readAllBytes(send.file()), arguments.qos, false);
                System.err.printf(Locale.ROOT, "robot %s: sent %s on sensors/%s%n", arguments.robot, send.file(),
                        send.modality());
            }
            long textSeq = 0;
            for (Say say : arguments.says) {
                long seq = ++textSeq;
                timer.schedule(() -> {
                    try {
                        robot.publishRaw("sensors/text", say.json(seq), 1, false);
                        System.err.printf(Locale.ROOT, "robot %s: said \"%s\"%n", arguments.robot, say.text());
                    } catch (MqttException e) {
                        System.err.println("robot " + arguments.robot + ": could not say \"" + say.text() + "\": "
                                + e);
                    }
                }, Math.round(say.atSeconds() * 1000), TimeUnit.MILLISECONDS);
            }
            switch (arguments.mode) {
                case "scenario":
                    result = robot.stream(scenario, arguments.loop ? -1 : scenario.framesPerCycle(), arguments.rate);
                    break;
                case "stream":
                    result = robot.stream(scenario, arguments.count, arguments.rate);
                    break;
                case "world":
                    result = robot.stream(world, arguments.loop ? -1 : arguments.count, arguments.rate);
                    break;
                default:
                    killed.await();
                    return 3;
            }
        } catch (MqttException e) {
            if (killed.getCount() == 0) {
                return 3; // the kill closed the client under the stream
            }
            if (stopping.get()) {
                return 0; // Ctrl-C: the shutdown hook closed the client under the stream
            }
            throw e;
        }
        if (killed.await(Math.round(arguments.lingerSeconds * 1000), TimeUnit.MILLISECONDS)) {
            return 3;
        }
        System.err.printf(Locale.ROOT, "robot %s: %d scans (seq %d..%d) in %.2f s; %d actions, %d duplicates "
                + "dropped%n", arguments.robot, result.scans(), result.firstSeq(), result.lastSeq(),
                result.elapsedNanos() / 1e9, robot.actions().size(), robot.duplicatesDropped());
        if (arguments.mode.equals("stream")) {
            printLatency(robot);
        }
        robot.close();
        if (carrier != null) {
            carrier.close();
        }
        return 0;
    }

    /** Round trip from a scan's publication to the arrival of an action it caused ({@code source_seq}). */
    private static void printLatency(RobotSimulator robot) {
        List<Long> micros = new ArrayList<>();
        for (ReceivedAction action : robot.actions()) {
            long published = robot.publishedNanos(action.sourceSeq());
            if (published > 0) {
                micros.add((action.receivedNanos() - published) / 1000);
            }
        }
        if (micros.isEmpty()) {
            System.err.println("latency: no action named a scan of this run (source_seq)");
            return;
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.err.printf(Locale.ROOT, "latency scan -> action (%d actions): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                sorted.length, percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0,
                sorted[sorted.length - 1] / 1000.0);
    }

    private static long percentile(long[] sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Words to publish on {@code sensors/text} at a time after the start. */
    record Say(double atSeconds, String text) {

        static Say parse(String value) {
            int colon = value.indexOf(':');
            try {
                if (colon > 0 && colon < value.length() - 1) {
                    double at = Double.parseDouble(value.substring(0, colon));
                    if (at >= 0) {
                        return new Say(at, value.substring(colon + 1));
                    }
                }
            } catch (NumberFormatException e) {
                // reported below, with the value
            }
            throw new IllegalArgumentException("--say needs SECONDS:TEXT with SECONDS >= 0: " + value);
        }

        byte[] json(long seq) {
            return RobotSimulator.compactJson(Map.of("seq", seq, "text", text)).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A file to publish once on a sensor topic. */
    record Send(String modality, Path file) {

        static Send parse(String value) {
            int eq = value.indexOf('=');
            if (eq <= 0 || eq == value.length() - 1) {
                throw new IllegalArgumentException("--send needs MODALITY=FILE: " + value);
            }
            Path file = Path.of(value.substring(eq + 1));
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("--send: cannot read " + file);
            }
            return new Send(value.substring(0, eq), file);
        }
    }

    /** The parsed command line. */
    static final class Arguments {
        final List<Send> sends = new ArrayList<>();
        final List<Say> says = new ArrayList<>();
        String uri = "tcp://127.0.0.1:1883";
        String robot = "r1";
        String prefix = "cogos/v1";
        String mode = "scenario";
        double rate = 10;
        long count = 1000;
        boolean loop;
        long seed = 42;
        double noise = 0.01;
        int qos = 1;
        double lingerSeconds = 2;
        double killAfterSeconds = -1;
        boolean help;

        static Arguments parse(String[] args) {
            Arguments parsed = new Arguments();
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--help", "-h" -> parsed.help = true;
                    case "--loop" -> parsed.loop = true;
                    case "--uri" -> parsed.uri = value(args, ++i, option);
                    case "--robot" -> parsed.robot = value(args, ++i, option);
                    case "--prefix" -> parsed.prefix = value(args, ++i, option);
                    case "--mode" -> parsed.mode = value(args, ++i, option);
                    case "--rate" -> parsed.rate = number(args, ++i, option);
                    case "--count" -> parsed.count = (long) number(args, ++i, option);
                    case "--seed" -> parsed.seed = (long) number(args, ++i, option);
                    case "--noise" -> parsed.noise = number(args, ++i, option);
                    case "--qos" -> parsed.qos = (int) number(args, ++i, option);
                    case "--linger" -> parsed.lingerSeconds = number(args, ++i, option);
                    case "--kill-after" -> parsed.killAfterSeconds = number(args, ++i, option);
                    case "--send" -> parsed.sends.add(Send.parse(value(args, ++i, option)));
                    case "--say" -> parsed.says.add(Say.parse(value(args, ++i, option)));
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (!Arrays.asList("scenario", "stream", "world", "idle").contains(parsed.mode)) {
                throw new IllegalArgumentException("--mode must be scenario, stream, world or idle: "
                        + parsed.mode);
            }
            if (!(parsed.rate > 0) || parsed.count < 1 || !(parsed.noise >= 0) || parsed.lingerSeconds < 0) {
                throw new IllegalArgumentException("--rate must be > 0, --count >= 1, --noise and --linger >= 0");
            }
            return parsed;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static double number(String[] args, int index, String option) {
            String value = value(args, index, option);
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number: " + value);
            }
        }
    }
}
