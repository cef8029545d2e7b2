package org.serspark.cv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.serspark.metrics.ClassificationMetrics;
import org.serspark.metrics.ConfusionMatrix;
import org.serspark.metrics.FoldSummary;
import org.serspark.metrics.GroupAccuracy;
import org.serspark.metrics.PairedComparison;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds metrics.json trees shaped like {@code serspark cv} writes them, from simulated predictions scored with the
 * project's own metric classes, so the figures are internally consistent (summaries are the folds' means, the
 * comparison is the folds' paired differences).
 */
final class CvMetricsFixture {
    static final List<String> RAVDESS_LABELS =
            List.of("neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ACTORS = 24;
    /** RAVDESS speech: 4 neutral clips per actor, 8 of every other emotion. */
    private static final int NEUTRAL_CLIPS = 4;
    private static final int OTHER_CLIPS = 8;

    /** What to simulate. */
    record Spec(List<String> models, double[] skill, List<String> labels, int folds, String foldScheme,
                boolean speakerIndependent, boolean nullValidation, int epochs, long seed) {
    }

    static Spec full() {
        return new Spec(List.of("dual-lstm", "single-lstm"), new double[] {0.40, 0.415}, RAVDESS_LABELS, 6,
                "emobox6", true, false, 30, 42);
    }

    static Spec oneModelOneFold() {
        return new Spec(List.of("dual-lstm"), new double[] {0.40}, RAVDESS_LABELS, 1, "kfold:1", true, true, 5,
                7);
    }

    static Spec randomSplit() {
        return new Spec(List.of("dual-lstm", "single-lstm"), new double[] {0.55, 0.53}, RAVDESS_LABELS, 3,
                "random:0.2", false, false, 10, 3);
    }

    /** Per-fold simulated predictions: true and predicted class per clip, and the clip's actor. */
    private record FoldRun(int[] truth, int[] predicted, int[] actor, ClassificationMetrics metrics) {
    }

    static ObjectNode build(Spec spec) {
        Random rnd = new Random(spec.seed());
        List<Integer> actors = new ArrayList<>();
        for (int a = 1; a <= ACTORS; a++) {
            actors.add(a);
        }
        java.util.Collections.shuffle(actors, rnd);
        int perFold = ACTORS / Math.max(spec.folds(), 4);
        double[] actorEffect = new double[ACTORS + 1];
        for (int a = 1; a <= ACTORS; a++) {
            actorEffect[a] = rnd.nextGaussian() * 0.07;
        }
        int k = spec.labels().size();
        double[] classEffect = new double[k];
        for (int c = 0; c < k; c++) {
            classEffect[c] = rnd.nextGaussian() * 0.12;
        }

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kind", "serspark cv");
        root.put("fold_scheme", spec.foldScheme());
        root.put("speaker_independent", spec.speakerIndependent());
        root.put("labels", spec.labels());
        root.put("models", spec.models());
        root.put("epochs", spec.epochs());
        root.put("seed", spec.seed());
        root.put("profile", "paper");
        root.put("features", "file:/data/serspark/extract");
        root.put("feature_fingerprint", "8b28782dc2b8ca78");
        root.put("code_version", "0.1.0-SNAPSHOT+abc");
        root.put("created_at", "2026-11-25T04:00:00Z");
        root.put("seconds", 1234.5);
        root.put("configuration", ordered("train", ordered("epochs", spec.epochs(), "batch_size", 32,
                "learning_rate", 0.001), "cv", ordered("scheme", spec.foldScheme())));

        List<Object> folds = new ArrayList<>();
        Map<String, List<FoldRun>> runs = new LinkedHashMap<>();
        for (String model : spec.models()) {
            runs.put(model, new ArrayList<>());
        }
        for (int f = 0; f < spec.folds(); f++) {
            List<Integer> test = new ArrayList<>(actors.subList(f * perFold, (f + 1) * perFold));
            test.sort(null);
            List<Integer> rest = new ArrayList<>(actors);
            rest.removeAll(test);
            List<Integer> val = spec.nullValidation() ? List.of() : new ArrayList<>(rest.subList(2 * f % (rest.size() - 1), 2 * f % (rest.size() - 1) + 2));
            List<Integer> train = new ArrayList<>(rest);
            train.removeAll(val);
            val = new ArrayList<>(val);
            val.sort(null);
            train.sort(null);
            Map<String, Object> fold = new LinkedHashMap<>();
            fold.put("fold", f + 1);
            fold.put("test_actors", test);
            fold.put("train_actors", train);
            fold.put("val_actors", val);
            Map<String, Object> models = new LinkedHashMap<>();
            long foldSeed = rnd.nextLong();
            for (int mi = 0; mi < spec.models().size(); mi++) {
                String model = spec.models().get(mi);
                // same seed for every model: the folds' shared difficulty makes the comparison paired, as in a run
                FoldRun run = simulate(new Random(foldSeed + mi * 7919L), test, k, spec.skill()[mi], actorEffect,
                        classEffect, spec.labels());
                runs.get(model).add(run);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("metrics", run.metrics().toMap());
                entry.put("per_actor_accuracy", GroupAccuracy.of(run.actor(), run.truth(), run.predicted()).toMap());
                entry.put("per_gender_accuracy", genderAccuracy(run));
                List<Object> curve = new ArrayList<>();
                int kept = learningCurve(new Random(foldSeed ^ mi), spec.epochs(), run.metrics().uar(),
                        spec.nullValidation(), curve);
                entry.put("learning_curve", curve);
                entry.put("kept_epoch", kept);
                entry.put("train_seconds", 300.0 + 20 * f + mi);
                models.put(model, entry);
            }
            fold.put("models", models);
            folds.add(fold);
        }
        root.put("folds", folds);

        Map<String, Object> summary = new LinkedHashMap<>();
        for (String model : spec.models()) {
            summary.put(model, summary(runs.get(model), spec.labels()));
        }
        root.put("summary", summary);

        if (spec.models().contains("dual-lstm") && spec.models().contains("single-lstm")) {
            Map<String, Object> comparison = new LinkedHashMap<>();
            comparison.put("model_a", "dual-lstm");
            comparison.put("model_b", "single-lstm");
            comparison.put("uar", PairedComparison.of(values(runs.get("dual-lstm"), "uar"),
                    values(runs.get("single-lstm"), "uar")).toMap());
            comparison.put("accuracy", PairedComparison.of(values(runs.get("dual-lstm"), "accuracy"),
                    values(runs.get("single-lstm"), "accuracy")).toMap());
            root.put("comparison", comparison);
        }
        root.put("anchors", anchors());
        return JSON.valueToTree(root);
    }

    static double[] values(List<FoldRun> runs, String metric) {
        return runs.stream().mapToDouble(r -> switch (metric) {
            case "uar" -> r.metrics().uar();
            case "accuracy" -> r.metrics().accuracy();
            case "macro_f1" -> r.metrics().macroF1();
            case "macro_precision" -> r.metrics().macroPrecision();
            case "macro_recall" -> r.metrics().macroRecall();
            default -> throw new IllegalArgumentException(metric);
        }).toArray();
    }

    private static FoldRun simulate(Random rnd, List<Integer> test, int k, double skill, double[] actorEffect,
                                    double[] classEffect, List<String> labels) {
        List<int[]> clips = new ArrayList<>();
        for (int actor : test) {
            for (int c = 0; c < k; c++) {
                int n = c == 0 ? NEUTRAL_CLIPS : OTHER_CLIPS;
                for (int i = 0; i < n; i++) {
                    double p = Math.max(0.05, Math.min(0.95, skill + actorEffect[actor] + classEffect[c]
                            + rnd.nextGaussian() * 0.02));
                    int pred;
                    if (rnd.nextDouble() < p) {
                        pred = c;
                    } else if (rnd.nextBoolean()) {
                        pred = (c + 1) % k; // confusions cluster on a neighbour, as calm/neutral do
                    } else {
                        pred = rnd.nextInt(k);
                    }
                    clips.add(new int[] {c, pred, actor});
                }
            }
        }
        int[] truth = clips.stream().mapToInt(x -> x[0]).toArray();
        int[] predicted = clips.stream().mapToInt(x -> x[1]).toArray();
        int[] actor = clips.stream().mapToInt(x -> x[2]).toArray();
        return new FoldRun(truth, predicted, actor, ClassificationMetrics.of(labels, truth, predicted));
    }

    private static Map<String, Object> genderAccuracy(FoldRun run) {
        List<String> gender = Arrays.stream(run.actor()).mapToObj(a -> a % 2 == 1 ? "male" : "female").toList();
        Map<String, Object> out = new LinkedHashMap<>();
        GroupAccuracy.of(gender, run.truth(), run.predicted()).accuracies().forEach(out::put);
        return out;
    }

    /** Appends epoch records; returns the kept epoch (best validation UAR, or the last without validation). */
    private static int learningCurve(Random rnd, int epochs, double finalUar, boolean nullValidation,
                                     List<Object> out) {
        int kept = epochs;
        double best = -1;
        for (int e = 1; e <= epochs; e++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("epoch", e);
            r.put("train_loss", 2.08 * Math.exp(-e / 12.0) + 0.55 + rnd.nextGaussian() * 0.02);
            if (nullValidation) {
                r.put("val_loss", null);
                r.put("val_accuracy", null);
                r.put("val_uar", null);
            } else {
                double uar = 0.125 + (finalUar + 0.03 - 0.125) * (1 - Math.exp(-e / 5.0)) + rnd.nextGaussian() * 0.02;
                r.put("val_loss", 2.0 - 0.45 * (1 - Math.exp(-e / 6.0)) + 0.012 * Math.max(0, e - 15)
                        + rnd.nextGaussian() * 0.03);
                r.put("val_accuracy", uar + 0.01);
                r.put("val_uar", uar);
                if (uar > best) {
                    best = uar;
                    kept = e;
                }
            }
            r.put("seconds", 12.3);
            out.add(r);
        }
        return kept;
    }

    private static Map<String, Object> summary(List<FoldRun> runs, List<String> labels) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (String metric : List.of("accuracy", "uar", "macro_f1", "macro_precision", "macro_recall")) {
            s.put(metric, FoldSummary.of(values(runs, metric)).toMap());
        }
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            final int cls = c;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("precision", FoldSummary.of(runs.stream().mapToDouble(r -> r.metrics().precision(cls))
                    .toArray()).toMap());
            m.put("recall", FoldSummary.of(runs.stream().mapToDouble(r -> r.metrics().recall(cls))
                    .toArray()).toMap());
            m.put("f1", FoldSummary.of(runs.stream().mapToDouble(r -> r.metrics().f1(cls)).toArray()).toMap());
            perClass.put(labels.get(c), m);
        }
        s.put("per_class", perClass);
        ConfusionMatrix pooled = null;
        List<Integer> actors = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        List<Integer> pred = new ArrayList<>();
        for (FoldRun r : runs) {
            pooled = pooled == null ? r.metrics().confusionMatrix() : pooled.plus(r.metrics().confusionMatrix());
            for (int i = 0; i < r.truth().length; i++) {
                actors.add(r.actor()[i]);
                truth.add(r.truth()[i]);
                pred.add(r.predicted()[i]);
            }
        }
        s.put("confusion_matrix", pooled.toMap());
        int[] a = actors.stream().mapToInt(Integer::intValue).toArray();
        int[] t = truth.stream().mapToInt(Integer::intValue).toArray();
        int[] p = pred.stream().mapToInt(Integer::intValue).toArray();
        // the summary uses the schema's plain-number form; the folds keep GroupAccuracy's object form
        Map<String, Object> perActor = new LinkedHashMap<>();
        GroupAccuracy.of(a, t, p).accuracies().forEach((actor, acc) -> perActor.put(String.valueOf(actor), acc));
        s.put("per_actor_accuracy", perActor);
        List<String> gender = Arrays.stream(a).mapToObj(x -> x % 2 == 1 ? "male" : "female").toList();
        Map<String, Object> perGender = new LinkedHashMap<>();
        GroupAccuracy.of(gender, t, p).accuracies().forEach(perGender::put);
        s.put("per_gender_accuracy", perGender);
        return s;
    }

    private static List<Object> anchors() {
        return List.of(
                ordered("name", "ResLSTM-SA (MFCC + chroma LSTM with attention)",
                        "protocol", "speaker-independent 5-fold", "uar_mean", 0.623, "uar_std", 0.012,
                        "uar_best", 0.652),
                ordered("name", "Keras reproduction of this paper", "protocol", "unstated split",
                        "accuracy_dual", 0.595, "accuracy_single", 0.575),
                ordered("name", "Paper (Yang, Yu, Xu 2024)", "protocol", "unstated split", "accuracy", 0.87),
                ordered("name", "RBF SVM on clip mean+std of the 182 features (this machine)",
                        "protocol", "emobox6", "uar_mean", 0.459, "uar_std", 0.018),
                ordered("name", "Paper network in PyTorch, same features (this machine)", "protocol", "emobox6",
                        "uar_dual", 0.381, "uar_dual_std", 0.048, "uar_single", 0.410, "uar_single_std", 0.047));
    }

    /** A map keeping the given key order, so the JSON is the same on every run. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private CvMetricsFixture() {
    }
}
