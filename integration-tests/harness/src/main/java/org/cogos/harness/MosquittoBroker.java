package org.cogos.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto (Debian's /usr/sbin/mosquitto) on a free loopback port, for tests and benchmarks. It keeps
 * its port across {@link #kill()} and {@link #resume()} so clients can reconnect.
 */
public final class MosquittoBroker implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final int port;
    private final Path config;
    private final Path log;
    private Process process;

    private MosquittoBroker(int port, Path dir, String configText) throws IOException {
        this.port = port;
        this.config = dir.resolve("mosquitto.conf");
        this.log = dir.resolve("mosquitto.log");
        Files.writeString(config, configText);
    }

    /**
     * Start Mosquitto on a free port with Debian's defaults and TCP_NODELAY, files under {@code dir}.
     *
     * @param extraConfig further mosquitto.conf lines, e.g. {@code max_inflight_messages 1000}
     */
    public static MosquittoBroker start(Path dir, String... extraConfig) throws IOException, InterruptedException {
        int port = Ports.free();
        // set_tcp_nodelay: Mosquitto leaves Nagle on otherwise, which alone delays small messages by tens of
        // milliseconds and would make every latency measured against this broker a measure of Nagle.
        StringBuilder text = new StringBuilder("listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                + "persistence false\nlog_dest stderr\nset_tcp_nodelay true\n");
        for (String line : extraConfig) {
            text.append(line).append('\n');
        }
        return start(dir, port, text.toString());
    }

    /**
     * Start Mosquitto with a whole configuration of the caller's, e.g. one shipped in config/mosquitto with its
     * paths and ports replaced; returns once {@code port} (one of its listeners) accepts connections.
     */
    public static MosquittoBroker start(Path dir, int port, String configText)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " not found: install Debian's mosquitto (scripts/setup.sh)");
        }
        Files.createDirectories(dir);
        MosquittoBroker broker = new MosquittoBroker(port, dir, configText);
        broker.resume();
        return broker;
    }

    /** What Mosquitto logged so far, for failure messages. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Start it again after {@link #kill()}, on the same port; returns once it accepts connections. */
    public void resume() throws IOException, InterruptedException {
        process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Ports.awaitListening(port, 10_000, process);
    }

    /** @return the broker's process id, e.g. for {@link ProcessCpu} */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops it as its init script does (SIGTERM): a broker with persistence saves its state first. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** Kills it (SIGKILL), as a crash would: nothing is saved. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
