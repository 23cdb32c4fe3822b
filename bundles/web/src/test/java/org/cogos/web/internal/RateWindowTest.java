package org.cogos.web.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;

import org.cogos.api.admin.RobotStatus;
import org.junit.Test;

public class RateWindowTest {

    private static List<RobotStatus> robot(long lidar, long text) {
        return List.of(new RobotStatus("r1", true, 0, 0, Map.of("lidar", lidar, "text", text)));
    }

    @Test
    public void ratesAreTheGrowthOverTheWindowNotOverOnePush() {
        RateWindow window = new RateWindow(5_000);
        assertEquals("no rate from one sample", Map.of(), window.update(0, robot(0, 0)));
        window.update(500, robot(5, 0));
        Map<String, Double> rates = window.update(1_000, robot(10, 1)).get("r1");
        assertEquals(10.0, rates.get("lidar"), 1e-9);
        assertEquals("a 1 Hz modality reads 1, not 2 or 0", 1.0, rates.get("text"), 1e-9);
    }

    @Test
    public void samplesOlderThanTheWindowAreDropped() {
        RateWindow window = new RateWindow(1_000);
        window.update(0, robot(0, 0));
        window.update(1_000, robot(100, 0));
        window.update(2_000, robot(110, 0));
        assertEquals("from the sample at 1 s: 20 over 2 s", 10.0,
                window.update(3_000, robot(120, 0)).get("r1").get("lidar"), 1e-9);
    }

    @Test
    public void aModalityNewSinceTheOldestSampleCountsFromZero() {
        RateWindow window = new RateWindow(5_000);
        window.update(0, List.of(new RobotStatus("r1", true, 0, 0, Map.of())));
        assertEquals(3.0, window.update(2_000, robot(0, 6)).get("r1").get("text"), 1e-9);
    }
}
