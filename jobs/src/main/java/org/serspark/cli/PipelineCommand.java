package org.serspark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.serspark.audio.Perturbation;
import org.serspark.conf.SersparkConf;
import org.serspark.extract.ExtractJob;
import org.serspark.extract.ExtractOptions;
import org.serspark.extract.ExtractResult;
import org.serspark.synth.SynthSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.serspark.folds.ValidationActors;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.TrainingConfig;
import org.serspark.spark.SparkSessions;
import org.serspark.train.FeatureDataset;
import org.serspark.train.ParameterAveragingTrainer;
import org.serspark.train.TrainRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The README's main command: every stage in local mode, each skipped when its output is complete and current, and
 * resumed when it was interrupted, so running it again is cheap and safe.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Run every stage end to end in Spark local mode: synth (when no --input), extract, train the "
                + "dual LSTM, cross-validate dual vs single LSTM and write the report. Finished stages are reused; "
                + "interrupted ones resume.")
public final class PipelineCommand implements Callable<Integer> {

    @Mixin
    ConfOptions confOptions;

    @Option(names = "--input", paramLabel = "DIR",
            description = "A RAVDESS corpus root (Actor_01..Actor_24). Default: a synthetic corpus under the output.")
    String input;

    @Option(names = "--output", defaultValue = "runs/pipeline", paramLabel = "DIR",
            description = "Run directory (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--actors", defaultValue = "8", paramLabel = "N", description = "Synthetic corpus: actors.")
    int actors;

    @Option(names = "--clips-per-actor", defaultValue = "60", paramLabel = "N",
            description = "Synthetic corpus: clips per actor (1-60).")
    int clipsPerActor;

    @Option(names = "--seed", defaultValue = "20180516", paramLabel = "N", description = "Synthetic corpus seed.")
    long seed;

    @Option(names = "--overwrite", description = "Redo every stage from scratch.")
    boolean overwrite;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Training epochs (default: the profile's; " + SYNTH_EPOCHS + " for the synthetic corpus).")
    Integer epochs;

    @Option(names = "--folds", paramLabel = "SCHEME",
            description = "CV folds (default: emobox6 when all 24 RAVDESS actors are present, else kfold:4).")
    String folds;

    @Option(names = "--models", defaultValue = "dual-lstm,single-lstm", paramLabel = "LIST",
            description = "Models to cross-validate (default: ${DEFAULT-VALUE}).")
    String models;

    /** Enough for the synthetic corpus to show learning on unseen actors in a few minutes on 2 cores. */
    static final int SYNTH_EPOCHS = 10;

    @Override
    public Integer call() throws Exception {
        SersparkConf conf = confOptions.load();
        List<Perturbation> copies = copies(conf);
        long t0 = System.nanoTime();
        Files.createDirectories(output);
        String corpus = input;
        if (corpus == null) {
            Path synthDir = output.resolve("corpus");
            SynthSpec spec = SynthSpec.defaults().withActors(actors).withSeed(seed).withClipsPerActor(clipsPerActor);
            long t = System.nanoTime();
            int n = SynthCommand.ensure(spec, synthDir).size();
            System.err.printf(Locale.ROOT, "synth: %d synthetic clips of %d actors in %s (%.1f s)%n", n, actors,
                    synthDir, (System.nanoTime() - t) / 1e9);
            corpus = synthDir.toString();
        }

        Path extractOut = output.resolve("extract");
        extract(conf, corpus, extractOut, Perturbation.NONE);
        for (Perturbation p : copies) {
            extract(conf, corpus, extractOut.resolve(p.folder()), p);
        }
        Integer e = epochs != null ? epochs : input == null ? Integer.valueOf(SYNTH_EPOCHS) : null;
        SersparkConf trainConf = conf.with("training.epochs", e);
        SparkSession spark = SparkSessions.getOrCreate("serspark pipeline", trainConf);
        FeatureDataset opened = FeatureDataset.open(spark, extractOut.toString());
        FeatureDataset data = opened.select(ModelConfigs.featureBlocks(trainConf, opened.config()));

        Path trainOut = output.resolve("train");
        if (overwrite && Files.exists(trainOut)) {
            ParameterAveragingTrainer.deleteTree(trainOut);
        }
        if (Files.exists(trainOut.resolve(ParameterAveragingTrainer.SUCCESS))) {
            System.err.println("train: up to date in " + trainOut);
        } else {
            TrainingConfig tc = ModelConfigs.training(trainConf);
            SortedSet<Integer> train = new TreeSet<>(data.actors());
            SortedSet<Integer> val = ValidationActors.pick(train, trainConf.integer("training.validation_actors"),
                    tc.seed());
            train.removeAll(val);
            Map<String, Object> prov = new LinkedHashMap<>();
            prov.put("label", "dual-lstm");
            prov.put("configuration", trainConf.toSortedMap());
            new ParameterAveragingTrainer(spark, System.err).train(TrainRequest.byActors(data, train, val,
                    ModelConfigs.model(trainConf, ModelArchitecture.DUAL_LSTM, data.nFeatures()), tc,
                    trainOut, Files.exists(trainOut.resolve("train.json")) ? TrainRequest.Mode.RESUME
                            : TrainRequest.Mode.FAIL_IF_EXISTS, prov));
        }

        Path cvOut = output.resolve("cv");
        if (overwrite && Files.exists(cvOut)) {
            ParameterAveragingTrainer.deleteTree(cvOut);
        }
        String scheme = folds != null ? folds : data.actors().size() >= 24 ? "emobox6" : "kfold:4";
        Map<String, Object> metrics = CvCommand.run(trainConf, confOptions.profile, extractOut.toString(), cvOut,
                scheme, models);
        System.out.println(CvCommand.summary(metrics, cvOut));
        System.out.printf(Locale.ROOT, "pipeline: done in %.1f s. Model: %s. Report: %s%n",
                (System.nanoTime() - t0) / 1e9, trainOut.resolve(ParameterAveragingTrainer.BUNDLE),
                cvOut.resolve("report.html"));
        return 0;
    }

    /**
     * The copies of the corpus the configuration reads (training.speed_perturbation and training.test_speeds, the
     * speeds in order; then training.pitch_perturbation), checked before any stage runs.
     */
    static List<Perturbation> copies(SersparkConf conf) {
        TrainingConfig tc = ModelConfigs.training(conf);
        SortedSet<Double> speeds = new TreeSet<>(tc.speedPerturbation());
        speeds.addAll(ModelConfigs.testSpeeds(conf));
        return Perturbation.copies(List.copyOf(speeds), tc.pitchPerturbation());
    }

    /** The extract stage for the corpus perturbed by {@code p}: reused when complete and current. */
    private void extract(SersparkConf conf, String corpus, Path out, Perturbation p) throws java.io.IOException {
        ExtractOptions.Mode mode = overwrite ? ExtractOptions.Mode.OVERWRITE : ExtractOptions.Mode.RESUME;
        if (!overwrite && Files.exists(out.resolve(ExtractJob.SUCCESS))) {
            if (current(out, conf, p)) {
                System.err.println("extract: up to date in " + out + " (--overwrite to redo)");
                return;
            }
            throw new UserException(out + " was extracted with another feature configuration; "
                    + "rerun with --overwrite or choose another --output");
        }
        if (!Files.exists(out) || isEmpty(out)) {
            mode = ExtractOptions.Mode.FAIL_IF_EXISTS;
        }
        ExtractResult r = ExtractCommand.run(conf, corpus, out.toString(), mode, p);
        System.err.println(ExtractCommand.summary(r));
    }

    private static boolean current(Path extractOut, SersparkConf conf, Perturbation p) throws java.io.IOException {
        JsonNode m = new ObjectMapper().readTree(extractOut.resolve(ExtractJob.MANIFEST).toFile());
        return FeatureConfigs.from(conf).fingerprint().equals(m.path("feature_fingerprint").asText())
                && ExtractJob.perturbation(m).equals(p);
    }

    private static boolean isEmpty(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
