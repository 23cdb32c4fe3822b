package org.cogos.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.cogos.api.admin.ModuleEvent;

/**
 * One open live page: the frames waiting for it, and what it was last sent, so that each push sends only what
 * changed. The feed's thread decides and queues; the client's own writer thread writes, so a page on a slow link
 * holds up only itself. A page that falls {@value #QUEUE} frames behind is closed: its browser reconnects and is
 * sent the whole state again, which is cheaper than queueing without bound.
 */
final class StreamClient {

    /** Frames queued at most; about 25 s of pushes at the default interval. */
    static final int QUEUE = 50;
    /** A comment line at least this often keeps proxies and Jetty's idle timeout (30 s) from closing the stream. */
    static final long PING_MILLIS = 15_000;

    /** Where the frames go: the servlet's response stream, or a test's buffer. */
    interface Sink {
        void write(byte[] frame) throws IOException;

        /** Ends the response; called once. */
        void close();

        /** @return false once the login this page belongs to ended (logout, or its session expired) */
        boolean loggedIn();
    }

    /** Queued by {@link #close()} to wake the writer; never written. */
    private static final byte[] WAKE = new byte[0];

    private final WebUser user;
    private final String robotId;
    private final Sink sink;
    private final BlockingQueue<byte[]> frames = new ArrayBlockingQueue<>(QUEUE);
    private volatile boolean closed;

    // What the page was last sent; read and written only by the feed's thread.
    String lastModules;
    String lastRobots;
    String lastRobot;
    ModuleEvent lastEvent;
    long lastAuditSeq;

    StreamClient(WebUser user, String robotId, Sink sink) {
        this.user = user;
        this.robotId = robotId;
        this.sink = sink;
    }

    WebUser user() {
        return user;
    }

    /** @return the robot whose page this is, or null for the other pages */
    String robotId() {
        return robotId;
    }

    boolean closed() {
        return closed;
    }

    boolean loggedIn() {
        return sink.loggedIn();
    }

    /**
     * Queues one Server-Sent Event; {@code data} is one line of JSON.
     *
     * @return false when the page is too far behind (and is now closed) or already closed
     */
    boolean send(String event, String data) {
        if (closed) {
            return false;
        }
        byte[] frame = ("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        // One slot is kept for the WAKE of close(): a full queue means the page is too far behind.
        if (frames.remainingCapacity() <= 1 || !frames.offer(frame)) {
            frames.clear(); // what it is behind on is not worth writing: it will be sent the whole state again
            close();
            return false;
        }
        return true;
    }

    /** The writer: runs on the client's own thread until the page goes or the feed stops. */
    void drain() {
        try {
            sink.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            while (true) {
                byte[] frame = frames.poll(PING_MILLIS, TimeUnit.MILLISECONDS);
                if (frame == WAKE) {
                    break;
                }
                sink.write(frame != null ? frame : ": ping\n\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | IllegalStateException e) {
            // The browser went away (tab closed, network gone), or the response was ended: a stream's normal end.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            frames.clear();
            sink.close();
        }
    }

    /**
     * Asks the writer to stop once it has written what is queued. Any thread; nothing is queued after it.
     */
    void close() {
        closed = true;
        if (!frames.offer(WAKE)) {
            frames.clear();
            frames.offer(WAKE);
        }
    }
}
