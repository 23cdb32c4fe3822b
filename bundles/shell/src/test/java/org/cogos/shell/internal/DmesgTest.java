package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.cogos.api.admin.EventLevel;
import org.cogos.api.admin.ModuleEvent;
import org.cogos.api.admin.ModuleEventLog;
import org.junit.Test;

public class DmesgTest {

    /** A bounded event log like the runtime's, stamping events with a clock the test moves. */
    private static final class InMemoryEventLog implements ModuleEventLog {
        private final List<ModuleEvent> events = new ArrayList<>();
        private long now = 1795546992345L;

        void advance(long millis) {
            now += millis;
        }

        @Override
        public void log(String module, EventLevel level, String message) {
            events.add(new ModuleEvent(now, module, level, message));
        }

        @Override
        public List<ModuleEvent> recent(int max) {
            return List.copyOf(events.subList(Math.max(0, events.size() - max), events.size()));
        }
    }

    private final InMemoryEventLog log = new InMemoryEventLog();
    private final Console console = new Console();

    private Dmesg dmesg() {
        Dmesg dmesg = new Dmesg();
        dmesg.events = log;
        dmesg.zone = ZoneOffset.UTC;
        return dmesg;
    }

    private void logSession() {
        log.log("cogos", EventLevel.INFO, "router started");
        log.advance(2_314);
        log.log("sensor", EventLevel.INFO, "inserted (bundle 72)");
        log.advance(500);
        log.log("sensor", EventLevel.WARN, "3 malformed scans from robot-1");
        log.advance(10_000);
        log.log("coordinator", EventLevel.ERROR, "quarantined after 5 faults");
    }

    @Test
    public void printsEveryEventOldestFirstTimedFromTheFirst() {
        logSession();
        console.run(dmesg());
        assertEquals(List.of(
                "[    0.000] info  cogos: router started",
                "[    2.314] info  sensor: inserted (bundle 72)",
                "[    2.814] warn  sensor: 3 malformed scans from robot-1",
                "[   12.814] error coordinator: quarantined after 5 faults"), console.outLines());
    }

    @Test
    public void lastNCountFromTheFirstOfThoseShown() {
        logSession();
        Dmesg dmesg = dmesg();
        dmesg.lines = 2;
        console.run(dmesg);
        assertEquals(List.of(
                "[    0.000] warn  sensor: 3 malformed scans from robot-1",
                "[   10.000] error coordinator: quarantined after 5 faults"), console.outLines());
    }

    @Test
    public void levelFilterAppliesBeforeTheCount() {
        logSession();
        Dmesg dmesg = dmesg();
        dmesg.levels = "WARN, error";
        dmesg.lines = 5;
        console.run(dmesg);
        assertEquals(2, console.outLines().size());

        Console info = new Console();
        Dmesg lastInfo = dmesg();
        lastInfo.levels = "info";
        lastInfo.lines = 1;
        info.run(lastInfo);
        assertEquals(List.of("[    0.000] info  sensor: inserted (bundle 72)"), info.outLines());
    }

    @Test
    public void isoShowsWallClockTimes() {
        logSession();
        Dmesg dmesg = dmesg();
        dmesg.iso = true;
        console.run(dmesg);
        assertEquals("2026-11-24T19:03:25.159Z error coordinator: quarantined after 5 faults",
                console.outLines().get(3));
    }

    @Test
    public void aCountBelowOneIsRefusedOnOneLine() {
        logSession();
        Dmesg dmesg = dmesg();
        dmesg.lines = 0;
        console.run(dmesg);
        assertEquals("", console.out());
        assertEquals(List.of("-n must be at least 1, got 0"), console.errLines());
        assertEquals(1, console.exitStatus());
    }
}
