package org.cogos.it;

import org.cogos.harness.CogosInstance;
import org.junit.rules.ExternalResource;

/** The distribution as {@link ScenarioSupport#unpack} makes it, running for one test class (a {@code @ClassRule}). */
final class RunningCogos extends ExternalResource {

    private final String name;
    private CogosInstance cogos;
    private String uri;

    RunningCogos(String name) {
        this.name = name;
    }

    @Override
    protected void before() throws Exception {
        cogos = ScenarioSupport.unpack(name);
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
}
