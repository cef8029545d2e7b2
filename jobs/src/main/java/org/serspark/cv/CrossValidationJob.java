package org.serspark.cv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.serspark.BuildInfo;
import org.serspark.conf.RunSettings;
import org.serspark.features.FeatureSelection;
import org.serspark.io.AtomicFiles;
import org.serspark.folds.Fold;
import org.serspark.folds.ValidationActors;
import org.serspark.metrics.ClassificationMetrics;
import org.serspark.metrics.FoldSummary;
import org.serspark.metrics.GroupAccuracy;
import org.serspark.metrics.PairedComparison;
import org.serspark.model.DecisionRule;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelBundle;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;
import org.serspark.ravdess.Emotion;
import org.serspark.train.Clip;
import org.serspark.train.ClipPreparation;
import org.serspark.train.ClipSelection;
import org.serspark.train.FeatureDataset;
import org.serspark.train.ParameterAveragingTrainer;
import org.serspark.train.Prediction;
import org.serspark.train.SparkScorer;
import org.serspark.train.TrainRequest;
import org.serspark.train.TrainResult;

/**
 * Per-actor cross-validation: for every fold and model, train on the fold's training actors with the Spark trainer
 * (validation actors drawn from them, never from the test actors), score the test actors on the executors, and keep
 * the predictions. A (fold, model) with saved test predictions is never redone, an interrupted training resumes
 * from its checkpoint, so an interrupted CV picks up at the first unfinished fold. Metrics, the paired dual-vs-single
 * comparison and the report are computed from the saved predictions at the end.
 */
public final class CrossValidationJob {
    public static final String METRICS = "metrics.json";
    static final String RUN = "cv.json";
    static final String TEST_PREDICTIONS = "test_predictions.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final StructType PREDICTIONS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("path", DataTypes.StringType, false),
            DataTypes.createStructField("model", DataTypes.StringType, false),
            DataTypes.createStructField("fold", DataTypes.IntegerType, false),
            DataTypes.createStructField("actor", DataTypes.IntegerType, false),
            DataTypes.createStructField("true_emotion", DataTypes.StringType, false),
            DataTypes.createStructField("predicted_emotion", DataTypes.StringType, false),
            DataTypes.createStructField("probabilities", DataTypes.createArrayType(DataTypes.FloatType, false),
                    false)));

    private final SparkSession spark;
    private final PrintStream log;

    public CrossValidationJob(SparkSession spark, PrintStream log) {
        this.spark = spark;
        this.log = log;
    }

    public Map<String, Object> run(CvOptions o) throws IOException {
        long t0 = System.nanoTime();
        FeatureDataset opened = FeatureDataset.open(spark, o.features());
        FeatureDataset data = opened.select(FeatureSelection.parse(o.featureBlocks(), opened.config()));
        for (ModelArchitecture a : o.models()) {
            int wants = o.modelConfigs().get(a).nFeatures();
            if (wants != data.nFeatures()) {
                // the command sizes networks from its configuration's features, before Spark reads the data
                throw new IllegalArgumentException(a.id() + " is built for " + wants + " values per frame, but "
                        + o.features() + " gives " + data.nFeatures() + " (" + data.config().nFeatures()
                        + " features per frame, " + (data.config().hasPitch() ? "with" : "without")
                        + " the pitch block, blocks " + data.selection().spec() + "): use the configuration "
                        + "the features were extracted with (features.pitch and the other features.* settings)");
            }
        }
        List<Fold> folds = o.scheme().folds(data.actors(),
                o.scheme().speakerIndependent() ? Map.of() : data.labelsByPath(), o.seed());
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("fold scheme " + o.scheme() + " leaves no fold for actors "
                    + data.actors());
        }
        // opened once for the run: a missing copy stops it now, not after the first network has trained
        List<FeatureDataset> testCopies = new ArrayList<>();
        for (double speed : o.testSpeeds()) {
            testCopies.add(data.atSpeed(speed));
        }
        Files.createDirectories(o.output());
        checkRun(o, data);
        List<String> labels = Emotion.labels();
        int total = folds.size() * o.models().size();
        int done = 0;
        log.printf(Locale.ROOT, "cv: %s%s, %d folds x %d models, %d epochs each%n", o.scheme(),
                o.scheme().speakerIndependent() ? " (speaker-independent)" : " (SPEAKER-DEPENDENT random split)",
                folds.size(), o.models().size(), o.training().epochs());
        Map<Integer, Map<ModelArchitecture, List<Prediction>>> predictions = new TreeMap<>();
        Map<Integer, Map<ModelArchitecture, TrainSummary>> trained = new TreeMap<>();
        Map<Integer, SortedSet<Integer>> valByFold = new TreeMap<>();
        long tTrain = System.nanoTime();
        int ranThisInvocation = 0;
        for (Fold f : folds) {
            Split base = split(f, data, o, 0);
            valByFold.put(f.number(), base.valActors());
            for (ModelArchitecture arch : o.models()) {
                Path dir = o.output().resolve(String.format("folds/fold-%02d/%s", f.number(), arch.id()));
                Path predFile = dir.resolve(TEST_PREDICTIONS);
                done++;
                if (!Files.exists(predFile)) {
                    ranThisInvocation++;
                    log.printf(Locale.ROOT, "cv: fold %d (%d/%d), %s: test actors %s%n", f.number(), done, total,
                            arch.id(), f.speakerIndependent() ? f.testActors() : f.testPaths().size() + " random clips");
                    if (o.ensemble() == 1) {
                        trainAndTest(o, data, testCopies, f, arch, 0, dir, base);
                    } else {
                        List<List<Prediction>> members = new ArrayList<>();
                        for (int k = 0; k < o.ensemble(); k++) {
                            Path md = memberDir(dir, o, k);
                            if (!Files.exists(md.resolve(TEST_PREDICTIONS))) {
                                trainAndTest(o, data, testCopies, f, arch, k, md, split(f, data, o, k));
                            }
                            members.add(readPredictions(md.resolve(TEST_PREDICTIONS)));
                        }
                        List<Prediction> mean = Prediction.mean(members);
                        writeTestPredictions(predFile, mean);
                        ClassificationMetrics m = metricsOf(mean);
                        log.printf(Locale.ROOT, "cv: fold %d %s, ensemble of %d: test UAR %.3f, accuracy %.3f%n",
                                f.number(), arch.id(), o.ensemble(), m.uar(), m.accuracy());
                    }
                }
                predictions.computeIfAbsent(f.number(), k -> new TreeMap<>()).put(arch, readPredictions(predFile));
                trained.computeIfAbsent(f.number(), k -> new TreeMap<>()).put(arch, o.ensemble() == 1
                        ? readTrainSummary(dir) : readEnsembleSummary(dir, o));
            }
        }
        double trainSeconds = (System.nanoTime() - tTrain) / 1e9;
        Map<String, Object> metrics = metrics(o, data, folds, valByFold, predictions, trained, labels);
        metrics.put("seconds_this_invocation", (System.nanoTime() - t0) / 1e9);
        // training time summed over every (fold, model), across invocations: what the whole CV cost
        double trainTotal = 0;
        for (Map<ModelArchitecture, TrainSummary> byModel : trained.values()) {
            for (TrainSummary ts : byModel.values()) {
                trainTotal += ts.seconds();
            }
        }
        metrics.put("seconds", trainTotal);
        metrics.put("fold_model_runs_this_invocation", ranThisInvocation);
        metrics.put("train_and_test_seconds_this_invocation", trainSeconds);
        writePerFoldCsv(o.output().resolve("per_fold.csv"), folds, o.models(), predictions, labels);
        writePredictions(o.output().resolve("predictions"), predictions, labels);
        writeJson(o.output().resolve(METRICS), metrics);
        Path report = CvReport.write(o.output().resolve(METRICS), o.output());
        log.println("cv: report " + report);
        return metrics;
    }

    /**
     * What training a (fold, model) cost and how it went; {@code members} lists an ensemble's networks (empty for
     * one network), whose first member's learning curve and kept epoch stand for the pair in the charts.
     */
    record TrainSummary(int keptEpoch, double seconds, List<Map<String, Object>> curve,
                        List<Map<String, Object>> members) {
        TrainSummary(int keptEpoch, double seconds, List<Map<String, Object>> curve) {
            this(keptEpoch, seconds, curve, List.of());
        }
    }

    /** A fold's clips for one seed: training, validation (drawn from the training actors) and test. */
    record Split(SortedSet<Integer> valActors, ClipSelection train, ClipSelection validation, ClipSelection test) {
    }

    /**
     * The fold's split for ensemble member {@code member} (0 for a single network): the validation actors, or for a
     * speaker-dependent split the validation clips, are drawn with the run's seed + member, so member k is the same
     * network as member 0 of the run with seed + k.
     */
    static Split split(Fold f, FeatureDataset data, CvOptions o, int member) {
        long seed = o.seed() + member;
        if (f.speakerIndependent()) {
            SortedSet<Integer> val = ValidationActors.pick(f.trainActors(), o.validationActors(), seed + f.number());
            SortedSet<Integer> train = new TreeSet<>(f.trainActors());
            train.removeAll(val);
            return new Split(val, ClipSelection.actors(train), ClipSelection.actors(val),
                    ClipSelection.actors(f.testActors()));
        }
        // speaker-dependent: validation is a random tenth of the non-test clips
        List<String> rest = new ArrayList<>();
        for (String p : data.labelsByPath().keySet()) {
            if (!f.testPaths().contains(p)) {
                rest.add(p);
            }
        }
        java.util.Collections.shuffle(rest, new java.util.Random(seed));
        Set<String> valPaths = new HashSet<>(rest.subList(0, Math.max(1, rest.size() / 10)));
        Set<String> leaveOut = new HashSet<>(f.testPaths());
        leaveOut.addAll(valPaths);
        return new Split(new TreeSet<>(), new ClipSelection(f.trainActors(), null, leaveOut),
                new ClipSelection(f.trainActors(), valPaths, null),
                new ClipSelection(f.testActors(), f.testPaths(), null));
    }

    /** Ensemble member k of a (fold, model): its own training folder, named for its seed. */
    static Path memberDir(Path pairDir, CvOptions o, int k) {
        return pairDir.resolve("seed-" + (o.training().seed() + k));
    }

    private void trainAndTest(CvOptions o, FeatureDataset data, List<FeatureDataset> testCopies, Fold f,
                              ModelArchitecture arch, int member, Path dir, Split split) throws IOException {
        Path bundleFile = dir.resolve(ParameterAveragingTrainer.BUNDLE);
        long seed = o.training().seed() + member;
        String name = o.ensemble() == 1 ? arch.id()
                : String.format(Locale.ROOT, "%s member %d/%d (seed %d)", arch.id(), member + 1, o.ensemble(), seed);
        if (!Files.exists(dir.resolve(ParameterAveragingTrainer.SUCCESS))) {
            Map<String, Object> prov = new LinkedHashMap<>(o.provenance());
            prov.put("label", "fold " + f.number() + " " + name);
            prov.put("fold", f.number());
            prov.put("fold_scheme", o.scheme().spec());
            prov.put("test_actors", new ArrayList<>(f.testActors()));
            if (o.ensemble() > 1) {
                prov.put("ensemble_member", member + 1);
                prov.put("ensemble_size", o.ensemble());
            }
            boolean started = Files.exists(dir.resolve("train.json"));
            // member k adds k to the weight seed and to the data-order seed (and drew its validation actors with it)
            ModelConfig mc = o.modelConfigs().get(arch);
            TrainingConfig tc = o.training();
            if (member > 0) {
                mc = mc.withSeed(mc.seed() + member);
                tc = tc.withSeed(seed);
            }
            TrainRequest req = new TrainRequest(data, split.train(), split.validation(), mc, tc, dir,
                    started ? TrainRequest.Mode.RESUME : TrainRequest.Mode.FAIL_IF_EXISTS, prov);
            new ParameterAveragingTrainer(spark, log).train(req);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobGroup("cv", "cv: test fold " + f.number() + " " + arch.id(), false);
        List<LaterEpochs.BundleSource> networks = o.laterEpochs().sources(bundleFile, o.withLastEpoch()
                ? List.of(ParameterAveragingTrainer.lastNetwork(dir)) : List.of());
        // the test clips as recorded, then each copy, prepared as the training clips were; kept for a second network
        List<JavaRDD<Clip>> versions = new ArrayList<>();
        versions.add(ClipPreparation.apply(data, split.test(), o.training()));
        for (FeatureDataset copy : testCopies) {
            versions.add(ClipPreparation.apply(copy, split.test(), o.training()));
        }
        if (networks.size() > 1) {
            versions.forEach(v -> v.persist(StorageLevel.MEMORY_AND_DISK_SER()));
        }
        List<List<Prediction>> views = new ArrayList<>();
        for (LaterEpochs.BundleSource network : networks) {
            ModelBundle bundle = network.load();
            for (JavaRDD<Clip> version : versions) {
                views.add(SparkScorer.predict(jsc, bundle.network(), version, bundle.normalizer(), Emotion.COUNT, 64,
                        o.training().maxFrames()));
            }
        }
        versions.forEach(v -> v.unpersist(false));
        // the shares of this network's own training clips (an ensemble member's validation actors are its own)
        long[] clips = o.decision() == DecisionRule.ARGMAX ? null
                : data.clipsPerClass(split.train(), Emotion.COUNT);
        List<Prediction> preds = Prediction.decided(Prediction.mean(views), o.decision(), clips);
        String alone = "";
        List<Path> epochs = networks.stream().flatMap(n -> n.files().stream()).toList();
        if (views.size() > 1 || epochs.size() > 1) {
            String epochNote = epochs.size() > 2 || o.laterEpochs() == LaterEpochs.PARAMETERS
                    ? epochs.size() + " networks (epochs " + epochsPhrase(epochs) + ")" : "";
            alone = String.format(Locale.ROOT, "; %s as recorded only %.3f",
                    o.laterEpochs() == LaterEpochs.PARAMETERS ? "the mean of the parameters of " + epochNote
                            : (epochNote.isEmpty() ? "" : epochNote + ", ") + "the kept epoch's network",
                    metricsOf(Prediction.decided(views.get(0), o.decision(), clips)).uar());
        }
        writeTestPredictions(dir.resolve(TEST_PREDICTIONS), preds);
        ClassificationMetrics m = metricsOf(preds);
        log.printf(Locale.ROOT, "cv: fold %d %s: test UAR %.3f, accuracy %.3f (%d clips%s)%n", f.number(), name,
                m.uar(), m.accuracy(), preds.size(), alone);
    }

    /** "kept, 12-19" for the kept network and checkpoints/epoch-12.zip to epoch-19.zip; "kept" alone. */
    private static String epochsPhrase(List<Path> networks) {
        List<String> names = networks.subList(1, networks.size()).stream()
                .map(p -> p.getFileName().toString().replaceAll("\\D", "")).toList();
        return names.isEmpty() ? "kept" : "kept, " + names.get(0) + (names.size() > 1 ? "-" + names.get(
                names.size() - 1) : "");
    }

    /** A pair's (or member's) test predictions, sorted by path; written last, so its presence means done. */
    private static void writeTestPredictions(Path file, List<Prediction> preds) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Prediction p : preds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", p.path());
            m.put("actor", p.actor());
            m.put("label", p.label());
            m.put("probabilities", p.probabilities());
            rows.add(m);
        }
        rows.sort((a, b) -> ((String) a.get("path")).compareTo((String) b.get("path")));
        writeJson(file, rows);
    }

    private Map<String, Object> metrics(CvOptions o, FeatureDataset data, List<Fold> folds,
                                        Map<Integer, SortedSet<Integer>> valByFold,
                                        Map<Integer, Map<ModelArchitecture, List<Prediction>>> predictions,
                                        Map<Integer, Map<ModelArchitecture, TrainSummary>> trained,
                                        List<String> labels) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "serspark cv");
        out.put("fold_scheme", o.scheme().spec());
        out.put("speaker_independent", o.scheme().speakerIndependent());
        out.put("labels", labels);
        out.put("models", o.models().stream().map(ModelArchitecture::id).toList());
        out.put("epochs", o.training().epochs());
        out.put("seed", o.seed());
        out.put("ensemble", o.ensemble());
        out.put("test_speeds", o.testSpeeds());
        out.put("with_last_epoch", o.withLastEpoch());
        out.put("with_later_epochs", o.laterEpochs() != LaterEpochs.NONE);
        out.put("later_epochs_mean", o.laterEpochs() == LaterEpochs.PARAMETERS ? "parameters" : "probabilities");
        out.put("decision", o.decision().id());
        out.put("profile", o.provenance().getOrDefault("profile", "paper"));
        out.put("features", data.root());
        out.put("feature_fingerprint", data.fingerprint());
        out.put("code_version", BuildInfo.current().codeVersion());
        out.put("code", BuildInfo.current().provenance());
        out.put("spark_version", spark.version());
        out.put("created_at", Instant.now().toString());
        out.put("model_configs", o.models().stream().collect(java.util.stream.Collectors.toMap(
                ModelArchitecture::id, a -> o.modelConfigs().get(a).toMap(), (a, b) -> a, TreeMap::new)));
        out.put("training_config", o.training().toMap());
        out.put("configuration", o.provenance().get("configuration"));
        List<Map<String, Object>> foldList = new ArrayList<>();
        for (Fold f : folds) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("fold", f.number());
            fm.put("test_actors", new ArrayList<>(f.testActors()));
            fm.put("train_actors", new ArrayList<>(f.trainActors()));
            fm.put("val_actors", new ArrayList<>(valByFold.get(f.number())));
            Map<String, Object> models = new LinkedHashMap<>();
            for (ModelArchitecture a : o.models()) {
                List<Prediction> p = predictions.get(f.number()).get(a);
                TrainSummary ts = trained.get(f.number()).get(a);
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("metrics", metricsOf(p).toMap());
                mm.put("per_actor_accuracy", perActor(p));
                mm.put("per_gender_accuracy", perGender(p));
                mm.put("learning_curve", ts.curve());
                mm.put("kept_epoch", ts.keptEpoch());
                mm.put("train_seconds", ts.seconds());
                if (!ts.members().isEmpty()) {
                    mm.put("ensemble_members", ts.members());
                }
                models.put(a.id(), mm);
            }
            fm.put("models", models);
            foldList.add(fm);
        }
        out.put("folds", foldList);

        Map<String, Object> summary = new LinkedHashMap<>();
        Map<ModelArchitecture, double[]> uarByModel = new LinkedHashMap<>();
        Map<ModelArchitecture, double[]> accByModel = new LinkedHashMap<>();
        for (ModelArchitecture a : o.models()) {
            List<ClassificationMetrics> perFold = new ArrayList<>();
            List<Prediction> pooled = new ArrayList<>();
            for (Fold f : folds) {
                List<Prediction> p = predictions.get(f.number()).get(a);
                perFold.add(metricsOf(p));
                pooled.addAll(p);
            }
            Map<String, Object> s = new LinkedHashMap<>();
            double[] uar = perFold.stream().mapToDouble(ClassificationMetrics::uar).toArray();
            double[] acc = perFold.stream().mapToDouble(ClassificationMetrics::accuracy).toArray();
            uarByModel.put(a, uar);
            accByModel.put(a, acc);
            s.put("accuracy", FoldSummary.of(acc).toMap());
            s.put("uar", FoldSummary.of(uar).toMap());
            s.put("macro_f1", FoldSummary.of(perFold.stream().mapToDouble(ClassificationMetrics::macroF1)
                    .toArray()).toMap());
            s.put("macro_precision", FoldSummary.of(perFold.stream()
                    .mapToDouble(ClassificationMetrics::macroPrecision).toArray()).toMap());
            s.put("macro_recall", FoldSummary.of(perFold.stream().mapToDouble(ClassificationMetrics::macroRecall)
                    .toArray()).toMap());
            Map<String, Object> perClass = new LinkedHashMap<>();
            for (int c = 0; c < labels.size(); c++) {
                final int k = c;
                Map<String, Object> pc = new LinkedHashMap<>();
                pc.put("precision", FoldSummary.of(perFold.stream().mapToDouble(m -> m.precision(k)).toArray())
                        .toMap());
                pc.put("recall", FoldSummary.of(perFold.stream().mapToDouble(m -> m.recall(k)).toArray()).toMap());
                pc.put("f1", FoldSummary.of(perFold.stream().mapToDouble(m -> m.f1(k)).toArray()).toMap());
                perClass.put(labels.get(c), pc);
            }
            s.put("per_class", perClass);
            s.put("confusion_matrix", metricsOf(pooled).confusionMatrix().toMap());
            s.put("per_actor_accuracy", perActor(pooled));
            s.put("per_gender_accuracy", perGender(pooled));
            summary.put(a.id(), s);
        }
        out.put("summary", summary);
        if (o.models().contains(ModelArchitecture.DUAL_LSTM) && o.models().contains(ModelArchitecture.SINGLE_LSTM)
                && folds.size() >= 2) {
            Map<String, Object> cmp = new LinkedHashMap<>();
            cmp.put("model_a", ModelArchitecture.DUAL_LSTM.id());
            cmp.put("model_b", ModelArchitecture.SINGLE_LSTM.id());
            cmp.put("uar", PairedComparison.of(uarByModel.get(ModelArchitecture.DUAL_LSTM),
                    uarByModel.get(ModelArchitecture.SINGLE_LSTM)).toMap());
            cmp.put("accuracy", PairedComparison.of(accByModel.get(ModelArchitecture.DUAL_LSTM),
                    accByModel.get(ModelArchitecture.SINGLE_LSTM)).toMap());
            out.put("comparison", cmp);
        }
        out.put("anchors", Anchors.LIST);
        return out;
    }

    static ClassificationMetrics metricsOf(List<Prediction> preds) {
        return Prediction.metrics(preds);
    }

    private static Map<String, Object> perActor(List<Prediction> preds) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<Integer, int[]> counts = new TreeMap<>();
        for (Prediction p : preds) {
            int[] c = counts.computeIfAbsent(p.actor(), k -> new int[2]);
            c[0] += p.predicted() == p.label() ? 1 : 0;
            c[1]++;
        }
        counts.forEach((a, c) -> m.put(Integer.toString(a), (double) c[0] / c[1]));
        return m;
    }

    private static Map<String, Object> perGender(List<Prediction> preds) {
        List<String> keys = new ArrayList<>();
        int[] t = new int[preds.size()];
        int[] p = new int[preds.size()];
        for (int i = 0; i < t.length; i++) {
            keys.add(preds.get(i).actor() % 2 == 1 ? "male" : "female");
            t[i] = preds.get(i).label();
            p[i] = preds.get(i).predicted();
        }
        GroupAccuracy<String> g = GroupAccuracy.of(keys, t, p);
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : g.keys()) {
            m.put(k, g.accuracy(k));
        }
        return m;
    }

    private void checkRun(CvOptions o, FeatureDataset data) throws IOException {
        Map<String, Object> run = new TreeMap<>();
        run.put("fold_scheme", o.scheme().spec());
        run.put("models", o.models().stream().map(ModelArchitecture::id).toList());
        run.put("seed", o.seed());
        run.put("training", o.training().toMap());
        run.put("model_configs", o.models().stream().map(a -> o.modelConfigs().get(a).toMap()).toList());
        run.put("feature_fingerprint", data.fingerprint());
        run.put("validation_actors", o.validationActors());
        if (o.ensemble() > 1) {
            run.put("ensemble", o.ensemble()); // absent for one network, so runs from before the option resume
        }
        if (!o.testSpeeds().isEmpty()) {
            run.put("test_speeds", o.testSpeeds()); // likewise absent without test-time copies
        }
        if (o.withLastEpoch()) {
            run.put("with_last_epoch", true); // and without the last epoch's network
        }
        if (o.laterEpochs() != LaterEpochs.NONE) {
            run.put("with_later_epochs", true);
        }
        if (o.laterEpochs() == LaterEpochs.PARAMETERS) {
            run.put("later_epochs_mean", "parameters"); // absent for probabilities, so those runs resume
        }
        if (!data.selection().isAll()) {
            run.put("feature_blocks", data.selection().spec());
        }
        if (o.decision() != DecisionRule.ARGMAX) {
            run.put("decision", o.decision().id()); // absent for argmax, so the runs from before it resume
        }
        Path file = o.output().resolve(RUN);
        Map<?, ?> now = JSON.readValue(JSON.writeValueAsBytes(run), Map.class);
        if (Files.exists(file)) {
            Map<?, ?> before = JSON.readValue(file.toFile(), Map.class);
            if (!RunSettings.same(before, now)) {
                throw new IllegalStateException(o.output() + " holds a cross-validation with other settings (see "
                        + file + "); choose another --output or delete it");
            }
            log.println("cv: resuming " + o.output());
            return;
        }
        writeJson(file, run);
    }

    @SuppressWarnings("unchecked")
    private static List<Prediction> readPredictions(Path file) throws IOException {
        List<Map<String, Object>> rows = JSON.readValue(file.toFile(), List.class);
        List<Prediction> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            List<Number> p = (List<Number>) r.get("probabilities");
            float[] probs = new float[p.size()];
            for (int i = 0; i < probs.length; i++) {
                probs[i] = p.get(i).floatValue();
            }
            out.add(new Prediction((String) r.get("path"), ((Number) r.get("actor")).intValue(),
                    ((Number) r.get("label")).intValue(), probs));
        }
        return out;
    }

    /** An ensemble's members, each with its seed, kept epoch, training time and own test metrics. */
    private static TrainSummary readEnsembleSummary(Path dir, CvOptions o) throws IOException {
        List<Map<String, Object>> members = new ArrayList<>();
        TrainSummary first = null;
        double seconds = 0;
        for (int k = 0; k < o.ensemble(); k++) {
            Path md = memberDir(dir, o, k);
            TrainSummary ts = readTrainSummary(md);
            first = first == null ? ts : first;
            seconds += ts.seconds();
            ClassificationMetrics m = metricsOf(readPredictions(md.resolve(TEST_PREDICTIONS)));
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("seed", o.training().seed() + k);
            mm.put("val_actors", JSON.readValue(md.resolve("train.json").toFile(), Map.class)
                    .get("val_actors"));
            mm.put("kept_epoch", ts.keptEpoch());
            mm.put("train_seconds", ts.seconds());
            mm.put("uar", m.uar());
            mm.put("accuracy", m.accuracy());
            members.add(mm);
        }
        return new TrainSummary(first.keptEpoch(), seconds, first.curve(), members);
    }

    @SuppressWarnings("unchecked")
    private static TrainSummary readTrainSummary(Path dir) throws IOException {
        Map<String, Object> m = JSON.readValue(dir.resolve("metrics.json").toFile(), Map.class);
        List<Map<String, Object>> curve = new ArrayList<>();
        String csv = Files.readString(dir.resolve("learning_curve.csv"), StandardCharsets.UTF_8);
        String[] lines = csv.split("\n");
        String[] head = lines[0].split(",");
        for (int i = 1; i < lines.length; i++) {
            String[] v = lines[i].split(",");
            Map<String, Object> row = new LinkedHashMap<>();
            for (int k = 0; k < head.length; k++) {
                double d = Double.parseDouble(v[k]);
                row.put(head[k], k == 0 ? (Object) (int) d : Double.isFinite(d) ? d : null);
            }
            curve.add(row);
        }
        double secs = 0;
        for (Map<String, Object> r : curve) {
            secs += r.get("seconds") == null ? 0 : (Double) r.get("seconds");
        }
        return new TrainSummary(((Number) m.get("kept_epoch")).intValue(), secs, curve);
    }

    private void writePerFoldCsv(Path file, List<Fold> folds, List<ModelArchitecture> models,
                                 Map<Integer, Map<ModelArchitecture, List<Prediction>>> preds, List<String> labels)
            throws IOException {
        StringBuilder sb = new StringBuilder("fold,model,test_actors,n,accuracy,uar,macro_f1,macro_precision,"
                + "macro_recall\n");
        for (Fold f : folds) {
            for (ModelArchitecture a : models) {
                ClassificationMetrics m = metricsOf(preds.get(f.number()).get(a));
                sb.append(String.format(Locale.ROOT, "%d,%s,%s,%d,%.6f,%.6f,%.6f,%.6f,%.6f%n", f.number(), a.id(),
                        f.speakerIndependent() ? String.join(" ", f.testActors().stream().map(String::valueOf)
                                .toList()) : "random clips", m.total(), m.accuracy(), m.uar(), m.macroF1(),
                        m.macroPrecision(), m.macroRecall()));
            }
        }
        AtomicFiles.writeString(file, sb);
    }

    private void writePredictions(Path dir, Map<Integer, Map<ModelArchitecture, List<Prediction>>> preds,
                                  List<String> labels) {
        List<Row> rows = new ArrayList<>();
        preds.forEach((fold, byModel) -> byModel.forEach((arch, list) -> {
            for (Prediction p : list) {
                rows.add(RowFactory.create(p.path(), arch.id(), fold, p.actor(), labels.get(p.label()),
                        labels.get(p.predicted()), p.probabilities()));
            }
        }));
        spark.createDataFrame(rows, PREDICTIONS).coalesce(1).write().mode("overwrite").parquet(dir.toString());
    }

    static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(value));
    }
}
