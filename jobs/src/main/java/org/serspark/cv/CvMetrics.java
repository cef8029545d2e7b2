package org.serspark.cv;

import com.fasterxml.jackson.databind.JsonNode;
import org.serspark.metrics.FoldSummary;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Read-only view of a {@code serspark cv} metrics.json tree. Sections written by older versions may be missing, so
 * where the file has the per-fold data the view derives a missing summary from it (mean and n-1 standard deviation
 * over folds, pooled confusion counts) instead of leaving the report blank.
 */
final class CvMetrics {
    /** Fold scheme prefix of the random (speaker-dependent) split, as in {@code "random:0.2"}. */
    private static final String RANDOM_SCHEME_PREFIX = "random";
    /** The paper's model with two stacked LSTM layers, and its one-layer ablation. */
    static final String DUAL = "dual-lstm";
    static final String SINGLE = "single-lstm";

    /** Mean and spread of one metric over folds; {@code std} is NaN for a single fold. */
    record Stat(double mean, double std, int n) {
        static final Stat MISSING = new Stat(Double.NaN, Double.NaN, 0);

        String format() {
            return Formats.meanStd(mean, std);
        }
    }

    private final JsonNode root;
    private final List<JsonNode> folds = new ArrayList<>();

    CvMetrics(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("metrics.json must hold a JSON object");
        }
        this.root = root;
        JsonNode f = root.path("folds");
        if (f.isArray()) {
            f.forEach(folds::add);
        }
    }

    JsonNode root() {
        return root;
    }

    String text(String key) {
        return JsonFields.text(root, key);
    }

    double number(String key) {
        return JsonFields.number(root, key);
    }

    /** The fold scheme, e.g. "emobox6" or "random:0.2"; null if absent. */
    String foldScheme() {
        return text("fold_scheme");
    }

    /**
     * TRUE/FALSE as the file states it; else inferred from the fold scheme (only random splits mix speakers);
     * null if neither is known.
     */
    Boolean speakerIndependent() {
        JsonNode si = root.path("speaker_independent");
        if (si.isBoolean()) {
            return si.booleanValue();
        }
        String scheme = foldScheme();
        if (scheme == null) {
            return null;
        }
        return !scheme.trim().toLowerCase(java.util.Locale.ROOT).startsWith(RANDOM_SCHEME_PREFIX);
    }

    /** Model names in file order: "models", else the summary's keys, else the first fold's. */
    List<String> models() {
        Set<String> names = new LinkedHashSet<>(JsonFields.texts(root, "models"));
        if (names.isEmpty()) {
            names.addAll(keys(root.path("summary")));
        }
        if (names.isEmpty() && !folds.isEmpty()) {
            names.addAll(keys(folds.get(0).path("models")));
        }
        return new ArrayList<>(names);
    }

    /** Class labels: "labels", else those of the first confusion matrix found. */
    List<String> labels() {
        List<String> labels = JsonFields.texts(root, "labels");
        if (!labels.isEmpty()) {
            return labels;
        }
        for (String model : models()) {
            labels = JsonFields.texts(root, "summary", model, "confusion_matrix", "labels");
            if (!labels.isEmpty()) {
                return labels;
            }
            for (JsonNode fold : folds) {
                labels = JsonFields.texts(foldModel(fold, model), "metrics", "confusion_matrix", "labels");
                if (!labels.isEmpty()) {
                    return labels;
                }
            }
        }
        return List.of();
    }

    List<JsonNode> folds() {
        return folds;
    }

    /** The fold's number as written, else its 1-based position. */
    String foldName(int index) {
        String n = JsonFields.text(folds.get(index), "fold");
        return n != null ? n : Integer.toString(index + 1);
    }

    /** One model's entry in one fold (a missing node if that model did not run there). */
    JsonNode foldModel(JsonNode fold, String model) {
        return JsonFields.at(fold, "models", model);
    }

    /** A metric of the fold's classification metrics, e.g. "uar"; NaN if absent. */
    double foldMetric(int foldIndex, String model, String metric) {
        return JsonFields.number(foldModel(folds.get(foldIndex), model), "metrics", metric);
    }

    /** The metric per fold, in fold order, NaN where a fold lacks it. */
    double[] perFold(String model, String metric) {
        double[] out = new double[folds.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = foldMetric(i, model, metric);
        }
        return out;
    }

    /** A headline metric ("uar", "accuracy", "macro_f1", ...) summarised over folds. */
    Stat stat(String model, String metric) {
        return stat(JsonFields.at(root, "summary", model, metric), perFold(model, metric));
    }

    /** A per-class metric ("precision", "recall", "f1") of one label summarised over folds. */
    Stat classStat(String model, String label, String metric) {
        double[] values = new double[folds.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = JsonFields.number(foldModel(folds.get(i), model), "metrics", "per_class", label, metric);
        }
        return stat(JsonFields.at(root, "summary", model, "per_class", label, metric), values);
    }

    /** The summary's FoldSummary map when present, else mean and sample std of the finite fold values. */
    private static Stat stat(JsonNode summary, double[] foldValues) {
        double mean = JsonFields.number(summary, "mean");
        if (!Double.isNaN(mean)) {
            double n = JsonFields.number(summary, "n");
            int count = Double.isNaN(n) ? JsonFields.numbers(summary, "values").length : (int) n;
            return new Stat(mean, JsonFields.number(summary, "std"), count);
        }
        double[] finite = java.util.Arrays.stream(foldValues).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            return Stat.MISSING;
        }
        FoldSummary s = FoldSummary.of(finite);
        return new Stat(s.mean(), s.std(), s.n());
    }

    /**
     * Confusion counts [true][predicted] pooled over folds: the summary's, else the sum of the folds' matrices;
     * null if there are none.
     */
    double[][] pooledCounts(String model) {
        double[][] counts = JsonFields.matrix(root, "summary", model, "confusion_matrix", "counts");
        if (counts != null) {
            return counts;
        }
        double[][] sum = null;
        for (JsonNode fold : folds) {
            double[][] c = JsonFields.matrix(foldModel(fold, model), "metrics", "confusion_matrix", "counts");
            if (c == null) {
                continue;
            }
            if (sum == null) {
                sum = new double[c.length][];
                for (int r = 0; r < c.length; r++) {
                    sum[r] = c[r].clone();
                }
            } else if (sum.length == c.length) {
                for (int r = 0; r < c.length; r++) {
                    for (int k = 0; k < Math.min(sum[r].length, c[r].length); k++) {
                        sum[r][k] += c[r][k];
                    }
                }
            }
        }
        return sum;
    }

    /** Pooled confusion matrix, each true-class row divided by its support (an empty row stays 0). */
    double[][] pooledRowNormalized(String model) {
        double[][] given = JsonFields.matrix(root, "summary", model, "confusion_matrix", "row_normalized");
        if (given != null) {
            return given;
        }
        double[][] counts = pooledCounts(model);
        if (counts == null) {
            return null;
        }
        double[][] out = new double[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            double support = 0;
            for (double c : counts[r]) {
                support += c;
            }
            out[r] = new double[counts[r].length];
            for (int k = 0; k < out[r].length; k++) {
                out[r][k] = support > 0 ? counts[r][k] / support : 0.0;
            }
        }
        return out;
    }

    /**
     * Accuracy per test actor, actors in numeric order: the summary's, else merged from the folds (each actor is
     * tested in one fold of a speaker-independent scheme). Values may be plain numbers or
     * {@code {"accuracy": .., "correct": .., "total": ..}} objects.
     */
    Map<String, Double> perActorAccuracy(String model) {
        Map<String, Double> out = new TreeMap<>(CvMetrics::compareActors);
        JsonNode summary = JsonFields.at(root, "summary", model, "per_actor_accuracy");
        if (summary.isObject() && !summary.isEmpty()) {
            putAccuracies(summary, out);
            return out;
        }
        for (JsonNode fold : folds) {
            putAccuracies(foldModel(fold, model).path("per_actor_accuracy"), out);
        }
        return out;
    }

    /** Accuracy per gender ("male", "female") pooled over folds, when the summary has it. */
    Map<String, Double> perGenderAccuracy(String model) {
        Map<String, Double> out = new TreeMap<>();
        putAccuracies(JsonFields.at(root, "summary", model, "per_gender_accuracy"), out);
        return out;
    }

    private static void putAccuracies(JsonNode groups, Map<String, Double> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = groups.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            double acc = v.isNumber() ? v.doubleValue() : JsonFields.number(v, "accuracy");
            if (!Double.isNaN(acc)) {
                out.put(e.getKey(), acc);
            }
        }
    }

    /** Numeric actor ids in numeric order, anything else after them alphabetically. */
    static int compareActors(String a, String b) {
        Integer x = actorNumber(a);
        Integer y = actorNumber(b);
        if (x != null && y != null) {
            return Integer.compare(x, y);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /** The actor number of an id like "7", null if it is not a number. */
    static Integer actorNumber(String id) {
        try {
            return Integer.valueOf(id.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Per-fold values of one metric for the two compared models; NaN where a fold lacks one. */
    record Pair(String modelA, String modelB, List<String> folds, double[] a, double[] b) {
        /** Whether at least one fold has both values. */
        boolean hasValues() {
            for (int i = 0; i < a.length; i++) {
                if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The compared models: the comparison section's model_a and model_b, else dual-lstm and single-lstm when both
     * ran, else the two models of a two-model run; null when there is nothing to pair.
     */
    String[] pairedModels() {
        String a = JsonFields.text(comparison(), "model_a");
        String b = JsonFields.text(comparison(), "model_b");
        if (a != null && b != null) {
            return new String[] {a, b};
        }
        List<String> models = models();
        if (models.contains(DUAL) && models.contains(SINGLE)) {
            return new String[] {DUAL, SINGLE};
        }
        return models.size() == 2 ? new String[] {models.get(0), models.get(1)} : null;
    }

    /**
     * Per-fold values of the metric for the paired models, from the folds, else from the comparison section;
     * null when no pair of models exists.
     */
    Pair pair(String metric) {
        String[] ab = pairedModels();
        if (ab == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < folds.size(); i++) {
            names.add(foldName(i));
        }
        Pair fromFolds = new Pair(ab[0], ab[1], names, perFold(ab[0], metric), perFold(ab[1], metric));
        if (fromFolds.hasValues()) {
            return fromFolds;
        }
        double[] a = JsonFields.numbers(comparison(), metric, "model_a", "values");
        double[] b = JsonFields.numbers(comparison(), metric, "model_b", "values");
        int n = Math.min(a.length, b.length);
        List<String> positions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            positions.add(i < names.size() ? names.get(i) : Integer.toString(i + 1));
        }
        return new Pair(ab[0], ab[1], positions, java.util.Arrays.copyOf(a, n), java.util.Arrays.copyOf(b, n));
    }

    /** Whether the pair is the paper's ablation: the two-layer model against the one-layer model. */
    static boolean isLayerAblation(String modelA, String modelB) {
        return DUAL.equals(modelA) && SINGLE.equals(modelB);
    }

    /** The "comparison" section (model_a minus model_b), or a missing node. */
    JsonNode comparison() {
        return root.path("comparison");
    }

    private static List<String> keys(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
