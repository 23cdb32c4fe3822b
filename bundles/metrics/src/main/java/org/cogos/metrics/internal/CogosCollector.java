package org.cogos.metrics.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.cogos.api.admin.ModalityQueue;
import org.cogos.api.admin.ModuleCounters;
import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.MqttCounter;
import org.cogos.api.admin.MqttStatistics;
import org.cogos.api.tensor.TensorEngine;
import org.cogos.api.tensor.TensorEngineStatus;

/**
 * cogos's own metrics, read from its services at each scrape (docs/metrics.md). A Prometheus collector rather than
 * Micrometer meters: modules, error codes and MQTT counters come and go at run time, and their counts live in the
 * services already, so a scrape reads them instead of registering and removing meters as they change.
 * A service that is not there (the MQTT link unloaded) contributes nothing.
 */
final class CogosCollector implements MultiCollector {

    private static final double NANOS_PER_SECOND = 1e9;
    /** The MQTT link's counter that is a level, not a count. */
    private static final String PENDING = MqttCounter.OUTBOX_PENDING.key();

    private final Supplier<ModuleManager> modules;
    private final Supplier<MqttStatistics> mqtt;
    private final Supplier<TensorEngine> tensor;

    CogosCollector(Supplier<ModuleManager> modules, Supplier<MqttStatistics> mqtt, Supplier<TensorEngine> tensor) {
        this.modules = modules;
        this.mqtt = mqtt;
        this.tensor = tensor;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> snapshots = new ArrayList<>();
        ModuleManager moduleManager = modules.get();
        if (moduleManager != null) {
            addModules(snapshots, moduleManager.counters());
            addQueues(snapshots, moduleManager.queues());
        }
        MqttStatistics link = mqtt.get();
        if (link != null) {
            addMqtt(snapshots, link);
        }
        TensorEngine engine = tensor.get();
        if (engine != null) {
            addTensor(snapshots, engine.status());
        }
        return new MetricSnapshots(snapshots);
    }

    private static void addModules(List<MetricSnapshot> snapshots, List<ModuleCounters> counters) {
        CounterSnapshot.Builder percepts = CounterSnapshot.builder().name("cogos_module_percepts")
                .help("Percepts a module processed since cogos started");
        CounterSnapshot.Builder superseded = CounterSnapshot.builder().name("cogos_module_superseded")
                .help("Percepts dropped unprocessed for newer ones of the same robot");
        CounterSnapshot.Builder errors = CounterSnapshot.builder().name("cogos_module_errors")
                .help("Percepts a module refused or failed on, by error code");
        HistogramSnapshot.Builder latency = HistogramSnapshot.builder().name("cogos_module_processing_seconds")
                .help("Time a module took to process a percept");
        for (ModuleCounters module : counters) {
            Labels labels = Labels.of("module", module.name());
            percepts.dataPoint(counter(labels, module.processed()));
            superseded.dataPoint(counter(labels, module.superseded()));
            module.errorsByCode().forEach((code, count) ->
                    errors.dataPoint(counter(Labels.of("module", module.name(), "code", code), count)));
            latency.dataPoint(HistogramDataPointSnapshot.builder().labels(labels)
                    .classicHistogramBuckets(buckets(module))
                    .sum(module.latencySumNanos() / NANOS_PER_SECOND).build());
        }
        addIfAny(snapshots, percepts.build());
        addIfAny(snapshots, superseded.build());
        addIfAny(snapshots, errors.build());
        addIfAny(snapshots, latency.build());
    }

    private static void addQueues(List<MetricSnapshot> snapshots, List<ModalityQueue> queues) {
        GaugeSnapshot.Builder queued = GaugeSnapshot.builder().name("cogos_router_lane_queued")
                .help("Percepts queued in a lane of the router now");
        GaugeSnapshot.Builder capacity = GaugeSnapshot.builder().name("cogos_router_lane_capacity")
                .help("The most percepts one lane of the modality queues (laneQueueCapacity)");
        GaugeSnapshot.Builder waiting = GaugeSnapshot.builder().name("cogos_router_waiting_bytes")
                .help("Payload bytes of the modality's percepts queued, held or in processing");
        GaugeSnapshot.Builder budget = GaugeSnapshot.builder().name("cogos_router_budget_bytes")
                .help("The most payload bytes the modality may keep waiting (modalityQueueMiB)");
        for (ModalityQueue queue : queues) {
            Labels modality = Labels.of("modality", queue.modality());
            for (int lane = 0; lane < queue.queuedPerLane().size(); lane++) {
                queued.dataPoint(gauge(Labels.of("modality", queue.modality(), "lane", String.valueOf(lane)),
                        queue.queuedPerLane().get(lane)));
            }
            capacity.dataPoint(gauge(modality, queue.laneCapacity()));
            waiting.dataPoint(gauge(modality, queue.bytesWaiting()));
            budget.dataPoint(gauge(modality, queue.bytesBudget()));
        }
        addIfAny(snapshots, queued.build());
        addIfAny(snapshots, capacity.build());
        addIfAny(snapshots, waiting.build());
        addIfAny(snapshots, budget.build());
    }

    /** The runtime's buckets in seconds, the last one +Inf; counts per bucket as the model takes them. */
    private static ClassicHistogramBuckets buckets(ModuleCounters module) {
        List<Long> bounds = module.latencyBoundsNanos();
        double[] upperBounds = new double[bounds.size() + 1];
        for (int i = 0; i < bounds.size(); i++) {
            upperBounds[i] = bounds.get(i) / NANOS_PER_SECOND;
        }
        upperBounds[bounds.size()] = Double.POSITIVE_INFINITY;
        long[] counts = module.latencyCounts().stream().mapToLong(Long::longValue).toArray();
        return ClassicHistogramBuckets.of(upperBounds, counts);
    }

    /**
     * The link's counters, one metric each ({@code outbox.acked} → {@code cogos_mqtt_outbox_acked_total}); a
     * second connection's under its label ({@code actions.connection.lost} → {@code connection="actions"}); refused
     * percepts by code as one metric; {@code outbox.pending} a gauge.
     */
    private static void addMqtt(List<MetricSnapshot> snapshots, MqttStatistics link) {
        Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();
        CounterSnapshot.Builder refused = CounterSnapshot.builder().name("cogos_mqtt_refused_percepts")
                .help("Percepts refused, by error code (published on the robot's error topic)");
        GaugeSnapshot.Builder pending = GaugeSnapshot.builder().name("cogos_mqtt_outbox_pending")
                .help("Actions waiting for their robot's ack");
        for (Map.Entry<String, Long> counter : link.counters().entrySet()) {
            String key = counter.getKey();
            if (key.equals(PENDING)) {
                pending.dataPoint(GaugeDataPointSnapshot.builder().value(counter.getValue()).build());
            } else if (key.startsWith(MqttCounter.ERRORS_PREFIX) && !key.equals(MqttCounter.ERRORS_UNPUBLISHED.key())) {
                refused.dataPoint(counter(Labels.of("code", key.substring(MqttCounter.ERRORS_PREFIX.length())),
                        counter.getValue()));
            } else {
                int dot = key.indexOf('.');
                boolean ownConnection = dot > 0 && key.indexOf('.', dot + 1) > 0;
                String connection = ownConnection ? key.substring(0, dot) : "main";
                String name = "cogos_mqtt_" + sanitize(ownConnection ? key.substring(dot + 1) : key);
                counters.computeIfAbsent(name, n -> CounterSnapshot.builder().name(n)
                        .help("MQTT link counter " + (ownConnection ? key.substring(dot + 1) : key)
                                + " (docs/mqtt-topics.md, Counters)"))
                        .dataPoint(counter(Labels.of("connection", connection), counter.getValue()));
            }
        }
        counters.values().forEach(builder -> snapshots.add(builder.build()));
        addIfAny(snapshots, refused.build());
        addIfAny(snapshots, pending.build());
        GaugeSnapshot.Builder connected = GaugeSnapshot.builder().name("cogos_mqtt_connected")
                .help("1 while the connection with this client id is up");
        link.connections().forEach((clientId, up) -> connected.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(Labels.of("client_id", clientId)).value(up ? 1 : 0).build()));
        addIfAny(snapshots, connected.build());
    }

    /** A family without samples says nothing, and some scrapers take it for a mistake. */
    private static void addIfAny(List<MetricSnapshot> snapshots, MetricSnapshot snapshot) {
        if (!snapshot.getDataPoints().isEmpty()) {
            snapshots.add(snapshot);
        }
    }

    private static void addTensor(List<MetricSnapshot> snapshots, TensorEngineStatus status) {
        Labels backend = Labels.of("backend", status.backend());
        snapshots.add(CounterSnapshot.builder().name("cogos_tensor_calls")
                .help("Tensor engine calls completed since its backend started")
                .dataPoint(counter(backend, status.calls())).build());
        snapshots.add(CounterSnapshot.builder().name("cogos_tensor_errors")
                .help("Tensor engine calls refused or failed since its backend started")
                .dataPoint(counter(backend, status.errors())).build());
        snapshots.add(GaugeSnapshot.builder().name("cogos_tensor_pool_blocks_used")
                .help("Blocks of the kernel module's memory pool in use (0 in user space)")
                .dataPoint(gauge(backend, status.blocksUsed())).build());
        snapshots.add(GaugeSnapshot.builder().name("cogos_tensor_pool_blocks")
                .help("Blocks of the kernel module's memory pool (0 in user space)")
                .dataPoint(gauge(backend, status.poolBlocks())).build());
    }

    /** MQTT counter keys are lower case with dots and underscores; a metric name takes neither dots nor dashes. */
    private static String sanitize(String key) {
        return key.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    private static CounterDataPointSnapshot counter(Labels labels, double value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
