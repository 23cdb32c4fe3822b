package org.cogos.bench;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.cogos.robotsim.LidarScenario;
import org.cogos.robotsim.ReceivedAction;
import org.cogos.robotsim.RobotSimulator;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * One robot of the soak: its own MQTT connection (a {@link RobotSimulator}, which acks every action), its four
 * sensors on one paced tick of {@value #TICKS_PER_SECOND} Hz (the LIDAR's rate; text and camera every 10th tick,
 * audio every 50th), and, per percept, its scheduled send time and when the robot got the action answering it.
 * Actions are dropped once their time is recorded: kept, they would fill the load generator's heap, and its
 * collections would stall the robots (bench/README.md).
 */
final class SoakRobot implements AutoCloseable {

    static final double TICKS_PER_SECOND = 10;
    private static final int TEXT_EVERY = 10;
    private static final int CAMERA_EVERY = 10;
    private static final int AUDIO_EVERY = 50;
    /** A text's seq starts here, so the source_seq of its answer is never taken for a scan's. */
    private static final long TEXT_SEQ_BASE = 1_000_000_000L;

    /** The payloads every robot sends, and which of its sensors send at all ({@code bench.modalities}). */
    record Payloads(byte[] jpeg, byte[] wav, String text, Set<String> modalities) {
    }

    private final RobotSimulator robot;
    private final Payloads payloads;
    /** Frame 1 of a one-scan-per-second encounter: a person 3.75 m ahead, no noise; every scan an approach. */
    private final LidarScenario scenario = new LidarScenario(1.0, 0.0, 1);
    private final int ticks;
    private final Answers scans;
    private final Answers texts;
    private final Answers utterances;
    /** How many spoken answers came so far: the next one answers the oldest WAV still unanswered. */
    private final AtomicInteger spokenAnswers = new AtomicInteger();
    private final AtomicLong actions = new AtomicLong();

    SoakRobot(String uri, String robotId, Payloads payloads, int ticks) throws MqttException {
        this.payloads = payloads;
        this.ticks = ticks;
        scans = new Answers(ticks);
        texts = new Answers(ticks / TEXT_EVERY + 1);
        utterances = new Answers(ticks / AUDIO_EVERY + 1);
        robot = new RobotSimulator(uri, robotId, "cogos/v1", 1);
        robot.addActionListener(this::received);
        robot.connect();
    }

    /**
     * Sends every tick, starting after {@code phaseNanos}: independent robots' ticks are spread over the period
     * rather than all due at once.
     */
    void stream(long phaseNanos) throws Exception {
        TimeUnit.NANOSECONDS.sleep(phaseNanos);
        Pacer.run(ticks, TICKS_PER_SECOND, this::tick);
    }

    /** The scan first (the latency-bound one), then whatever else is due on this tick, as one robot's driver. */
    private void tick(long tick, long dueNanos) throws MqttException {
        Set<String> sending = payloads.modalities();
        if (sending.contains("lidar")) {
            scans.sent((int) tick, dueNanos);
            robot.publishPipelined("sensors/lidar", scenario.scan(tick, 1, System.currentTimeMillis()), 1);
        }
        if (sending.contains("camera") && tick % CAMERA_EVERY == 0) {
            robot.publishPipelined("sensors/camera", payloads.jpeg(), 1);
        }
        if (sending.contains("text") && tick % TEXT_EVERY == TEXT_EVERY / 2) {
            int text = (int) (tick / TEXT_EVERY);
            texts.sent(text, dueNanos);
            String json = "{\"text\":\"" + payloads.text() + "\",\"seq\":" + (TEXT_SEQ_BASE + text) + "}";
            robot.publishPipelined("sensors/text", json.getBytes(StandardCharsets.UTF_8), 1);
        }
        if (sending.contains("audio") && tick % AUDIO_EVERY == AUDIO_EVERY / 2) {
            utterances.sent((int) (tick / AUDIO_EVERY), dueNanos);
            robot.publishPipelined("sensors/audio", payloads.wav(), 1);
        }
    }

    /**
     * On Paho's callback thread. A scan's approach and a text's spoken answer name their percept in source_seq; a
     * transcript carries no seq (its answer has source_seq -1), so a spoken answer with none is taken for the
     * oldest WAV unanswered: a WAV that gets none shifts the rest later, never earlier. The camera's approaches
     * (source_seq -1 too, and not {@code speak}) are only counted.
     */
    private void received(ReceivedAction action) {
        long seq = action.sourceSeq();
        if (seq >= TEXT_SEQ_BASE) {
            texts.answered(seq - TEXT_SEQ_BASE, action.receivedNanos());
        } else if (seq >= 0) {
            scans.answered(seq, action.receivedNanos());
        } else if (action.type().equals("speak")) {
            utterances.answered(spokenAnswers.getAndIncrement(), action.receivedNanos());
        }
        actions.incrementAndGet();
        robot.actions().poll();
    }

    long actions() {
        return actions.get();
    }

    Answers scans() {
        return scans;
    }

    Answers texts() {
        return texts;
    }

    Answers utterances() {
        return utterances;
    }

    /** Percepts sent that have no answer yet, of the modalities whose answers are matched. */
    long unanswered() {
        return scans.unanswered() + texts.unanswered() + utterances.unanswered();
    }

    @Override
    public void close() throws MqttException {
        robot.close();
    }

    /** One sensor's percepts by index: when each was due, and when its answer reached the robot (0: not yet). */
    static final class Answers {

        private final AtomicLongArray due;
        private final AtomicLongArray answered;

        Answers(int capacity) {
            due = new AtomicLongArray(capacity);
            answered = new AtomicLongArray(capacity);
        }

        void sent(int index, long dueNanos) {
            due.set(index, dueNanos);
        }

        void answered(long index, long receivedNanos) {
            if (index >= 0 && index < answered.length()) {
                answered.compareAndSet((int) index, 0, receivedNanos);
            }
        }

        long unanswered() {
            long missing = 0;
            for (int i = 0; i < due.length(); i++) {
                if (due.get(i) != 0 && answered.get(i) == 0) {
                    missing++;
                }
            }
            return missing;
        }

        /**
         * Records into {@code latencies}, from the scheduled send time, the answers to the percepts due at or after
         * {@code fromNanos} (the warm-up left out).
         */
        void record(Spectrum latencies, long fromNanos) {
            for (int i = 0; i < due.length(); i++) {
                long sent = due.get(i);
                if (sent != 0 && sent - fromNanos >= 0 && answered.get(i) != 0) {
                    latencies.record(answered.get(i) - sent);
                }
            }
        }
    }
}
