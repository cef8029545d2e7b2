package org.serspark.cv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Null-tolerant reads of a metrics.json tree: any key may be missing in files written by older versions, so every
 * accessor answers "absent" (NaN, null, an empty list or a missing node) instead of throwing.
 */
final class JsonFields {
    private JsonFields() {
    }

    /** The node at the path of object keys, or a missing node if any step is absent or not an object. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node == null ? MissingNode.getInstance() : node;
        for (String key : path) {
            n = n.isObject() ? n.path(key) : MissingNode.getInstance();
        }
        return n;
    }

    /** The number at the path; NaN if absent, null or not a number. */
    static double number(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n.isNumber() ? n.doubleValue() : Double.NaN;
    }

    /** The value at the path as text (numbers and booleans too); null if absent or null. */
    static String text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n.isValueNode() && !n.isNull() ? n.asText() : null;
    }

    /** Elements of the array at the path as text; empty if absent. */
    static List<String> texts(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode e : n) {
                out.add(e.isNull() ? "" : e.asText());
            }
        }
        return out;
    }

    /** Elements of the numeric array at the path; null and non-numeric elements become NaN; empty if absent. */
    static double[] numbers(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (!n.isArray()) {
            return new double[0];
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).isNumber() ? n.get(i).doubleValue() : Double.NaN;
        }
        return out;
    }

    /** A square-or-ragged numeric matrix at the path, rows as given; null if absent or not an array of arrays. */
    static double[][] matrix(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (!n.isArray() || n.isEmpty()) {
            return null;
        }
        double[][] out = new double[n.size()][];
        for (int r = 0; r < out.length; r++) {
            if (!n.get(r).isArray()) {
                return null;
            }
            out[r] = numbers(n.get(r));
        }
        return out;
    }
}
