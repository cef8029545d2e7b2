package org.serspark.conf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resolved configuration: built-in defaults (conf/serspark.yaml as packaged in the jar), overlaid by the
 * user's YAML file, overlaid by command-line flags. Immutable once built; {@link #toSortedMap()} is what outputs
 * record.
 */
public final class SersparkConf {
    static final String DEFAULTS_RESOURCE = "/serspark-defaults/serspark.yaml";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ObjectNode root;
    private final String source;

    private SersparkConf(ObjectNode root, String source) {
        this.root = root;
        this.source = source;
    }

    /** Built-in defaults only. */
    public static SersparkConf defaults() {
        try (InputStream in = SersparkConf.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in defaults " + DEFAULTS_RESOURCE + " missing from the jar");
            }
            return new SersparkConf((ObjectNode) YAML.readTree(in), "built-in defaults");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@link #load(Path)}, then overlaid by the named profile ({@code conf/profiles/NAME.yaml}). */
    public static SersparkConf load(Path file, String profile) {
        SersparkConf c = load(file);
        return profile == null || profile.isBlank() ? c : c.withProfile(profile);
    }

    /**
     * This configuration overlaid by {@code profiles/NAME.yaml}: from {@code conf/profiles} of the checkout
     * ({@code serspark.home}) when there, else as packaged in the jar.
     */
    public SersparkConf withProfile(String profile) {
        if (!profile.matches("[A-Za-z0-9_.-]+")) {
            throw new ConfigException("profile name '" + profile + "' may only use letters, digits, '.', '_', '-'");
        }
        String home = System.getProperty("serspark.home");
        Path onDisk = home == null ? null : Path.of(home, "conf", "profiles", profile + ".yaml");
        JsonNode overlay;
        String where;
        try {
            if (onDisk != null && Files.isRegularFile(onDisk)) {
                overlay = YAML.readTree(onDisk.toFile());
                where = onDisk.toString();
            } else {
                try (InputStream in = SersparkConf.class.getResourceAsStream(
                        "/serspark-defaults/profiles/" + profile + ".yaml")) {
                    if (in == null) {
                        throw new ConfigException("no profile '" + profile + "' (looked for conf/profiles/" + profile
                                + ".yaml" + (onDisk == null ? "" : "; there: " + profileNames(onDisk.getParent()))
                                + ")");
                    }
                    overlay = YAML.readTree(in);
                    where = "built-in profile " + profile;
                }
            }
        } catch (IOException e) {
            throw new ConfigException("profile " + profile + ": not valid YAML: " + e.getMessage());
        }
        ObjectNode merged = root.deepCopy();
        if (overlay != null && overlay.isObject()) {
            requireKnown(root, overlay, where, "");
            merge(merged, (ObjectNode) overlay);
        }
        merged.put("profile", profile);
        return new SersparkConf(merged, source + " + " + where);
    }

    private static String profileNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return "none";
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return String.join(", ", files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList());
        }
    }

    /**
     * Defaults overlaid by {@code file}. A null file means: {@code $SERSPARK_CONF} when set, else
     * {@code conf/serspark.yaml} under {@code serspark.home} (set by the launchers) when it exists, else the defaults.
     */
    public static SersparkConf load(Path file) {
        SersparkConf base = defaults();
        Path chosen = file;
        if (chosen == null) {
            String env = System.getenv("SERSPARK_CONF");
            if (env != null && !env.isBlank()) {
                chosen = Path.of(env);
            } else {
                String home = System.getProperty("serspark.home");
                if (home != null && Files.isRegularFile(Path.of(home, "conf", "serspark.yaml"))) {
                    chosen = Path.of(home, "conf", "serspark.yaml");
                }
            }
        }
        if (chosen == null) {
            return base;
        }
        if (!Files.isRegularFile(chosen)) {
            throw new ConfigException(chosen + ": configuration file not found");
        }
        try {
            JsonNode user = YAML.readTree(chosen.toFile());
            if (user == null || user.isMissingNode() || user.isNull()) {
                return new SersparkConf(base.root, chosen.toString());
            }
            if (!user.isObject()) {
                throw new ConfigException(chosen + ": expected a YAML mapping at the top level");
            }
            requireKnown(base.root, user, chosen.toString(), "");
            ObjectNode merged = base.root.deepCopy();
            merge(merged, (ObjectNode) user);
            return new SersparkConf(merged, chosen.toString());
        } catch (IOException e) {
            throw new ConfigException(chosen + ": not valid YAML: " + e.getMessage());
        }
    }

    /** A copy with {@code dotted.key} set (command-line overrides); null values leave the key unchanged. */
    public SersparkConf with(String dottedKey, Object value) {
        if (value == null) {
            return this;
        }
        ObjectNode copy = root.deepCopy();
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], JSON.valueToTree(value));
        return new SersparkConf(copy, source);
    }

    public String source() {
        return source;
    }

    public boolean has(String dottedKey) {
        JsonNode n = find(dottedKey);
        return n != null && !n.isNull();
    }

    public JsonNode node(String dottedKey) {
        JsonNode n = find(dottedKey);
        if (n == null || n.isNull()) {
            throw new ConfigException("configuration key " + dottedKey + " is missing (" + source + ")");
        }
        return n;
    }

    public String string(String dottedKey) {
        return node(dottedKey).asText();
    }

    public int integer(String dottedKey) {
        JsonNode n = node(dottedKey);
        if (!n.canConvertToInt() || !(n.isIntegralNumber() || n.isTextual() && n.asText().matches("-?\\d+"))) {
            throw new ConfigException("configuration key " + dottedKey + " must be an integer, got '" + n.asText()
                    + "' (" + source + ")");
        }
        return n.asInt();
    }

    public double number(String dottedKey) {
        JsonNode n = node(dottedKey);
        if (!n.isNumber()) {
            try {
                return Double.parseDouble(n.asText());
            } catch (NumberFormatException e) {
                throw new ConfigException("configuration key " + dottedKey + " must be a number, got '" + n.asText()
                        + "' (" + source + ")");
            }
        }
        return n.asDouble();
    }

    public boolean bool(String dottedKey) {
        JsonNode n = node(dottedKey);
        if (!n.isBoolean()) {
            throw new ConfigException("configuration key " + dottedKey + " must be true or false, got '" + n.asText()
                    + "' (" + source + ")");
        }
        return n.asBoolean();
    }

    /** Every key, sorted, for provenance records. */
    public Map<String, Object> toSortedMap() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.convertValue(root, TreeMap.class);
        return m;
    }

    public ObjectNode tree() {
        return root.deepCopy();
    }

    private JsonNode find(String dottedKey) {
        JsonNode n = root;
        for (String p : dottedKey.split("\\.")) {
            if (n == null) {
                return null;
            }
            n = n.get(p);
        }
        return n;
    }

    /**
     * Refuses a key of {@code overlay} that the defaults do not have: a misspelt setting would otherwise be ignored
     * without a word and the run would record the default it silently kept. The defaults name every setting.
     */
    static void requireKnown(JsonNode known, JsonNode overlay, String where, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> it = overlay.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode k = known.get(key);
            if (k == null) {
                if (prefix.isEmpty() && key.equals("profile")) {
                    continue; // recorded configurations carry the profile they were made with; fed back, it is inert
                }
                List<String> names = new ArrayList<>();
                known.fieldNames().forEachRemaining(names::add);
                throw new ConfigException(where + ": unknown setting " + prefix + key + " ("
                        + (prefix.isEmpty() ? "sections" : prefix.substring(0, prefix.length() - 1) + " has")
                        + ": " + String.join(", ", names) + ")");
            }
            if (k.isObject() && e.getValue() != null && e.getValue().isObject()) {
                requireKnown(k, e.getValue(), where, prefix + key + ".");
            }
        }
    }

    static void merge(ObjectNode into, ObjectNode from) {
        Iterator<Map.Entry<String, JsonNode>> it = from.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = into.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) e.getValue());
            } else {
                into.set(e.getKey(), e.getValue() == null ? JsonNodeFactory.instance.nullNode() : e.getValue());
            }
        }
    }
}
