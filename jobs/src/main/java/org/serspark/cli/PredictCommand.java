package org.serspark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.serspark.BuildInfo;
import org.serspark.conf.SersparkConf;
import org.serspark.cv.LaterEpochs;
import org.serspark.io.AtomicFiles;
import org.serspark.model.ClipPredictor;
import org.serspark.model.DecisionRule;
import org.serspark.model.EnsemblePredictor;
import org.serspark.model.FeatureNormalizer;
import org.serspark.model.FeatureStats;
import org.serspark.model.InvalidBundleException;
import org.serspark.model.ModelBundle;
import org.serspark.model.SpeakerOf;
import org.serspark.predict.PredictJob;
import org.serspark.spark.SparkSessions;
import org.serspark.train.ParameterAveragingTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict the emotion of WAV files with a trained model: a table for a few files, a Spark job "
                + "writing Parquet (or CSV for an output ending in .csv) for many.")
public final class PredictCommand implements Callable<Integer> {
    /** The provenance inside a Parquet output, and appended to a CSV output's name. */
    static final String PROVENANCE_FILE = "_provenance.json";
    static final String PROVENANCE_SUFFIX = ".provenance.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    ConfOptions confOptions;

    @Option(names = "--model", required = true, paramLabel = "BUNDLE",
            description = "model.zip, or the train --output folder holding it. Repeat it to average several "
                    + "networks, as cv --ensemble does (e.g. a cv pair's seed-S/model.zip members).")
    List<Path> models;

    @Parameters(index = "0", paramLabel = "FILE.wav|DIR", description = "One WAV file or a folder of them.")
    Path target;

    @Option(names = "--output", paramLabel = "URI",
            description = "Write predictions here (Parquet, or one CSV file when it ends in .csv); scores on Spark.")
    String output;

    @Option(names = "--local-limit", defaultValue = "20", paramLabel = "N",
            description = "Up to this many files without --output are scored here and printed (default 20).")
    int localLimit;

    @Mixin
    ScoringOptions scoring;

    @Override
    public Integer call() throws Exception {
        SersparkConf conf = scoring.over(confOptions.load());
        List<Double> testSpeeds = ModelConfigs.testSpeeds(conf);
        LaterEpochs later = ModelConfigs.laterEpochs(conf);
        DecisionRule decision = ModelConfigs.decision(conf);
        try {
            later.checkBeside(ModelConfigs.withLastEpoch(conf));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage() + " (" + conf.source() + ")");
        }
        List<LaterEpochs.BundleSource> sources = new ArrayList<>();
        // which --model each source scores for: its epochs are one network to the decision rule, as in cv
        List<Integer> networkOf = new ArrayList<>();
        for (int network = 0; network < models.size(); network++) {
            Path model = models.get(network);
            Path bundleFile = Files.isDirectory(model) ? model.resolve("model.zip") : model;
            Path dir = bundleFile.toAbsolutePath().getParent();
            try {
                List<LaterEpochs.BundleSource> own = later.sources(bundleFile, ModelConfigs.withLastEpoch(conf)
                        ? List.of(ParameterAveragingTrainer.lastNetwork(dir)) : List.of());
                sources.addAll(own);
                networkOf.addAll(java.util.Collections.nCopies(own.size(), network));
            } catch (IllegalStateException e) {
                throw new UserException(e.getMessage());
            }
        }
        List<ClipPredictor> members = new ArrayList<>();
        List<ModelBundle> bundles = new ArrayList<>();
        for (LaterEpochs.BundleSource source : sources) {
            try {
                ModelBundle bundle = source.load();
                bundles.add(bundle);
                members.add(new ClipPredictor(bundle, testSpeeds));
            } catch (InvalidBundleException | IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
        }
        EnsemblePredictor predictor;
        try {
            predictor = new EnsemblePredictor(members, sources.stream().map(LaterEpochs.BundleSource::describe)
                    .toList(), decision, networkOf);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        if (!Files.exists(target)) {
            throw new UserException(target + ": no such file or folder");
        }
        Path root = Files.isDirectory(target) ? target : target.toAbsolutePath().getParent();
        List<String> files = new ArrayList<>();
        if (Files.isDirectory(target)) {
            for (Path p : BenchCommand.wavFiles(target, 0)) {
                files.add(root.relativize(p).toString().replace('\\', '/'));
            }
        } else {
            files.add(target.getFileName().toString());
        }
        if (files.isEmpty()) {
            throw new UserException(target + ": no .wav files");
        }
        if (predictor.perSpeaker()) {
            System.err.println(perSpeakerNotice(files));
        }
        if (output == null && files.size() <= localLimit) {
            printTable(predictor, root, files, System.out);
            return 0;
        }
        SparkSession spark = SparkSessions.getOrCreate("serspark predict", conf);
        Dataset<Row> scored = PredictJob.score(spark, bundleFiles(sources, bundles), root.toAbsolutePath().toString(),
                files, testSpeeds, decision, networkOf);
        if (output == null) {
            throw new UserException(files.size() + " files: give --output (Parquet, or .csv) or --local-limit");
        }
        long failed;
        Map<String, Object> prov = provenance(conf, sources, bundles, testSpeeds, later, decision, files.size());
        if (output.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            List<Row> rows = scored.orderBy("path").collectAsList();
            writeCsv(Path.of(output), predictor.labels(), rows);
            failed = rows.stream().filter(r -> !r.isNullAt(4)).count();
            prov.put("failed", failed);
            AtomicFiles.write(Path.of(output + PROVENANCE_SUFFIX), JSON.writeValueAsBytes(prov));
        } else {
            scored.write().parquet(output);
            failed = spark.read().parquet(output).filter("error IS NOT NULL").count();
            prov.put("failed", failed);
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(output, PROVENANCE_FILE);
            try (OutputStream out = file.getFileSystem(spark.sparkContext().hadoopConfiguration())
                    .create(file, true)) {
                out.write(JSON.writeValueAsBytes(prov));
            }
        }
        System.out.printf(Locale.ROOT, "predict: %d files scored, %d could not be read -> %s%n",
                files.size() - failed, failed, output);
        return 0;
    }

    /**
     * What produced a predict output, written inside a Parquet output ({@value #PROVENANCE_FILE}, a name Spark's
     * readers skip) or beside a CSV one (its name + {@value #PROVENANCE_SUFFIX}): the configuration, the code
     * version, each network scored with the code version that trained it, and how the probabilities were made.
     */
    private Map<String, Object> provenance(SersparkConf conf, List<LaterEpochs.BundleSource> sources,
                                           List<ModelBundle> bundles, List<Double> testSpeeds, LaterEpochs later,
                                           DecisionRule decision, int files) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "serspark predict");
        m.put("created_at", Instant.now().toString());
        m.put("input", target.toAbsolutePath().toString());
        m.put("files", files);
        List<Map<String, Object>> networks = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("model", sources.get(i).describe());
            Map<String, Object> meta = bundles.get(i).metadata();
            for (String key : List.of("label", "kept_epoch", "code_version")) {
                if (meta.containsKey(key)) {
                    n.put(key, meta.get(key));
                }
            }
            networks.add(n);
        }
        m.put("networks", networks);
        m.put("test_speeds", testSpeeds);
        m.put("with_last_epoch", ModelConfigs.withLastEpoch(conf));
        m.put("with_later_epochs", later != LaterEpochs.NONE);
        m.put("later_epochs_mean", later == LaterEpochs.PARAMETERS ? "parameters" : "probabilities");
        m.put("decision", decision.id());
        m.put("profile", confOptions.profile);
        m.put("configuration", conf.toSortedMap());
        m.put("code_version", BuildInfo.current().codeVersion());
        m.put("code", BuildInfo.current().provenance());
        return m;
    }

    static void printTable(EnsemblePredictor predictor, Path root, List<String> files, PrintStream out) {
        List<String> labels = predictor.labels();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-40s %-10s", "path", "predicted"));
        for (String l : labels) {
            head.append(String.format(Locale.ROOT, " %9s", l));
        }
        out.println(head);
        Map<String, FeatureNormalizer> speakers = predictor.perSpeaker() ? speakerStats(predictor, root, files) : null;
        for (String rel : files) {
            try {
                byte[] wav = Files.readAllBytes(root.resolve(rel));
                float[] p = predictor.probabilities(wav, rel, speakers);
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-40s %-10s", rel,
                        labels.get(ClipPredictor.argmax(p))));
                for (float x : p) {
                    sb.append(String.format(Locale.ROOT, " %9.3f", x));
                }
                out.println(sb);
            } catch (IOException | RuntimeException e) {
                out.printf(Locale.ROOT, "%-40s %-10s %s%n", rel, "-", e.getMessage());
            }
        }
    }

    /**
     * What a per-speaker model does with the files given, and what its accuracy rests on: each speaker is
     * standardised with the statistics of its own files, which in cv are a RAVDESS actor's 60 clips, every emotion
     * equally often. A speaker whose files lean towards some emotions is standardised towards them
     * (spark-submit/bench/speaker_skew.py; docs/RESULTS.md section 9).
     */
    static String perSpeakerNotice(List<String> files) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String rel : files) {
            counts.merge(SpeakerOf.path(rel), 1, Integer::sum);
        }
        Map.Entry<String, Integer> fewest = counts.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        return String.format(Locale.ROOT, "predict: per-speaker model: %d speaker%s, each standardised with its own "
                        + "files (fewest: %d, %s); accurate when each speaker's files span the emotions, as RAVDESS's "
                        + "actors' do (docs/training.md)", counts.size(), counts.size() == 1 ? "" : "s",
                fewest.getValue(), fewest.getKey());
    }

    /** Per-speaker models: each speaker's statistics over the files given (unreadable files are reported later). */
    static Map<String, FeatureNormalizer> speakerStats(EnsemblePredictor predictor, Path root, List<String> files) {
        Map<String, FeatureStats> stats = new TreeMap<>();
        for (String rel : files) {
            try {
                for (Map.Entry<String, float[][]> e : predictor.featuresBySpeaker(
                        Files.readAllBytes(root.resolve(rel)), rel).entrySet()) {
                    stats.computeIfAbsent(e.getKey(), k -> new FeatureStats(e.getValue()[0].length)).add(e.getValue());
                }
            } catch (IOException | RuntimeException e) {
                // the scoring loop meets the same file and prints why
            }
        }
        Map<String, FeatureNormalizer> out = new TreeMap<>();
        stats.forEach((k, v) -> out.put(k, v.toNormalizer()));
        return out;
    }

    /**
     * Each source's bundle file for the Spark path, which ships files' bytes: a mean of parameters is written to a
     * temporary file, once, for this run.
     */
    private static List<Path> bundleFiles(List<LaterEpochs.BundleSource> sources, List<ModelBundle> bundles)
            throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            List<Path> files = sources.get(i).files();
            if (files.size() == 1) {
                out.add(files.get(0));
            } else {
                Path mean = Files.createTempFile("serspark-parameter-mean-", ".zip");
                mean.toFile().deleteOnExit();
                bundles.get(i).save(mean, false);
                out.add(mean);
            }
        }
        return out;
    }

    static void writeCsv(Path file, List<String> labels, List<Row> rows) throws IOException {
        StringBuilder sb = new StringBuilder("path,predicted_emotion,true_emotion,error");
        for (String l : labels) {
            sb.append(",p_").append(l);
        }
        sb.append('\n');
        for (Row r : rows) {
            sb.append(csv(r.getString(0))).append(',').append(r.isNullAt(1) ? "" : r.getString(1)).append(',')
                    .append(r.isNullAt(3) ? "" : r.getString(3)).append(',')
                    .append(r.isNullAt(4) ? "" : csv(r.getString(4)));
            List<Object> p = r.isNullAt(2) ? null : r.getList(2);
            for (int k = 0; k < labels.size(); k++) {
                sb.append(',').append(p == null ? "" : String.format(Locale.ROOT, "%.6f", (Float) p.get(k)));
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(file, sb);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
