package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.junit.Test;

public class UnitsTest {

    @Test
    public void ratesKeepOneDecimalWhileSmallAndNoneOnceLarge() {
        assertEquals("0", Units.rate(0));
        assertEquals("0", Units.rate(Double.NaN));
        assertEquals("0.4", Units.rate(0.44));
        assertEquals("12.5", Units.rate(12.46));
        assertEquals("99.9", Units.rate(99.94));
        assertEquals("1250", Units.rate(1249.6));
    }

    @Test
    public void latenciesMoveFromMicrosecondsToMillisecondsToSeconds() {
        assertEquals("-", Units.latency(-1));
        assertEquals("0 µs", Units.latency(0));
        assertEquals("850 µs", Units.latency(850));
        assertEquals("999 µs", Units.latency(999));
        assertEquals("1.00 ms", Units.latency(1_000));
        assertEquals("1.25 ms", Units.latency(1_250));
        assertEquals("12.3 ms", Units.latency(12_340));
        assertEquals("999.9 ms", Units.latency(999_900));
        assertEquals("1.50 s", Units.latency(1_500_000));
    }

    @Test
    public void sizesUseBinaryPrefixes() {
        assertEquals("-", Units.bytes(-1));
        assertEquals("512 B", Units.bytes(512));
        assertEquals("1.0 KiB", Units.bytes(1024));
        assertEquals("812.0 KiB", Units.bytes(812 * 1024));
        assertEquals("1.5 MiB", Units.bytes(1536 * 1024));
        assertEquals("2.0 GiB", Units.bytes(2L << 30));
    }

    @Test
    public void elapsedTimesShowTheTwoLargestUnits() {
        assertEquals("0.0 s", Units.elapsed(0));
        assertEquals("0.0 s", Units.elapsed(-5_000));
        assertEquals("2.1 s", Units.elapsed(2_140));
        assertEquals("42 s", Units.elapsed(42_900));
        assertEquals("5 min 3 s", Units.elapsed(303_000));
        assertEquals("2 h 5 min", Units.elapsed((2 * 3600 + 5 * 60 + 59) * 1000L));
        assertEquals("3 d 4 h", Units.elapsed((3 * 86400 + 4 * 3600 + 1800) * 1000L));
    }

    @Test
    public void agoSaysNeverForTheApisZero() {
        assertEquals("never", Units.ago(0, 1_000_000));
        assertEquals("2.1 s ago", Units.ago(997_900, 1_000_000));
    }

    @Test
    public void isoInstantsCarryMillisecondsAndTheZonesOffset() {
        assertEquals("2026-11-24T19:03:12.345Z", Units.iso(1795546992345L, ZoneOffset.UTC));
        assertEquals("2026-11-24T20:03:12.345+01:00", Units.iso(1795546992345L, ZoneOffset.ofHours(1)));
    }

    @Test
    public void oneLineFoldsEachBreakWithItsBlanksIntoOneSpace() {
        assertEquals("near(e) := e.distance <= 1 and e.label == \"a  b\"",
                Units.oneLine("  near(e) :=\r\n    e.distance <= 1\n and e.label == \"a  b\"\n"));
    }

    @Test
    public void cutKeepsShortTextAndEndsCutTextWithAnEllipsis() {
        assertEquals("abcdef", Units.cut("abcdef", 6));
        assertEquals("abcd…", Units.cut("abcdef", 5));
    }

    @Test
    public void usedByCountsThenNamesLikeLsmod() {
        assertEquals("0", Units.usedBy(List.of()));
        assertEquals("2 coordinator,rules", Units.usedBy(List.of("coordinator", "rules")));
    }

    @Test
    public void decimalPointDoesNotFollowTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertEquals("12.5", Units.rate(12.5));
            assertEquals("1.25 ms", Units.latency(1_250));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
