package org.cogos.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.cogos.api.admin.EventLevel;
import org.cogos.api.admin.ModuleEvent;
import org.cogos.api.admin.ModuleEventLog;
import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.ModuleState;
import org.cogos.api.admin.ModuleStatus;
import org.cogos.api.admin.RobotRegistry;
import org.cogos.api.admin.ScanMonitor;
import org.cogos.api.admin.SceneMonitor;
import org.cogos.api.audit.AuditOutcome;
import org.cogos.api.audit.AuditRecord;
import org.cogos.api.audit.AuditTrail;
import org.junit.Test;

public class LiveFeedTest {

    private final List<ModuleStatus> modules = new CopyOnWriteArrayList<>(List.of(module("sensor", 10)));
    private final List<ModuleEvent> events = new CopyOnWriteArrayList<>();
    private final List<AuditRecord> records = new CopyOnWriteArrayList<>();
    private long now = 1_000;

    private final LiveFeed.Sources sources = new LiveFeed.Sources() {
        @Override
        public ModuleManager modules() {
            return fake(ModuleManager.class, Map.of("list", () -> modules, "unserved", List::of));
        }

        @Override
        public RobotRegistry robots() {
            return List::of;
        }

        @Override
        public SceneMonitor scenes() {
            return fake(SceneMonitor.class, Map.of("latest", Optional::empty, "recentActions", List::of));
        }

        @Override
        public ScanMonitor scans() {
            return robotId -> Optional.empty();
        }

        @Override
        public ModuleEventLog events() {
            return fake(ModuleEventLog.class, Map.of("recent", () -> events));
        }

        @Override
        public AuditTrail audit() {
            return fake(AuditTrail.class, Map.of("recent", () -> records));
        }
    };

    private final LiveFeed feed = new LiveFeed(sources,
            () -> new WebOptions("karaf", "viewer", "operator", "admin", 30, 500, 16, 100, 30), () -> now);

    private static ModuleStatus module(String name, long processed) {
        return new ModuleStatus(name, 7, ModuleState.LIVE, List.of("lidar"), List.of(), processed, 0, 0, 0, 0, 0);
    }

    /** An in-memory service answering the named methods; any other call is a test error. */
    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, Map<String, Supplier<Object>> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Supplier<Object> answer = answers.get(method.getName());
            if (answer == null) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answer.get();
        });
    }

    /** A page's response: what it was written, and whether its login still holds. */
    private static final class Page implements StreamClient.Sink {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final AtomicBoolean loggedIn = new AtomicBoolean(true);
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public synchronized void write(byte[] frame) {
            written.writeBytes(frame);
        }

        @Override
        public void close() {
            closed.set(true);
        }

        @Override
        public boolean loggedIn() {
            return loggedIn.get();
        }

        synchronized String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    /** Opens a page, pushes, and returns the event names it was sent, in order (runs its writer to the end). */
    private static List<String> eventNames(String frames) {
        List<String> names = new ArrayList<>();
        for (String line : frames.split("\n")) {
            if (line.startsWith("event: ")) {
                names.add(line.substring(7));
            }
        }
        return names;
    }

    private static String drained(StreamClient client, Page page) throws InterruptedException {
        Thread writer = new Thread(client::drain);
        writer.start();
        client.close();
        writer.join(5_000);
        return page.text();
    }

    @Test
    public void aPageIsSentTheTablesOnceAndAgainOnlyWhenTheyChange() throws Exception {
        Page page = new Page();
        StreamClient client = new StreamClient(new WebUser("vera", Set.of(Access.VIEW)), null, page);
        feed.add(client);
        feed.push();
        feed.push();
        modules.set(0, module("sensor", 11));
        feed.push();
        List<String> sent = new ArrayList<>();
        // Without a writer the frames stay queued: read them by running it once.
        String frames = drained(client, page);
        sent.addAll(eventNames(frames));
        assertEquals(List.of("modules", "robots", "modules"), sent);
        assertTrue(frames.startsWith("retry: 2000\n\n"));
        assertTrue(frames, frames.contains("\"processed\":11"));
        assertTrue("the writer ended the response", page.closed.get());
    }

    @Test
    public void onlyNewModuleEventsAndAuditRecordsAreSent() throws Exception {
        Page page = new Page();
        StreamClient client = new StreamClient(new WebUser("vera", Set.of(Access.VIEW)), null, page);
        feed.add(client);
        ModuleEvent first = new ModuleEvent(1, "sensor", EventLevel.INFO, "loaded");
        events.add(first);
        records.add(new AuditRecord(1, Instant.EPOCH, "karaf", "cog:rmmod", "vision", AuditOutcome.OK, ""));
        feed.push();
        events.add(new ModuleEvent(2, "vision", EventLevel.WARN, "removed"));
        records.add(new AuditRecord(2, Instant.EPOCH, "vera", "web:rmmod", "vision", AuditOutcome.REFUSED, "no"));
        feed.push();
        feed.push();
        String frames = drained(client, page);
        assertEquals(List.of("modules", "robots", "events", "audit", "events", "audit"), eventNames(frames));
        assertEquals("each event once", 1, frames.split("\"message\":\"loaded\"", -1).length - 1);
        assertEquals(1, frames.split("\"actor\":\"vera\"", -1).length - 1);
    }

    @Test
    public void aRobotsPageIsSentItsRobotAndTheOthersAreNot() throws Exception {
        Page robotPage = new Page();
        Page modulesPage = new Page();
        StreamClient robotClient = new StreamClient(new WebUser("vera", Set.of(Access.VIEW)), "r1", robotPage);
        StreamClient modulesClient = new StreamClient(new WebUser("vera", Set.of(Access.VIEW)), null, modulesPage);
        feed.add(robotClient);
        feed.add(modulesClient);
        feed.push();
        String robot = drained(robotClient, robotPage);
        assertTrue(robot, eventNames(robot).contains("robot"));
        assertTrue(robot, robot.contains("\"robotId\":\"r1\",\"scene\":null,\"actions\":[],\"scan\":null"));
        assertFalse(eventNames(drained(modulesClient, modulesPage)).contains("robot"));
    }

    @Test
    public void aPageWhoseLoginEndedIsClosed() throws Exception {
        Page page = new Page();
        StreamClient client = new StreamClient(new WebUser("vera", Set.of(Access.VIEW)), null, page);
        feed.add(client);
        feed.push();
        page.loggedIn.set(false);
        feed.push();
        assertTrue(client.closed());
        assertEquals(0, feed.clients());
    }

    @Test
    public void aPageTooFarBehindIsClosedInsteadOfQueuedWithoutBound() throws Exception {
        Page page = new Page();
        StreamClient client = new StreamClient(new WebUser("vera", Set.of(Access.VIEW)), null, page);
        feed.add(client);
        for (int push = 0; push < StreamClient.QUEUE; push++) {
            modules.set(0, module("sensor", push));
            feed.push();
        }
        assertTrue("queue overflowed: the page is closed, its browser will reconnect", client.closed());
        assertEquals(0, feed.clients());
    }

    @Test
    public void theWriterPingsAnIdlePageAndStopsWhenThePageIsGone() throws Exception {
        StreamClient.Sink gone = new StreamClient.Sink() {
            @Override
            public void write(byte[] frame) throws IOException {
                throw new IOException("broken pipe");
            }

            @Override
            public void close() {
            }

            @Override
            public boolean loggedIn() {
                return true;
            }
        };
        StreamClient client = new StreamClient(new WebUser("vera", Set.of(Access.VIEW)), null, gone);
        client.drain();
        assertTrue(client.closed());
        assertFalse("nothing is queued for a closed page", client.send("modules", "{}"));
    }

    @Test
    public void newEventsAreThoseAfterTheLastSentOrAllWhenItRolledOff() {
        ModuleEvent a = new ModuleEvent(1, "m", EventLevel.INFO, "a");
        ModuleEvent b = new ModuleEvent(2, "m", EventLevel.INFO, "b");
        ModuleEvent c = new ModuleEvent(3, "m", EventLevel.INFO, "c");
        assertEquals(List.of(b, c), LiveFeed.after(List.of(a, b, c), a));
        assertEquals(List.of(), LiveFeed.after(List.of(a, b, c), c));
        assertEquals(List.of(b, c), LiveFeed.after(List.of(b, c), new ModuleEvent(0, "m", EventLevel.INFO, "z")));
        assertEquals(List.of(a, b, c), LiveFeed.after(List.of(a, b, c), null));
    }
}
