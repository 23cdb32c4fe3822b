package org.cogos.metrics.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.cogos.api.admin.ModalityQueue;
import org.cogos.api.admin.ModuleCounters;
import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.MqttStatistics;
import org.cogos.api.tensor.TensorEngine;
import org.cogos.api.tensor.TensorEngineStatus;
import org.junit.Test;

/** What a scrape shows of cogos's services, in the registry the endpoint serves. */
public class CogosCollectorTest {

    /** Answers the methods the collector calls; any other call fails the test. */
    @SuppressWarnings("unchecked")
    private static <T> T answering(Class<T> type, Map<String, Object> results) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, called, args) -> {
            if (results.containsKey(called.getName())) {
                return results.get(called.getName());
            }
            throw new AssertionError("unexpected call " + called.getName());
        });
    }

    private static ModuleManager modules(ModuleCounters counters) {
        return answering(ModuleManager.class, Map.of("counters", List.of(counters), "queues",
                List.of(new ModalityQueue("lidar", List.of(3, 0), 1000, 4096, 64L << 20))));
    }

    /** A link with fixed connections and counters. */
    private record FixedLink(Map<String, Boolean> connections, SortedMap<String, Long> counters)
            implements MqttStatistics {

        @Override
        public String serverUri() {
            return "tcp://127.0.0.1:1883";
        }

        @Override
        public boolean isConnected() {
            return connections.values().iterator().next();
        }
    }

    private static final MqttStatistics LINK = new FixedLink(connections(), new TreeMap<>(Map.of(
            "connection.connects", 2L, "actions.connection.connects", 3L, "outbox.pending", 7L, "outbox.acked", 40L,
            "errors.rate_limited", 5L, "errors.unpublished", 1L)));

    private static Map<String, Boolean> connections() {
        Map<String, Boolean> connections = new LinkedHashMap<>();
        connections.put("cogos", true);
        connections.put("cogos-actions", false);
        return connections;
    }

    private static String scrape(ModuleManager modules, MqttStatistics mqtt, TensorEngine tensor) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.getPrometheusRegistry().register(new CogosCollector(() -> modules, () -> mqtt, () -> tensor));
        return registry.scrape();
    }

    @Test
    public void exposesModulesLinkAndEngine() {
        ModuleCounters sensor = new ModuleCounters("sensor", 4, 2, Map.of("malformed", 1L, "module_fault", 3L),
                List.of(50_000L, 100_000L), List.of(3L, 0L, 1L), 2_000_000_000L);
        TensorEngineStatus status = new TensorEngineStatus("userspace", "-", "avx2", Set.of("avx2"), 1, 0, 0, 4096,
                120, 3, 10.0);

        String text = scrape(modules(sensor), LINK, answering(TensorEngine.class, Map.of("status", status)));

        assertTrue(text, text.contains("cogos_module_percepts_total{module=\"sensor\"} 4"));
        assertTrue(text, text.contains("cogos_module_superseded_total{module=\"sensor\"} 2"));
        assertTrue(text, text.contains("cogos_module_errors_total{code=\"module_fault\",module=\"sensor\"} 3"));
        assertTrue("cumulative buckets: " + text,
                text.contains("cogos_module_processing_seconds_bucket{module=\"sensor\",le=\"1.0E-4\"} 3"));
        assertTrue(text, text.contains("cogos_module_processing_seconds_bucket{module=\"sensor\",le=\"+Inf\"} 4"));
        assertTrue(text, text.contains("cogos_module_processing_seconds_count{module=\"sensor\"} 4"));
        assertTrue(text, text.contains("cogos_module_processing_seconds_sum{module=\"sensor\"} 2.0"));
        assertTrue(text, text.contains("cogos_mqtt_connection_connects_total{connection=\"main\"} 2"));
        assertTrue(text, text.contains("cogos_mqtt_connection_connects_total{connection=\"actions\"} 3"));
        assertTrue(text, text.contains("cogos_mqtt_outbox_acked_total{connection=\"main\"} 40"));
        assertTrue(text, text.contains("cogos_mqtt_outbox_pending 7"));
        assertTrue(text, text.contains("cogos_mqtt_refused_percepts_total{code=\"rate_limited\"} 5"));
        assertTrue(text, text.contains("cogos_mqtt_errors_unpublished_total{connection=\"main\"} 1"));
        assertTrue(text, text.contains("cogos_mqtt_connected{client_id=\"cogos-actions\"} 0"));
        assertTrue(text, text.contains("cogos_tensor_calls_total{backend=\"userspace\"} 120"));
        assertTrue(text, text.contains("cogos_router_lane_queued{lane=\"0\",modality=\"lidar\"} 3"));
        assertTrue(text, text.contains("cogos_router_lane_queued{lane=\"1\",modality=\"lidar\"} 0"));
        assertTrue(text, text.contains("cogos_router_waiting_bytes{modality=\"lidar\"} 4096"));
        assertTrue(text, text.contains("cogos_router_budget_bytes{modality=\"lidar\"} 6.7108864E7"));
        assertTrue(text, text.contains("cogos_tensor_errors_total{backend=\"userspace\"} 3"));
    }

    /** The example dashboard in config/grafana asks only for metrics a scrape has. */
    @Test
    public void theGrafanaDashboardQueriesMetricsThatExist() throws Exception {
        ModuleCounters sensor = new ModuleCounters("sensor", 4, 2, Map.of("malformed", 1L), List.of(50_000L),
                List.of(3L, 1L), 1_000_000L);
        TensorEngineStatus status = new TensorEngineStatus("userspace", "-", "avx2", Set.of("avx2"), 1, 0, 0, 4096,
                120, 3, 10.0);
        Map<String, Long> outbox = new TreeMap<>(Map.of("outbox.published", 1L, "outbox.redelivered", 1L,
                "outbox.acked", 1L, "outbox.dead", 1L, "outbox.pending", 1L, "errors.router_full", 1L));
        String text = scrape(modules(sensor), new FixedLink(connections(), new TreeMap<>(outbox)),
                answering(TensorEngine.class, Map.of("status", status)));

        String dashboard = Files.readString(Path.of("../../config/grafana/cogos-dashboard.json"));
        Matcher names = Pattern.compile("cogos_[a-z_]+").matcher(dashboard);
        int found = 0;
        while (names.find()) {
            found++;
            assertTrue(names.group() + " is scraped: " + text, text.contains("\n" + names.group()));
        }
        assertTrue("the dashboard queries cogos's metrics", found >= 10);
    }

    @Test
    public void servicesThatAreAbsentShowNothing() {
        String text = scrape(null, null, null);
        assertFalse(text, text.contains("cogos_"));
    }
}
