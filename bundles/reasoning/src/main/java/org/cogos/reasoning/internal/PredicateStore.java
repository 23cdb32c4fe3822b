package org.cogos.reasoning.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cogos.reasoning.internal.bayes.BetaReliability;
import org.cogos.util.io.AtomicFile;
import org.cogos.reasoning.internal.logic.NeurosymbolicPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the predicate registry (definitions in registration order, versions) and each predicate's reliability
 * across restarts, as one JSON document written atomically. A file that cannot be used is moved aside and the
 * shipped defaults are used instead: a bad file never stops the engine.
 */
final class PredicateStore {

    static final String FORMAT = "cogos.reasoning.predicates";
    static final int VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(PredicateStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One saved predicate. */
    record Saved(String definition, int version, double successes, double failures) {
    }

    private final Path file;

    PredicateStore(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    void save(Map<String, NeurosymbolicPredicate> predicates, RababEngine engine) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode list = root.putArray("predicates");
        for (NeurosymbolicPredicate predicate : predicates.values()) {
            BetaReliability posterior = engine.reliabilityOf(predicate.name());
            list.addObject().put("definition", predicate.definition()).put("version", predicate.version())
                    .put("successes", posterior.successes()).put("failures", posterior.failures());
        }
        AtomicFile.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    /** @return the saved predicates, or empty when there is no usable file (a first start, or moved aside) */
    List<Saved> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || !FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() != VERSION) {
                throw new IOException("not a " + FORMAT + " version " + VERSION + " document");
            }
            List<Saved> saved = new ArrayList<>();
            for (JsonNode node : root.path("predicates")) {
                JsonNode definition = node.get("definition");
                if (definition == null || !definition.isTextual()) {
                    throw new IOException("a predicate has no definition");
                }
                saved.add(new Saved(definition.asText(), node.path("version").asInt(1),
                        node.path("successes").asDouble(), node.path("failures").asDouble()));
            }
            return saved;
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            LOG.error("{} cannot be used ({}); moved to {}, starting from the shipped predicates", file,
                    e.getMessage(), aside);
            try {
                Files.move(file, aside);
            } catch (IOException moveFailure) {
                LOG.error("could not move {} aside: {}", file, moveFailure.getMessage());
            }
            return List.of();
        }
    }
}
