package org.cogos.metrics.internal;

import java.io.IOException;
import java.io.OutputStream;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.MqttStatistics;
import org.cogos.api.tensor.TensorEngine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} in the Prometheus text format, served by Pax Web's HTTP Whiteboard (on loopback unless the
 * operator changes {@code etc/org.ops4j.pax.web.cfg}; docs/metrics.md). The JVM's memory, collections, threads,
 * classes and CPU come from Micrometer's binders; cogos's own from {@link CogosCollector}, in the same registry.
 *
 * <p>The services it reads are optional and dynamic: metrics keep being served while a module, the MQTT link or
 * the tensor engine is swapped or absent, which is when an operator most wants to look.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + MetricsServlet.PATH,
    "osgi.http.whiteboard.servlet.name=cogos-metrics"})
public final class MetricsServlet extends HttpServlet {

    static final String PATH = "/metrics";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServlet.class);

    private final transient PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final transient JvmGcMetrics gcMetrics = new JvmGcMetrics();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ModuleManager modules;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MqttStatistics mqtt;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TensorEngine tensor;

    @Activate
    void activate() {
        // Two of ProcessorMetrics' names break Prometheus's naming rules (promtool check metrics flags them):
        // process.cpu.time in ns (process_cpu_time_ns_total: an abbreviated unit) and system.cpu.count (a gauge
        // ending in _count, read as a histogram's). process_cpu_usage and system_cpu_usage say what they would.
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")
                || id.getName().equals("system.cpu.count")));
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        registry.getPrometheusRegistry().register(new CogosCollector(() -> modules, () -> mqtt, () -> tensor));
        LOG.info("metrics served on {}", PATH);
    }

    @Deactivate
    void deactivate() {
        gcMetrics.close();
        registry.close();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        try (OutputStream out = response.getOutputStream()) {
            registry.scrape(out);
        }
    }
}
