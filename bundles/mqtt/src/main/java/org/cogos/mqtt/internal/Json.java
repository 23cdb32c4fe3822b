package org.cogos.mqtt.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cogos.api.Action;
import org.cogos.api.ActionAck;
import org.cogos.api.Provenance;
import org.cogos.api.Provenance.FactUse;
import org.cogos.api.Provenance.RuleUse;

/** The JSON payloads cogos writes and reads (docs/mqtt-topics.md). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static byte[] encodeAction(Action action) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("action_id", action.actionId());
        node.put("robot", action.robotId());
        node.put("type", action.type());
        node.set("params", MAPPER.valueToTree(action.parameters()));
        node.put("created", action.createdMillis());
        node.put("reason", action.reason());
        node.put("scene_seq", action.sceneSequence());
        node.put("source_seq", action.sourceSequence());
        node.set("provenance", provenance(action.provenance()));
        return bytes(node);
    }

    private static ObjectNode provenance(Provenance provenance) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("engine", provenance.engine());
        ArrayNode rules = node.putArray("rules");
        for (RuleUse rule : provenance.rules()) {
            rules.addObject().put("rule", rule.rule()).put("version", rule.version())
                    .put("reliability", rule.reliability()).put("successes", rule.successes())
                    .put("failures", rule.failures());
        }
        ArrayNode facts = node.putArray("facts");
        for (FactUse fact : provenance.facts()) {
            facts.addObject().put("role", fact.role()).put("modality", fact.modality()).put("module", fact.module())
                    .put("percept_seq", fact.perceptSequence()).put("source_seq", fact.sourceSequence())
                    .put("label", fact.label()).put("confidence", fact.confidence())
                    .put("statement", fact.statement());
        }
        return node;
    }

    /** @throws IOException when the bytes are not an action as {@link #encodeAction} writes it */
    static Action decodeAction(byte[] json) throws IOException {
        JsonNode node = MAPPER.readTree(json);
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        JsonNode params = node.path("params");
        if (!params.isMissingNode() && !params.isObject()) {
            throw new IOException("params is not an object");
        }
        try {
            Map<String, Object> parameters = new LinkedHashMap<>();
            params.fields().forEachRemaining(field -> parameters.put(field.getKey(), scalar(field.getValue())));
            return new Action(text(node, "action_id"), text(node, "robot"), text(node, "type"), parameters,
                    node.path("created").asLong(), text(node, "reason"), node.path("scene_seq").asLong(-1),
                    node.path("source_seq").asLong(-1), decodeProvenance(node.get("provenance")));
        } catch (RuntimeException e) {
            throw new IOException("invalid action: " + e.getMessage(), e);
        }
    }

    /** Every action carries a provenance since the journal was first released; one without is not an action. */
    private static Provenance decodeProvenance(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("no provenance");
        }
        List<RuleUse> rules = new ArrayList<>();
        for (JsonNode rule : node.path("rules")) {
            rules.add(new RuleUse(text(rule, "rule"), rule.path("version").asInt(), rule.path("reliability")
                    .asDouble(), rule.path("successes").asLong(), rule.path("failures").asLong()));
        }
        List<FactUse> facts = new ArrayList<>();
        for (JsonNode fact : node.path("facts")) {
            facts.add(new FactUse(text(fact, "role"), text(fact, "modality"), text(fact, "module"),
                    fact.path("percept_seq").asLong(-1), fact.path("source_seq").asLong(-1), text(fact, "label"),
                    fact.path("confidence").asDouble(), text(fact, "statement")));
        }
        return new Provenance(text(node, "engine"), rules, facts);
    }

    /** A robot's ack as it arrives on {@code robots/<id>/acks}; {@code detail} may be null. */
    record WireAck(String actionId, ActionAck.Status status, String detail) {
    }

    /**
     * Reads an ack: {@code {"action_id":"...","status":"done|failed|rejected","detail":"..."}}.
     *
     * @return empty when the bytes are not one (not JSON, no id, an unknown status)
     */
    static Optional<WireAck> decodeAck(byte[] payload) {
        JsonNode ack;
        try {
            ack = MAPPER.readTree(payload);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (ack == null || !ack.isObject()) {
            return Optional.empty();
        }
        String actionId = text(ack, "action_id");
        Optional<ActionAck.Status> status = ActionAck.Status.fromWire(text(ack, "status"));
        if (actionId == null || status.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WireAck(actionId, status.get(), text(ack, "detail")));
    }

    /** A robot's status as it arrives on {@code robots/<id>/status}; stamp 0 when it gave none. */
    record WireStatus(boolean online, long stampMillis) {
    }

    /**
     * Reads a status: {@code {"state":"online|offline","stamp":<ms>}}.
     *
     * @return empty when the bytes are not one
     */
    static Optional<WireStatus> decodeStatus(byte[] payload) {
        JsonNode json;
        try {
            json = MAPPER.readTree(payload);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        String state = text(json, "state");
        if (!"online".equals(state) && !"offline".equals(state)) {
            return Optional.empty();
        }
        return Optional.of(new WireStatus("online".equals(state), json.path("stamp").asLong(0)));
    }

    static byte[] status(String state, long stampMillis, String client) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("state", state);
        node.put("stamp", stampMillis);
        node.put("client", client);
        return bytes(node);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** @return the field's text, or null when absent or not a string */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Object scalar(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        throw new IllegalArgumentException("parameter values are strings, numbers or booleans: " + value);
    }
}
