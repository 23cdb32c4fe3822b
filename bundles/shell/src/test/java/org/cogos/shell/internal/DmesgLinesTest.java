package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.cogos.api.admin.EventLevel;
import org.cogos.api.admin.ModuleEvent;
import org.junit.Test;

public class DmesgLinesTest {

    /** 2026-11-24T19:03:12.345Z */
    private static final long T0 = 1795546992345L;

    private static final List<ModuleEvent> EVENTS = List.of(
            new ModuleEvent(T0, "cogos", EventLevel.INFO, "router started"),
            new ModuleEvent(T0 + 2_314, "sensor", EventLevel.INFO, "inserted (bundle 72)"),
            new ModuleEvent(T0 + 123_456_789, "sensor", EventLevel.ERROR, "quarantined after 5 faults"));

    @Test
    public void timesCountFromTheFirstEventShown() {
        assertEquals(List.of(
                "[    0.000] info  cogos: router started",
                "[    2.314] info  sensor: inserted (bundle 72)",
                "[123456.789] error sensor: quarantined after 5 faults"), DmesgLines.relative(EVENTS));
        assertEquals("[    0.000] info  sensor: inserted (bundle 72)",
                DmesgLines.relative(EVENTS.subList(1, 2)).get(0));
    }

    @Test
    public void isoTimesCarryTheZoneOffset() {
        assertEquals("2026-11-24T19:03:12.345Z info  cogos: router started",
                DmesgLines.iso(EVENTS, ZoneOffset.UTC).get(0));
        assertEquals("2026-11-24T20:03:14.659+01:00 info  sensor: inserted (bundle 72)",
                DmesgLines.iso(EVENTS, ZoneId.of("Europe/Berlin")).get(1));
    }

    @Test
    public void aMultiLineMessageStaysOneLine() {
        List<ModuleEvent> events = List.of(new ModuleEvent(T0, "vision", EventLevel.WARN, "model failed:\r\n  bad shape\n"));
        assertEquals(List.of("[    0.000] warn  vision: model failed: bad shape"), DmesgLines.relative(events));
    }

    @Test
    public void noEventsNoLines() {
        assertEquals(List.of(), DmesgLines.relative(List.of()));
    }
}
