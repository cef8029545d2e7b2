package org.serspark.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.serspark.conf.ConfigException;
import org.serspark.folds.FoldScheme;

/**
 * A sweep specification ({@code conf/sweeps/NAME.yaml}): which parameter values to try (grid or random search), what
 * to maximise, and how much one invocation may spend. Parameters the spec does not list keep their values from the
 * configuration ({@code conf/serspark.yaml} and profile), so a spec only names what it varies.
 *
 * @param name           the sweep's name (recorded in every trial)
 * @param search         grid (every combination, in file order) or random ({@code trials} seeded draws)
 * @param randomTrials   random search: how many distinct points to draw
 * @param seed           training seed of every trial and the random search's seed
 * @param folds          the fold scheme every trial cross-validates on
 * @param metric         the objective: this metric's mean over folds, higher is better
 * @param maxTrials      per invocation: trials run before stopping (0 = no limit)
 * @param maxWallSeconds per invocation: no trial starts after this many seconds, nor one the longest trial so far
 *                       would carry past it (0 = no limit)
 * @param parameters     each swept parameter's domain, in file order
 */
public record SweepSpec(String name, Search search, int randomTrials, long seed, FoldScheme folds, Metric metric,
                        int maxTrials, long maxWallSeconds, Map<String, Domain> parameters, String source) {

    /** How the points of the parameter space are chosen. */
    public enum Search { GRID, RANDOM }

    /** Objective metrics: the mean over folds of one of the CV summary metrics. */
    public enum Metric {
        UAR("uar"), ACCURACY("accuracy"), MACRO_F1("macro_f1");

        private final String key;

        Metric(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** Parameters a spec may sweep, with the configuration key each one replaces. */
    public static final Map<String, String> PARAMETERS = parameterKeys();

    private static Map<String, String> parameterKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("architecture", "model.architecture");
        m.put("lstm_units", "model.lstm_units");
        m.put("dropout", "model.dropout");
        m.put("dense_units", "model.dense_units");
        m.put("learning_rate", "training.learning_rate");
        m.put("lr_schedule", "training.lr_schedule");
        m.put("class_weights", "training.class_weights");
        m.put("speed_perturbation", "training.speed_perturbation");
        m.put("pitch_perturbation", "training.pitch_perturbation");
        m.put("speed_copies", "training.speed_copies");
        m.put("copies_per_epoch", "training.copies_per_epoch");
        m.put("mixup", "training.mixup");
        m.put("weight_averaging", "training.weight_averaging");
        m.put("l2", "training.l2");
        m.put("batch_size", "training.batch_size");
        m.put("averaging_frequency", "training.averaging_frequency");
        m.put("epochs", "training.epochs");
        m.put("feature_blocks", "model.feature_blocks");
        m.put("deltas", "model.deltas");
        m.put("pooling", "model.pooling");
        m.put("bidirectional", "model.bidirectional");
        m.put("input_noise", "model.input_noise");
        m.put("time_masks", "model.time_masks");
        m.put("time_mask_width", "model.time_mask_width");
        m.put("feature_masks", "model.feature_masks");
        m.put("feature_mask_width", "model.feature_mask_width");
        m.put("normalization", "training.normalization");
        m.put("trim_silence_db", "training.trim_silence_db");
        m.put("level_normalization", "training.level_normalization");
        m.put("patience", "training.early_stopping.patience");
        m.put("length_bucket_pool", "training.length_bucket_pool");
        return m;
    }

    /**
     * A parameter's values: a list (grid points, or uniform choices for random search), or for random search a range
     * {@code {min, max, scale: linear|log, integer: false}}.
     */
    public record Domain(List<Object> values, double min, double max, boolean log, boolean integer) {
        public boolean isRange() {
            return values == null;
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static SweepSpec load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": sweep spec not found");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(file + ": expected a YAML mapping at the top level");
        }
        return parse(root, file.toString());
    }

    static SweepSpec parse(JsonNode root, String source) {
        Parser p = new Parser(source);
        p.known(root, "", List.of("name", "search", "trials", "seed", "objective", "budget", "parameters"));
        String name = p.text(root, "name", null);
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw p.error("name", "'" + name + "' may only use letters, digits, '.', '_', '-'");
        }
        Search search;
        try {
            search = Search.valueOf(p.text(root, "search", "grid").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw p.error("search", "expected grid or random");
        }
        int trials = p.integer(root, "trials", search == Search.RANDOM ? -1 : 0, 0);
        if (search == Search.RANDOM && trials < 1) {
            throw p.error("trials", "random search needs trials >= 1");
        }
        long seed = p.integer(root, "seed", 42, Integer.MIN_VALUE);
        JsonNode objective = root.path("objective");
        p.known(objective, "objective.", List.of("metric", "folds"));
        Metric metric;
        try {
            metric = Metric.valueOf(p.text(objective, "metric", "uar").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw p.error("objective.metric", "expected uar, accuracy or macro_f1");
        }
        FoldScheme folds;
        try {
            folds = FoldScheme.parse(p.text(objective, "folds", "emobox6"));
        } catch (IllegalArgumentException e) {
            throw p.error("objective.folds", e.getMessage());
        }
        JsonNode budget = root.path("budget");
        p.known(budget, "budget.", List.of("max_trials", "max_wall_seconds"));
        int maxTrials = p.integer(budget, "max_trials", 0, 0);
        long maxWall = p.integer(budget, "max_wall_seconds", 0, 0);
        JsonNode params = root.path("parameters");
        if (!params.isObject() || params.isEmpty()) {
            throw p.error("parameters", "a mapping of parameter -> values is required (" + PARAMETERS.keySet() + ")");
        }
        Map<String, Domain> domains = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = params.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = "parameters." + e.getKey();
            if (!PARAMETERS.containsKey(e.getKey())) {
                throw p.error(key, "unknown parameter; expected one of " + PARAMETERS.keySet());
            }
            domains.put(e.getKey(), p.domain(e.getValue(), key, search));
        }
        return new SweepSpec(name, search, trials, seed, folds, metric, maxTrials, maxWall, domains, source);
    }

    /** This spec with the command line's budget overrides (null leaves a value as the spec says). */
    public SweepSpec withBudget(Integer trials, Long wallSeconds) {
        return new SweepSpec(name, search, randomTrials, seed, folds, metric, trials != null ? trials : maxTrials,
                wallSeconds != null ? wallSeconds : maxWallSeconds, parameters, source);
    }

    /** What sweep.json records. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("search", search.name().toLowerCase(Locale.ROOT));
        if (search == Search.RANDOM) {
            m.put("trials", randomTrials);
        }
        m.put("seed", seed);
        m.put("objective", Map.of("metric", metric.key(), "statistic", "mean over folds", "folds", folds.spec()));
        m.put("budget", Map.of("max_trials", maxTrials, "max_wall_seconds", maxWallSeconds));
        Map<String, Object> ps = new LinkedHashMap<>();
        parameters.forEach((k, d) -> ps.put(k, d.isRange()
                ? Map.of("min", d.min(), "max", d.max(), "scale", d.log() ? "log" : "linear", "integer", d.integer())
                : d.values()));
        m.put("parameters", ps);
        m.put("source", source);
        return m;
    }

    /** Reads keys with messages that name the file and the key. */
    private record Parser(String source) {
        ConfigException error(String key, String problem) {
            return new ConfigException(source + ": " + key + ": " + problem);
        }

        void known(JsonNode node, String prefix, List<String> keys) {
            if (node.isMissingNode()) {
                return;
            }
            if (!node.isObject()) {
                throw error(prefix.isEmpty() ? "(top level)" : prefix.substring(0, prefix.length() - 1),
                        "expected a mapping");
            }
            node.fieldNames().forEachRemaining(k -> {
                if (!keys.contains(k)) {
                    throw error(prefix + k, "unknown key; expected one of " + keys);
                }
            });
        }

        String text(JsonNode node, String key, String dflt) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) {
                if (dflt == null) {
                    throw error(key, "is required");
                }
                return dflt;
            }
            if (!n.isValueNode()) {
                throw error(key, "expected a single value");
            }
            return n.asText().trim();
        }

        int integer(JsonNode node, String key, int dflt, int min) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min) {
                throw error(key, "expected an integer >= " + min + ", got '" + n.asText() + "'");
            }
            return n.asInt();
        }

        Domain domain(JsonNode n, String key, Search search) {
            if (n.isArray()) {
                if (n.isEmpty()) {
                    throw error(key, "lists no values");
                }
                List<Object> values = new ArrayList<>();
                for (JsonNode v : n) {
                    values.add(YAML.convertValue(v, Object.class));
                }
                return new Domain(values, 0, 0, false, false);
            }
            if (n.isObject()) {
                if (search != Search.RANDOM) {
                    throw error(key, "a range {min, max} needs search: random; grid search takes a list");
                }
                known(n, key + ".", List.of("min", "max", "scale", "integer"));
                JsonNode lo = n.get("min");
                JsonNode hi = n.get("max");
                if (lo == null || hi == null || !lo.isNumber() || !hi.isNumber() || lo.asDouble() > hi.asDouble()) {
                    throw error(key, "a range needs numbers min <= max");
                }
                String scale = text(n, "scale", "linear");
                if (!scale.equals("linear") && !scale.equals("log")) {
                    throw error(key + ".scale", "expected linear or log");
                }
                if (scale.equals("log") && !(lo.asDouble() > 0)) {
                    throw error(key, "a log range needs min > 0");
                }
                boolean integer = n.path("integer").asBoolean(false);
                return new Domain(null, lo.asDouble(), hi.asDouble(), scale.equals("log"), integer);
            }
            return new Domain(List.of(YAML.convertValue(n, Object.class)), 0, 0, false, false);
        }
    }
}
