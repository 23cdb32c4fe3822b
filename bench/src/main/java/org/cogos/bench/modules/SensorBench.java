package org.cogos.bench.modules;

import java.util.ArrayList;
import java.util.List;

import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.harness.Configs;
import org.cogos.nativebridge.internal.NativeTensorEngine;
import org.cogos.robotsim.LidarScenario;
import org.cogos.sensor.internal.LidarModule;
import org.cogos.sensor.internal.SensorConfig;

/**
 * The sensor (LIDAR) module outside OSGi on one cycle of robot-sim's encounter (a person walking up, a clear view,
 * an obstacle; 181 beams, 2 cm range noise), its classifier in native-bridge's user-space tensor backend.
 */
final class SensorBench {

    /** Scans per second of the scenario: sets how many distinct frames one cycle has. */
    private static final double SCAN_RATE = 10;

    record Result(ModuleFigures<Observation> module, int personFound, int personFrames, String backend) {
    }

    private SensorBench() {
    }

    static Result run(int warmup, int calls) throws Exception {
        LidarScenario scenario = new LidarScenario(SCAN_RATE, 0.02, 1);
        List<Percept> scans = new ArrayList<>();
        for (int frame = 0; frame < scenario.framesPerCycle(); frame++) {
            scans.add(ModuleRun.percept("lidar", frame, scenario.scan(frame, frame, System.currentTimeMillis())));
        }
        try (NativeTensorEngine engine = NativeTensorEngine.userspace()) {
            ModuleFigures<Observation> figures = ModuleRun.module("sensor",
                    scans.size() + " LIDAR scans, 181 beams", ModuleLoader.module(
                            () -> new LidarModule(engine, Configs.defaults(SensorConfig.class))),
                    scans, warmup, calls);
            int personFrames = 0;
            int found = 0;
            for (int frame = 0; frame < scans.size(); frame++) {
                if (scenario.phase(frame) == LidarScenario.Phase.PERSON) {
                    personFrames++;
                    if (figures.firstPass().get(frame).detections().stream()
                            .anyMatch(d -> d.label().equals("person"))) {
                        found++;
                    }
                }
            }
            return new Result(figures, found, personFrames, engine.backend());
        }
    }
}
