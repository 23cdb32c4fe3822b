package org.cogos.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;

import java.util.Arrays;

import javax.inject.Inject;

import org.cogos.api.DecisionEngine;
import org.cogos.api.reasoning.Reasoner;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;

/**
 * The decision engine does not depend on the transport: {@code cogos-reasoning} alone in a stock Karaf resolves
 * and decides without the MQTT link (issue 12: it used to import {@code org.cogos.mqtt} for the ack types).
 */
@RunWith(PaxExamWithKarafLog.class)
@ExamReactorStrategy(PerClass.class)
public class ReasoningWithoutMqttIT extends KarafTestSupport {

    @Inject
    @Filter("(cogos.engine=rabab)")
    private DecisionEngine rabab;

    @Inject
    private Reasoner reasoner;

    @Configuration
    public Option[] config() {
        return stockKarafWith("cogos-reasoning");
    }

    @Test
    public void reasoningResolvesAndRunsWithoutTheMqttBundles() {
        assertNotNull(rabab);
        assertFalse("RaBAB's shipped predicates", reasoner.predicates().isEmpty());
        Bundle[] bundles = bundleContext.getBundles();
        assertEquals(Arrays.toString(bundles), 0, Arrays.stream(bundles)
                .filter(bundle -> bundle.getSymbolicName().startsWith("org.cogos.mqtt")
                        || bundle.getSymbolicName().contains("paho"))
                .count());
        Bundle reasoning = Arrays.stream(bundles).filter(b -> b.getSymbolicName().equals("org.cogos.reasoning"))
                .findFirst().orElseThrow();
        assertEquals(Bundle.ACTIVE, reasoning.getState());
    }
}
