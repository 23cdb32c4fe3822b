package org.cogos.shell.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.cogos.api.ml.NamedTensor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The input file of cog:infer: a JSON object with one member per model input,
 * {@code {"input": {"shape": [1, 4], "data": [0.1, 0.2, 0.3, 0.4]}}}, data row-major. Every value is checked, and a
 * malformed file is refused with what is wrong where.
 */
final class InferInput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InferInput() {
    }

    static List<NamedTensor> parse(String json) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new IllegalArgumentException(
                    "expected an object of inputs, e.g. {\"input\": {\"shape\": [1, 4], \"data\": [1, 2, 3, 4]}}");
        }
        List<NamedTensor> tensors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> input = it.next();
            tensors.add(tensor(input.getKey(), input.getValue()));
        }
        return tensors;
    }

    private static NamedTensor tensor(String name, JsonNode node) {
        JsonNode shape = node.get("shape");
        JsonNode data = node.get("data");
        if (!node.isObject() || shape == null || !shape.isArray() || data == null || !data.isArray()) {
            throw new IllegalArgumentException("input '" + name + "' needs \"shape\" and \"data\" arrays");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw new IllegalArgumentException("input '" + name + "': shape[" + i + "] is not a size: " + d);
            }
            dims[i] = d.asLong();
        }
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = data.get(i);
            if (!v.isNumber()) {
                throw new IllegalArgumentException("input '" + name + "': data[" + i + "] is not a number: " + v);
            }
            values[i] = v.floatValue();
        }
        return new NamedTensor(name, dims, values);
    }
}
