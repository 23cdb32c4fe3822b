package org.cogos.it;

import java.util.List;

import org.cogos.harness.CogosInstance;
import org.cogos.robotsim.RobotSimulator;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.rules.ExternalResource;

/** The distribution as {@link ScenarioSupport#unpack} makes it, running for one test class (a {@code @ClassRule}). */
final class RunningCogos extends ExternalResource {

    /** What a test class changes in the unpacked distribution before it starts. */
    @FunctionalInterface
    interface Setup {
        void apply(CogosInstance cogos) throws Exception;
    }

    private final String name;
    private final Setup setup;
    private CogosInstance cogos;
    private String uri;

    RunningCogos(String name) {
        this(name, cogos -> { });
    }

    RunningCogos(String name, Setup setup) {
        this.name = name;
        this.setup = setup;
    }

    @Override
    protected void before() throws Exception {
        cogos = ScenarioSupport.unpack(name);
        setup.apply(cogos);
        cogos.start(180_000);
        uri = cogos.mqttUri();
    }

    @Override
    protected void after() {
        if (cogos == null) {
            return;
        }
        try {
            cogos.close();
        } catch (Exception e) {
            throw new IllegalStateException("cogos '" + name + "' did not stop", e);
        }
    }

    CogosInstance instance() {
        return cogos;
    }

    /** The embedded broker's URI, for robots. */
    String uri() {
        return uri;
    }

    /** A simulated robot (QoS 1, prefix cogos/v1) with an account on the embedded broker; not yet connected. */
    RobotSimulator robot(String robotId) throws Exception {
        return new RobotSimulator(uri, robotId, "cogos/v1", 1).setPassword(cogos.robotPassword(robotId));
    }

    /** Collects what cogos publishes on the robot's error topic, logged in as that robot; disconnect it when done. */
    MqttClient errorWatcher(String robotId, List<String> errors) throws Exception {
        return ScenarioSupport.errorWatcher(uri, robotId, cogos.robotPassword(robotId), errors);
    }
}
