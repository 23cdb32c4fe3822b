package org.cogos.web.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.cogos.api.admin.ModuleEvent;
import org.cogos.api.admin.ModuleEventLog;
import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.RobotRegistry;
import org.cogos.api.admin.RobotStatus;
import org.cogos.api.admin.ScanMonitor;
import org.cogos.api.admin.SceneMonitor;
import org.cogos.api.audit.AuditRecord;
import org.cogos.api.audit.AuditTrail;

/**
 * What the open pages are pushed: at each interval it reads cogos's state once and sends each page what changed
 * since it was last sent — the module table, the robot table, new module events and audit records, and for a
 * robot's page that robot's scene, actions and scan. Polling the services at the push interval, rather than
 * listening, keeps the runtime's hot paths free of the dashboard: they pay nothing while no page is open.
 *
 * <p>Events: {@code modules}, {@code robots}, {@code events} (new module events), {@code audit} (new records),
 * {@code robot} (the page's robot). Each {@code data} is one line of JSON as the matching GET of the API returns.
 */
final class LiveFeed {

    /** The services it reads; each may be absent (null) while its module is swapped. */
    interface Sources {
        ModuleManager modules();

        RobotRegistry robots();

        SceneMonitor scenes();

        ScanMonitor scans();

        ModuleEventLog events();

        AuditTrail audit();
    }

    /** Rates are averaged over this long (see {@link RateWindow}). */
    static final long RATE_WINDOW_MILLIS = 5_000;

    private final Sources sources;
    private final Supplier<WebOptions> options;
    private final LongSupplier clock;
    private final Set<StreamClient> clients = ConcurrentHashMap.newKeySet();
    private final RateWindow rates = new RateWindow(RATE_WINDOW_MILLIS);

    LiveFeed(Sources sources, Supplier<WebOptions> options, LongSupplier clock) {
        this.sources = sources;
        this.options = options;
        this.clock = clock;
    }

    void add(StreamClient client) {
        clients.add(client);
    }

    int clients() {
        clients.removeIf(StreamClient::closed);
        return clients.size();
    }

    void closeAll() {
        clients.forEach(StreamClient::close);
        clients.clear();
    }

    /** One push; runs on the feed's thread only. */
    void push() throws JsonProcessingException {
        for (StreamClient client : clients) {
            if (!client.loggedIn()) {
                client.close();
            }
        }
        if (clients() == 0) {
            return;
        }
        WebOptions current = options.get();
        ModuleManager modules = sources.modules();
        String moduleTable = json(modules == null ? Map.of("error", "the runtime is not running")
                : Views.modules(modules));
        RobotRegistry registry = sources.robots();
        List<RobotStatus> robots = registry == null ? List.of() : registry.robots();
        String robotTable = json(Views.robots(robots, rates.update(clock.getAsLong(), robots)));
        ModuleEventLog log = sources.events();
        List<ModuleEvent> events = log == null ? List.of() : log.recent(current.eventLines());
        AuditTrail audit = sources.audit();
        List<AuditRecord> records = audit == null ? List.of() : audit.recent(current.eventLines());
        Map<String, String> robotPages = new HashMap<>();

        for (StreamClient client : clients) {
            if (!moduleTable.equals(client.lastModules) && client.send("modules", moduleTable)) {
                client.lastModules = moduleTable;
            }
            if (!robotTable.equals(client.lastRobots) && client.send("robots", robotTable)) {
                client.lastRobots = robotTable;
            }
            List<ModuleEvent> newEvents = after(events, client.lastEvent);
            if (!newEvents.isEmpty() && client.send("events", json(newEvents))) {
                client.lastEvent = newEvents.get(newEvents.size() - 1);
            }
            List<AuditRecord> newRecords = records.stream().filter(r -> r.seq() > client.lastAuditSeq).toList();
            if (!newRecords.isEmpty() && client.send("audit", json(Views.audit(newRecords)))) {
                client.lastAuditSeq = newRecords.get(newRecords.size() - 1).seq();
            }
            if (client.robotId() != null) {
                String page = robotPages.get(client.robotId());
                if (page == null) {
                    page = json(Views.robot(client.robotId(), sources.scenes(), sources.scans(),
                            current.actionsShown()));
                    robotPages.put(client.robotId(), page);
                }
                if (!page.equals(client.lastRobot) && client.send("robot", page)) {
                    client.lastRobot = page;
                }
            }
        }
    }

    /** The events after {@code last} in {@code recent} (oldest first); all of them when it is not among them. */
    static List<ModuleEvent> after(List<ModuleEvent> recent, ModuleEvent last) {
        int index = last == null ? -1 : recent.lastIndexOf(last);
        return new ArrayList<>(recent.subList(index + 1, recent.size()));
    }

    private static String json(Object view) throws JsonProcessingException {
        return Responses.JSON.writeValueAsString(view);
    }
}
