package org.cogos.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports for test servers. */
public final class Ports {

    /** Ports below the kernel's ephemeral range; Linux's default range starts at 32768. */
    private static final int FIRST = 10_000;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * A loopback port nothing listens on, below the kernel's ephemeral range and not given out before in this JVM.
     * A port from the ephemeral range (what binding port 0 gives) can be taken, before the server binds it, by any
     * outgoing connection's local end, or by {@link #awaitListening}'s own probe connecting to itself (TCP
     * self-connect): Karaf's SSH server once failed to bind its port that way and the whole start timed out.
     */
    public static int free() {
        int end = ephemeralRangeStart();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = random.nextInt(FIRST, end);
            if (!GIVEN.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IllegalStateException("no free loopback port in " + FIRST + ".." + end);
    }

    /** The first port of the kernel's ephemeral range (ip_local_port_range), 32768 where it cannot be read. */
    static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > FIRST + 1000 ? start : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @throws IllegalStateException when nothing listens on the port within the timeout */
    public static void awaitListening(int port, long timeoutMs, Process owner) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!listening(port)) {
            if (owner != null && !owner.isAlive()) {
                throw new IllegalStateException("process exited with " + owner.exitValue() + " before port "
                        + port + " opened");
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("nothing listens on 127.0.0.1:" + port + " after " + timeoutMs
                        + " ms");
            }
            Thread.sleep(50);
        }
    }
}
