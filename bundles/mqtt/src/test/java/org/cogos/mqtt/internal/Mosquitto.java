package org.cogos.mqtt.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real Mosquitto broker on a free loopback port, for tests. */
final class Mosquitto implements AutoCloseable {

    private static final String EXECUTABLE = "/usr/sbin/mosquitto";

    private final Path directory;
    private final Path config;
    private final int port;
    private Process process;

    Mosquitto(Path directory) throws IOException, InterruptedException {
        this.directory = directory;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        config = directory.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\n");
        start();
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts (again) on the same port and waits until it accepts connections. */
    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(EXECUTABLE, "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("mosquitto.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("mosquitto did not start on port " + port + "; see "
                            + directory.resolve("mosquitto.log"));
                }
                Thread.sleep(20);
            }
        }
    }

    /** SIGKILL: a crash, sessions and retained messages are gone (no persistence). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
