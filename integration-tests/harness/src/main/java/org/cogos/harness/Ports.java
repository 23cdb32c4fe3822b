package org.cogos.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports for test servers. */
public final class Ports {

    private Ports() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
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
