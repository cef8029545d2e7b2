package org.serspark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.serspark.conf.SersparkConf;
import org.serspark.cv.CrossValidationJob;
import org.serspark.cv.CvOptions;
import org.serspark.features.FeatureSelection;
import org.serspark.folds.FoldScheme;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;
import org.serspark.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "Per-actor (speaker-independent) cross-validation of the dual-layer LSTM against the "
                + "single-layer baseline: metrics.json, per_fold.csv, predictions (Parquet) and report.html.")
public final class CvCommand implements Callable<Integer> {

    @Mixin
    ConfOptions confOptions;

    @Option(names = "--features", required = true, paramLabel = "URI", description = "An extract --output folder.")
    String features;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "CV run folder (resumable).")
    Path output;

    @Option(names = "--folds", defaultValue = "emobox6", paramLabel = "SCHEME",
            description = "emobox6 (default), loao, kfold:K, or random:P (speaker-DEPENDENT, for comparison only).")
    String folds;

    @Option(names = "--models", defaultValue = "dual-lstm,single-lstm", paramLabel = "LIST",
            description = "Comma-separated models (default: ${DEFAULT-VALUE}).")
    String models;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for weights, data order, folds (conf training.seed).")
    Integer seed;

    @Option(names = "--epochs", paramLabel = "N", description = "Override training.epochs.")
    Integer epochs;

    @Option(names = "--ensemble", paramLabel = "N",
            description = "Networks per fold and model, seeds seed..seed+N-1, probabilities averaged "
                    + "(conf training.ensemble).")
    Integer ensemble;

    @Mixin
    ScoringOptions scoring;

    @Override
    public Integer call() throws Exception {
        SersparkConf conf = scoring.over(confOptions.load().with("training.epochs", epochs)
                .with("training.seed", seed).with("training.ensemble", ensemble));
        Map<String, Object> metrics = run(conf, confOptions.profile, features, output, folds, models);
        System.out.println(summary(metrics, output));
        return 0;
    }

    static Map<String, Object> run(SersparkConf conf, String profile, String features, Path output, String folds,
                                   String models) throws java.io.IOException {
        FoldScheme scheme;
        List<ModelArchitecture> archs = new ArrayList<>();
        try {
            scheme = FoldScheme.parse(folds);
            for (String m : models.split(",")) {
                archs.add(ModelArchitecture.of(m));
            }
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        TrainingConfig tc = ModelConfigs.training(conf);
        Map<ModelArchitecture, ModelConfig> mcs = new EnumMap<>(ModelArchitecture.class);
        // n_features is checked against the data by the trainer; 182 unless the feature config or blocks changed
        FeatureSelection blocks = ModelConfigs.featureBlocks(conf, FeatureConfigs.from(conf));
        int nFeatures = blocks.size();
        for (ModelArchitecture a : archs) {
            mcs.put(a, ModelConfigs.model(conf, a, nFeatures));
        }
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("profile", profile);
        prov.put("configuration", conf.toSortedMap());
        int members = conf.has("training.ensemble") ? conf.integer("training.ensemble") : 1;
        CvOptions o;
        try {
            o = new CvOptions(features, output, scheme, archs, mcs, tc, conf.integer("training.validation_actors"),
                    tc.seed(), prov, blocks.spec(), members, ModelConfigs.testSpeeds(conf),
                    ModelConfigs.withLastEpoch(conf), ModelConfigs.laterEpochs(conf), ModelConfigs.decision(conf));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage() + " (" + conf.source() + ")");
        }
        // Spark starts once the settings are known to be valid
        SparkSession spark = SparkSessions.getOrCreate("serspark cv", conf);
        try {
            return new CrossValidationJob(spark, System.err).run(o);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static String summary(Map<String, Object> metrics, Path output) {
        StringBuilder sb = new StringBuilder();
        boolean si = Boolean.TRUE.equals(metrics.get("speaker_independent"));
        sb.append(String.format(Locale.ROOT, "cv %s (%s):%n", metrics.get("fold_scheme"),
                si ? "speaker-independent" : "SPEAKER-DEPENDENT random split"));
        Map<String, Object> summary = (Map<String, Object>) metrics.get("summary");
        summary.forEach((model, s) -> {
            Map<String, Object> m = (Map<String, Object>) s;
            sb.append(String.format(Locale.ROOT, "  %-12s UAR %s  accuracy %s  macro-F1 %s%n", model,
                    meanStd(m.get("uar")), meanStd(m.get("accuracy")), meanStd(m.get("macro_f1"))));
        });
        Map<String, Object> cmp = (Map<String, Object>) metrics.get("comparison");
        if (cmp != null) {
            Map<String, Object> u = (Map<String, Object>) cmp.get("uar");
            Map<String, Object> t = (Map<String, Object>) u.get("t_test");
            Map<String, Object> w = (Map<String, Object>) u.get("wilcoxon");
            sb.append(String.format(Locale.ROOT,
                    "  dual - single UAR: %+.3f (95%% CI %s to %s; paired t p = %s, Wilcoxon p = %s; paper claims "
                            + "+0.02)%n", ((Number) u.get("mean_difference")).doubleValue(), num(t.get("ci_lower")),
                    num(t.get("ci_upper")), num(t.get("p_value")), num(w.get("p_value"))));
        }
        sb.append("  anchors: ResLSTM-SA speaker-independent UAR 0.623 +- 0.012; Keras reproduction 59.5% vs 57.5% "
                + "(unstated split); paper ~87% (unstated split)\n");
        sb.append("  report: ").append(output.resolve("report.html")).append('\n');
        sb.append("  metrics: ").append(output.resolve(CrossValidationJob.METRICS));
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static String meanStd(Object o) {
        Map<String, Object> m = (Map<String, Object>) o;
        Object std = m.get("std");
        return String.format(Locale.ROOT, "%.3f +- %s", ((Number) m.get("mean")).doubleValue(),
                std == null ? "n/a" : String.format(Locale.ROOT, "%.3f", ((Number) std).doubleValue()));
    }

    private static String num(Object o) {
        return o == null ? "n/a" : String.format(Locale.ROOT, "%.3f", ((Number) o).doubleValue());
    }
}
