package org.cogos.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import javax.inject.Inject;

import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.ModuleState;
import org.cogos.api.admin.ModuleStatus;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** cogos's features.xml in a stock Apache Karaf 4.4: what feature:repo-add + feature:install cogos gives. */
@RunWith(PaxExamWithKarafLog.class)
@ExamReactorStrategy(PerClass.class)
public class StockKarafIT extends KarafTestSupport {

    @Inject
    private ModuleManager modules;

    @Configuration
    public Option[] config() {
        return stockKarafWith("cogos");
    }

    @Test
    public void cogosFeatureBringsEveryModuleUp() throws Exception {
        waitFor(30_000, 200, () -> modules.list().size() >= 5
                && modules.list().stream().allMatch(s -> s.state() == ModuleState.LIVE));
        List<ModuleStatus> list = modules.list();
        assertEquals(List.of("audio", "broker", "coordinator", "language", "mqtt", "rules", "sensor", "vision"),
                list.stream().map(ModuleStatus::name).toList());
        assertTrue(list.toString(), list.stream().allMatch(s -> s.state() == ModuleState.LIVE));
        String lsmod = execute("cog:lsmod");
        assertTrue(lsmod, lsmod.contains("coordinator"));
    }
}
