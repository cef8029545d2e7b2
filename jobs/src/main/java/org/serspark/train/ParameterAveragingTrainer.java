package org.serspark.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.serspark.BuildInfo;
import org.serspark.audio.Perturbation;
import org.serspark.conf.RunSettings;
import org.serspark.io.AtomicFiles;
import org.serspark.metrics.ClassificationMetrics;
import org.serspark.model.ClassWeights;
import org.serspark.model.ClipPredictor;
import org.serspark.model.DecisionRule;
import org.serspark.model.FeatureNormalizer;
import org.serspark.model.FeatureStats;
import org.serspark.model.LearningRateSchedule;
import org.serspark.model.LengthBuckets;
import org.serspark.model.Mixup;
import org.serspark.model.ModelBundle;
import org.serspark.model.NetworkFactory;
import org.serspark.model.SequenceDataSets;
import org.serspark.model.SpeedCopies;
import org.serspark.model.TrainingConfig;
import org.serspark.model.WeightAverage;
import org.serspark.ravdess.Emotion;
import scala.Tuple2;

/**
 * Fits a network with DL4J-on-Spark parameter averaging: each worker fits {@code averaging_frequency} minibatches
 * of {@code batch_size} clips from its partition, then the driver averages parameters and Adam state.
 *
 * <p>Clips are read from Parquet on the executors; the per-feature normaliser is fitted on the training actors
 * with one distributed aggregate and broadcast. Every epoch reshuffles clips within partitions (seeded), scores
 * the validation actors on the executors, writes the learning curve and a checkpoint that a killed run resumes
 * from. With early stopping the best validation epoch is kept, else the last. With {@code weight_averaging} the
 * network validated and kept is the epochs' moving average of the parameters ({@link WeightAverage}).
 */
public final class ParameterAveragingTrainer {
    public static final String SUCCESS = "_SUCCESS";
    public static final String BUNDLE = "model.zip";
    static final String LAST = "checkpoints/last.zip";
    static final String BEST = "checkpoints/best.zip";
    /** With weight averaging: the average after epoch N (written before LAST, the one before deleted after it). */
    static final String AVERAGE = "checkpoints/average-%d.zip";
    /**
     * With early stopping: the network of epoch N, for each epoch after the best so far (without Adam state; deleted
     * when a later epoch becomes the best), so {@code training.with_later_epochs} can score them after training.
     */
    static final String EPOCH = "checkpoints/epoch-%d.zip";
    private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d+)\\.zip");
    static final String RUN = "train.json";
    /** Bundle metadata: frame columns the network reads, when it was trained on some feature blocks only. */
    public static final String FEATURE_COLUMNS = ClipPredictor.FEATURE_COLUMNS;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final SparkSession spark;
    private final PrintStream log;

    public ParameterAveragingTrainer(SparkSession spark, PrintStream log) {
        this.spark = spark;
        this.log = log;
    }

    public TrainResult train(TrainRequest req) throws IOException {
        long t0 = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Path out = req.output();
        Map<String, Object> run = runDescription(req);
        prepare(out, req.mode(), run);
        // beside the run description, not in it: a run resumed from before serspark recorded them stays the same run
        List<Long> clipsPerClass = Arrays.stream(req.data().clipsPerClass(req.train(),
                req.model().nClasses())).boxed().toList();
        Map<String, Object> bundleRun = new TreeMap<>(run);
        bundleRun.put(DecisionRule.CLIPS_PER_CLASS, clipsPerClass);
        TrainingConfig tc = req.training();
        String name = String.valueOf(req.provenance().getOrDefault("label", req.model().architecture().id()));
        int workers = jsc.defaultParallelism();

        jsc.setJobGroup("train", "train " + name + ": load and normalise " + req.train(), false);
        int nFeatures = req.model().nFeatures();
        JavaPairRDD<Integer, Clip> tagged = versions(req.data(), req.train(), tc).repartition(workers)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        JavaRDD<Clip> train = tagged.values();
        int nVersions = 1 + tc.copies().size();
        boolean onePerEpoch = tc.speedCopies() == SpeedCopies.ONE && nVersions > 1;
        int copiesPerEpoch = tc.copiesPerEpoch();
        JavaRDD<Clip> val = req.validation().isEmpty() ? null
                : ClipPreparation.apply(req.data(), req.validation(), tc)
                        .persist(StorageLevel.MEMORY_AND_DISK_SER());
        FeatureNormalizer normalizer = train.aggregate(new FeatureStats(nFeatures), (s, c) -> s.add(c.frames()),
                FeatureStats::merge).toNormalizer();
        long nTrain = train.count();
        long nVal = val == null ? 0 : val.count();
        log.printf(Locale.ROOT, "train %s: %d training clips (%s%s), %d validation clips (%s), %d workers%n",
                name, nTrain, req.train(), (tc.copies().isEmpty() ? ""
                        : "; as recorded and " + copiesPhrase(tc)
                                + (onePerEpoch ? ", one version per clip and epoch" : "")
                                + (copiesPerEpoch > 0 ? ", the recording and " + copiesPerEpoch + " of its "
                                        + (nVersions - 1) + " copies per clip and epoch" : ""))
                        + (tc.mixup() > 0 ? "; mixup, alpha " + tc.mixup() : "")
                        + (tc.weightAveraging() > 0 ? "; weights averaged over epochs, decay "
                                + tc.weightAveraging() : ""),
                nVal, req.validation(), workers);
        Broadcast<FeatureNormalizer> bNorm = jsc.broadcast(normalizer);

        MultiLayerNetwork net;
        WeightAverage averaging = tc.weightAverageOrNull();
        INDArray average = null;
        List<EpochRecord> curve = new ArrayList<>();
        int bestEpoch = 0;
        double bestScore = tc.stoppingMetric().worst();
        int start = 1;
        Path last = out.resolve(LAST);
        if (Files.exists(last)) {
            ModelBundle ck = ModelBundle.load(last);
            net = ck.network();
            @SuppressWarnings("unchecked")
            Map<String, Object> state = (Map<String, Object>) ck.metadata().get("checkpoint");
            curve.addAll(readCurve(state));
            bestEpoch = ((Number) state.get("best_epoch")).intValue();
            bestScore = ((Number) state.get("best_score")).doubleValue();
            start = curve.size() + 1;
            if (averaging != null) {
                Path avg = averagePath(out, curve.size());
                if (!Files.exists(avg)) {
                    throw new IllegalStateException("cannot resume " + out + ": " + last + " is epoch " + curve.size()
                            + " but " + avg + ", its average of the parameters, is missing; use --overwrite");
                }
                average = ModelBundle.load(avg).network().params().dup();
            }
            if (tc.earlyStopping() && bestEpoch == curve.size()) {
                Files.copy(averaging == null ? last : averagePath(out, curve.size()), out.resolve(BEST),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            log.printf(Locale.ROOT, "train %s: resuming after epoch %d%n", name, curve.size());
        } else {
            double[] weights = tc.classWeights() == ClassWeights.NONE ? null
                    : tc.classWeights().weights(clipsPerClass(train, req.model().nClasses()));
            if (weights != null) {
                log.printf(Locale.ROOT, "train %s: class weights %s%n", name, classWeightsLine(weights));
            }
            net = NetworkFactory.build(req.model(), weights);
        }
        int resumedFrom = start - 1;

        // the RDD holds whole minibatches (see minibatches()): the master counts examples per DataSet object
        ParameterAveragingTrainingMaster tm = new ParameterAveragingTrainingMaster.Builder(tc.batchSize())
                .batchSizePerWorker(tc.batchSize())
                .averagingFrequency(tc.averagingFrequency())
                .workerPrefetchNumBatches(tc.workerPrefetch())
                // Export needs a filesystem all executors share; Direct works everywhere (../docs/cluster.md)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                // The minibatches of an epoch are made on the executors, one partition per worker, already
                // balanced, and kept as objects: DL4J's defaults (a balancing shuffle per averaging round, the RDD
                // kept serialized) went through ND4J's element-by-element serialisation each round, about a third
                // of a local[2] epoch once the LSTM itself was fast (docs/RESULTS.md section 3).
                .repartionData(Repartition.Never)
                .storageLevel(StorageLevel.MEMORY_ONLY())
                .saveUpdater(true)
                .rngSeed(tc.seed())
                .build();
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(jsc, net, tm);

        boolean stoppedEarly = false;
        int sinceBest = bestEpoch == 0 ? 0 : curve.size() - bestEpoch;
        for (int epoch = start; epoch <= tc.epochs(); epoch++) {
            if (tc.earlyStopping() && sinceBest >= tc.patience()) {
                stoppedEarly = true;
                break;
            }
            long te = System.nanoTime();
            jsc.setJobGroup("train", String.format(Locale.ROOT, "train %s: epoch %d/%d", name, epoch, tc.epochs()),
                    false);
            final int ep = epoch;
            long seed = tc.seed();
            int maxFrames = tc.maxFrames();
            int batchSize = tc.batchSize();
            int pool = tc.bucketPool();
            Mixup mixup = tc.mixupOrNull();
            JavaRDD<Clip> epochClips = onePerEpoch ? oneVersionEach(tagged, ep, seed, nVersions)
                    : copiesPerEpoch > 0 ? recordingAndDrawnCopies(tagged, ep, seed, nVersions - 1, copiesPerEpoch)
                    : train;
            JavaRDD<DataSet> data = epochClips.mapPartitionsWithIndex((idx, it) -> minibatches(it,
                    seed * 1_000_003L + ep * 7919L + idx, bNorm.value(), maxFrames, batchSize, pool, mixup), true);
            if (tc.lrSchedule() != LearningRateSchedule.CONSTANT) {
                // the training master sends the master network's configuration to the workers every averaging
                // round, so the rate set here is the one they fit with (ParameterAveragingTrainerTest)
                sparkNet.getNetwork().setLearningRate(tc.lrSchedule().rate(req.model().learningRate(), epoch,
                        tc.epochs()));
            }
            sparkNet.fit(data);
            net = sparkNet.getNetwork();
            double trainLoss = sparkNet.getScore();
            MultiLayerNetwork scored = net;
            if (averaging != null) {
                average = averaging.next(average, net.params());
                scored = WeightAverage.withParams(net, average);
            }
            double valLoss = Double.NaN;
            double valAcc = Double.NaN;
            double valUar = Double.NaN;
            if (val != null) {
                jsc.setJobGroup("train", String.format(Locale.ROOT, "train %s: validate epoch %d", name, epoch), false);
                List<Prediction> preds = SparkScorer.predict(jsc, scored, val, normalizer, Emotion.COUNT, 64,
                        maxFrames);
                ClassificationMetrics m = metrics(preds);
                valLoss = crossEntropy(preds);
                valAcc = m.accuracy();
                valUar = m.uar();
            }
            double secs = (System.nanoTime() - te) / 1e9;
            EpochRecord rec = new EpochRecord(epoch, trainLoss, valLoss, valAcc, valUar, secs);
            curve.add(rec);
            double score = tc.stoppingMetric() == TrainingConfig.StoppingMetric.UAR ? valUar : valLoss;
            boolean improved = val != null && tc.stoppingMetric().better(score, bestScore);
            if (improved || val == null || !tc.earlyStopping()) {
                if (improved) {
                    bestScore = score;
                }
                bestEpoch = epoch;
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            log.println(epochLine(name, rec, tc.epochs(), curve, start));
            // the average first: a run killed between the two writes resumes from the previous LAST and its average
            if (averaging != null) {
                bundle(scored, normalizer, req, curve, bestEpoch, bestScore, bundleRun)
                        .save(averagePath(out, epoch), false);
            }
            if (tc.earlyStopping() && bestEpoch != epoch) {
                bundle(scored, normalizer, req, curve, bestEpoch, bestScore, bundleRun)
                        .save(epochPath(out, epoch), false);
            }
            bundle(net, normalizer, req, curve, bestEpoch, bestScore, bundleRun).save(out.resolve(LAST), true);
            if (averaging != null) {
                Files.deleteIfExists(averagePath(out, epoch - 1));
            }
            if (tc.earlyStopping() && bestEpoch == epoch) {
                Files.copy(averaging == null ? out.resolve(LAST) : averagePath(out, epoch), out.resolve(BEST),
                        StandardCopyOption.REPLACE_EXISTING);
                // after BEST: a run killed before this resumes with the stale ones, which the end removes
                deleteEpochNetworks(out, 1, epoch);
            }
        }
        jsc.clearJobGroup();
        tagged.unpersist(false);
        if (val != null) {
            val.unpersist(false);
        }
        bNorm.destroy();

        // left by a run killed between writes: those of epochs up to the kept one, or past the last (a rerun epoch)
        deleteEpochNetworks(out, 1, bestEpoch);
        deleteEpochNetworks(out, curve.size() + 1, Integer.MAX_VALUE);
        Path kept = tc.earlyStopping() && Files.exists(out.resolve(BEST)) ? out.resolve(BEST)
                : averaging != null ? averagePath(out, curve.size()) : out.resolve(LAST);
        ModelBundle finalBundle = ModelBundle.load(kept);
        Map<String, Object> meta = new LinkedHashMap<>(finalBundle.metadata());
        meta.remove("checkpoint");
        meta.put(DecisionRule.CLIPS_PER_CLASS, clipsPerClass); // the kept epoch may predate the key
        meta.put("kept_epoch", bestEpoch);
        meta.put("stopped_early", stoppedEarly);
        meta.put("learning_curve", curveMaps(curve));
        new ModelBundle(finalBundle.network(), finalBundle.normalizer(), finalBundle.featureConfig(),
                finalBundle.labels(), meta).save(out.resolve(BUNDLE), false);
        writeCurve(out, curve);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("kept_epoch", bestEpoch);
        metrics.put("last_epoch", curve.size());
        metrics.put("stopped_early", stoppedEarly);
        metrics.put("validation_at_kept_epoch", curveMaps(List.of(curve.get(bestEpoch - 1))).get(0));
        metrics.put("seconds_this_invocation", seconds);
        metrics.put("resumed_after_epoch", resumedFrom);
        metrics.put("code_version", BuildInfo.current().codeVersion());
        write(out.resolve("metrics.json"), JSON.writeValueAsBytes(metrics));
        write(out.resolve(SUCCESS), new byte[0]);
        EpochRecord keptRecord = curve.get(bestEpoch - 1);
        log.printf(Locale.ROOT, "train %s: kept epoch %d%s -> %s (%.1f s)%n", name, bestEpoch,
                !keptRecord.validated() ? " (no validation actors: the last)" : String.format(Locale.ROOT,
                        " (val UAR %.3f, accuracy %.3f)", keptRecord.valUar(), keptRecord.valAccuracy()),
                out.resolve(BUNDLE), seconds);
        return new TrainResult(out.resolve(BUNDLE), List.copyOf(curve), bestEpoch, stoppedEarly, resumedFrom,
                seconds);
    }

    /**
     * The network of a finished training's last epoch, {@code dir/checkpoints/last.zip}: where early stopping stopped
     * ({@code training.with_last_epoch} averages it with the kept one). Training keeps it after it finishes.
     *
     * @throws IllegalStateException naming the file when it is not there
     */
    public static Path lastNetwork(Path dir) {
        Path last = dir.resolve(LAST);
        if (!Files.exists(last)) {
            throw new IllegalStateException(last + ": no such file; training.with_last_epoch also scores the last "
                    + "epoch's network, which train keeps there (was checkpoints/ deleted, or the folder copied "
                    + "without it?)");
        }
        return last;
    }

    /**
     * The networks of the epochs after the kept one up to the last, {@code dir/checkpoints/epoch-N.zip} in epoch order
     * ({@code training.with_later_epochs} averages them with the kept one); empty when the kept epoch was the last.
     * Training keeps them when it stops early or runs out of epochs with early stopping on.
     *
     * @throws IllegalStateException naming the file that is missing, or metrics.json when it does not say which
     *                               epochs were kept and last (trained before these networks were kept)
     */
    public static List<Path> laterNetworks(Path dir) throws IOException {
        Path metricsFile = dir.resolve("metrics.json");
        Map<?, ?> metrics = Files.exists(metricsFile) ? JSON.readValue(metricsFile.toFile(), Map.class) : Map.of();
        if (!(metrics.get("kept_epoch") instanceof Number kept) || !(metrics.get("last_epoch") instanceof Number last)) {
            throw new IllegalStateException(metricsFile + " does not give kept_epoch and last_epoch: training."
                    + "with_later_epochs scores the networks of the epochs after the kept one, which train keeps in "
                    + dir.resolve("checkpoints") + " since it records last_epoch (trained before that?)");
        }
        List<Path> out = new ArrayList<>();
        for (int e = kept.intValue() + 1; e <= last.intValue(); e++) {
            Path p = epochPath(dir, e);
            if (!Files.exists(p)) {
                throw new IllegalStateException(p + ": no such file; training.with_later_epochs also scores the "
                        + "networks of epochs " + (kept.intValue() + 1) + "-" + last + " (after the kept epoch "
                        + kept + "), which train keeps there (was checkpoints/ deleted, or the folder copied "
                        + "without it?)");
            }
            out.add(p);
        }
        return out;
    }

    static Path epochPath(Path out, int epoch) {
        return out.resolve(String.format(Locale.ROOT, EPOCH, epoch));
    }

    /** Deletes checkpoints/epoch-N.zip for from <= N <= to. */
    private static void deleteEpochNetworks(Path out, int from, int to) throws IOException {
        Path dir = out.resolve("checkpoints");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Matcher m = EPOCH_FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    long n = Long.parseLong(m.group(1));
                    if (n >= from && n <= to) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    static Path averagePath(Path out, int epoch) {
        return out.resolve(String.format(Locale.ROOT, AVERAGE, epoch));
    }

    /** "played at speeds [0.9, 1.1]", "with pitch made [0.9, 1.1] times as high", or both joined by "and". */
    static String copiesPhrase(TrainingConfig tc) {
        List<String> parts = new ArrayList<>();
        if (!tc.speedPerturbation().isEmpty()) {
            parts.add("played at speeds " + tc.speedPerturbation());
        }
        if (!tc.pitchPerturbation().isEmpty()) {
            parts.add("with pitch made " + tc.pitchPerturbation() + " times as high");
        }
        return String.join(" and ", parts);
    }

    /**
     * The training clips as recorded, tagged 0, and their copies ({@link TrainingConfig#copies()}: each of
     * {@code training.speed_perturbation}'s speeds, then each of {@code pitch_perturbation}'s factors), tagged 1, 2,
     * ... in that order.
     */
    static JavaPairRDD<Integer, Clip> versions(FeatureDataset data, ClipSelection clips, TrainingConfig tc)
            throws IOException {
        JavaPairRDD<Integer, Clip> versions = ClipPreparation.apply(data, clips, tc).mapToPair(c -> new Tuple2<>(0, c));
        List<Perturbation> copies = tc.copies();
        for (int k = 1; k <= copies.size(); k++) {
            final int tag = k;
            // each copy is prepared on its own, so per-speaker normalisation sees it as a speaker of its own
            versions = versions.union(ClipPreparation.apply(data.copy(copies.get(k - 1)), clips, tc)
                    .mapToPair(c -> new Tuple2<>(tag, c)));
        }
        return versions;
    }

    /**
     * The clips of one epoch under {@code speed_copies: one}: of each clip's {@code n} tagged versions, the one
     * {@link SpeedCopies#drawn} picks for this epoch. Keeps the partitions (one per worker) as they are.
     */
    static JavaRDD<Clip> oneVersionEach(JavaPairRDD<Integer, Clip> tagged, int epoch, long seed, int n) {
        return tagged.filter(t -> SpeedCopies.drawn(t._2().path(), epoch, seed, n) == t._1()).values();
    }

    /**
     * The clips of one epoch under {@code copies_per_epoch: k}: each clip as recorded (tag 0) and the {@code k} of its
     * {@code nCopies} copies {@link SpeedCopies#drawnCopies} picks for this epoch. Keeps the partitions as they are.
     */
    static JavaRDD<Clip> recordingAndDrawnCopies(JavaPairRDD<Integer, Clip> tagged, int epoch, long seed, int nCopies,
                                                 int k) {
        return tagged.filter(t -> t._1() == 0
                || SpeedCopies.drawnCopies(t._2().path(), epoch, seed, nCopies, k)[t._1() - 1]).values();
    }

    /**
     * One partition's clips as this epoch's minibatches: seeded random grouping of similar-length clips
     * ({@link LengthBuckets}), each minibatch one DataSet padded to its longest clip with feature masks, then
     * mixed ({@link Mixup}) when {@code mixup} is not null. Mixup draws from its own seeded generator, so the
     * minibatches group the same clips with and without it.
     */
    static Iterator<DataSet> minibatches(Iterator<Clip> it, long seed, FeatureNormalizer norm, int maxFrames,
                                         int batchSize, int bucketPool, Mixup mixup) {
        List<Clip> clips = new ArrayList<>();
        it.forEachRemaining(clips::add);
        int[] lengths = new int[clips.size()];
        for (int i = 0; i < lengths.length; i++) {
            int n = clips.get(i).frames().length;
            lengths[i] = maxFrames > 0 ? Math.min(maxFrames, n) : n;
        }
        List<DataSet> out = new ArrayList<>();
        Random mixRnd = new Random(seed ^ 0x6D69787570L);
        for (int[] batch : LengthBuckets.batches(lengths, batchSize, bucketPool, new Random(seed))) {
            List<float[][]> frames = new ArrayList<>(batch.length);
            int[] labels = new int[batch.length];
            for (int k = 0; k < batch.length; k++) {
                frames.add(clips.get(batch[k]).frames());
                labels[k] = clips.get(batch[k]).label();
            }
            DataSet ds = SequenceDataSets.toDataSet(frames, labels, Emotion.COUNT, norm, maxFrames);
            out.add(mixup == null ? ds : mixup.apply(ds, mixRnd));
        }
        return out.iterator();
    }

    static ClassificationMetrics metrics(List<Prediction> preds) {
        return Prediction.metrics(preds);
    }

    /** Mean negative log-likelihood of the true class (probabilities floored at 1e-7 as Keras does). */
    static double crossEntropy(List<Prediction> preds) {
        double sum = 0;
        for (Prediction p : preds) {
            sum -= Math.log(Math.max(1e-7, p.probabilities()[p.label()]));
        }
        return sum / preds.size();
    }

    private ModelBundle bundle(MultiLayerNetwork net, FeatureNormalizer norm, TrainRequest req,
                               List<EpochRecord> curve, int bestEpoch, double bestScore, Map<String, Object> run) {
        Map<String, Object> meta = new LinkedHashMap<>(run);
        meta.put("created_at", Instant.now().toString());
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("curve", curveMaps(curve));
        state.put("best_epoch", bestEpoch);
        state.put("best_score", Double.isInfinite(bestScore) ? (bestScore > 0 ? 1e308 : -1e308) : bestScore);
        meta.put("checkpoint", state);
        return new ModelBundle(net, norm, req.data().config(), Emotion.labels(), meta);
    }

    private Map<String, Object> runDescription(TrainRequest req) {
        Map<String, Object> m = new TreeMap<>();
        m.put("model_config", req.model().toMap());
        m.put("training_config", req.training().toMap());
        m.put("train_actors", new ArrayList<>(req.train().actors()));
        m.put("val_actors", new ArrayList<>(req.validation().actors()));
        if (req.train().exclude() != null || req.validation().include() != null) {
            m.put("clip_level_split", "speaker-dependent: train leaves out " + sizeOf(req.train().exclude())
                    + " clips, validation lists " + sizeOf(req.validation().include()));
        }
        m.put("features", req.data().root());
        m.put("feature_fingerprint", req.data().fingerprint());
        if (!req.data().selection().isAll()) {
            // predict extracts every block and keeps these columns (ClipPredictor)
            m.put(FEATURE_COLUMNS, java.util.Arrays.stream(req.data().selection().columns()).boxed().toList());
            m.put(ClipPredictor.FEATURE_BLOCKS, req.data().selection().spec());
            if (req.data().selection().deltaOrder() > 0) {
                m.put(ClipPredictor.FEATURE_DELTAS, req.data().selection().deltaOrder());
            }
        }
        m.put("code", BuildInfo.current().provenance());
        m.put("code_version", BuildInfo.current().codeVersion());
        m.put("spark_version", spark.version());
        m.put("dl4j_version", "1.0.0-M2");
        m.put("trainer", "DL4J-on-Spark parameter averaging (" + spark.sparkContext().master() + ")");
        m.putAll(req.provenance());
        return m;
    }

    private void prepare(Path out, TrainRequest.Mode mode, Map<String, Object> run) throws IOException {
        Map<String, Object> comparable = new TreeMap<>(run);
        for (String volatileKey : List.of("code", "code_version", "trainer", "spark_version")) {
            comparable.remove(volatileKey);
        }
        Path runFile = out.resolve(RUN);
        boolean exists = Files.isDirectory(out) && Files.list(out).findAny().isPresent();
        if (exists) {
            boolean complete = Files.exists(out.resolve(SUCCESS));
            boolean ours = complete || Files.exists(runFile);
            switch (mode) {
                case FAIL_IF_EXISTS -> throw new IllegalStateException(complete
                        ? out + " already holds a trained model; use --overwrite to train again"
                        : ours ? out + " holds an interrupted training run; use --resume to continue it or "
                                + "--overwrite to start again"
                                : out + " exists and is not empty; choose another --output");
                case OVERWRITE -> {
                    if (!ours) {
                        throw new IllegalStateException(out + " is not a serspark training run; refusing to "
                                + "overwrite it");
                    }
                    deleteTree(out);
                }
                case RESUME -> {
                    if (complete) {
                        throw new IllegalStateException(out + " is already complete; nothing to resume");
                    }
                    if (!ours) {
                        throw new IllegalStateException(out + " is not a serspark training run; nothing to resume");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> previous = JSON.readValue(runFile.toFile(), Map.class);
                    Map<String, Object> now = JSON.readValue(JSON.writeValueAsBytes(comparable), Map.class);
                    if (!RunSettings.same(previous, now)) {
                        throw new IllegalStateException("cannot resume " + out + ": it was started with another "
                                + "configuration (see " + runFile + "); use --overwrite");
                    }
                    return;
                }
            }
        }
        Files.createDirectories(out.resolve("checkpoints"));
        write(runFile, JSON.writeValueAsBytes(comparable));
    }

    static List<Map<String, Object>> curveMaps(List<EpochRecord> curve) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EpochRecord r : curve) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", r.epoch());
            m.put("train_loss", finite(r.trainLoss()));
            m.put("val_loss", finite(r.valLoss()));
            m.put("val_accuracy", finite(r.valAccuracy()));
            m.put("val_uar", finite(r.valUar()));
            m.put("seconds", r.seconds());
            out.add(m);
        }
        return out;
    }

    private static int sizeOf(java.util.Set<String> s) {
        return s == null ? 0 : s.size();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    @SuppressWarnings("unchecked")
    private static List<EpochRecord> readCurve(Map<String, Object> state) {
        List<EpochRecord> out = new ArrayList<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) state.get("curve")) {
            out.add(new EpochRecord(((Number) m.get("epoch")).intValue(), num(m.get("train_loss")),
                    num(m.get("val_loss")), num(m.get("val_accuracy")), num(m.get("val_uar")),
                    num(m.get("seconds"))));
        }
        return out;
    }

    private static double num(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    private static void writeCurve(Path out, List<EpochRecord> curve) throws IOException {
        StringBuilder sb = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
        for (EpochRecord r : curve) {
            sb.append(r.csv()).append('\n');
        }
        write(out.resolve("learning_curve.csv"), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Training clips per label (0..nClasses-1), counted on the executors. */
    static long[] clipsPerClass(JavaRDD<Clip> clips, int nClasses) {
        long[] counts = new long[nClasses];
        clips.map(Clip::label).countByValue().forEach((label, n) -> counts[label] = n);
        return counts;
    }

    private static String classWeightsLine(double[] w) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < w.length; k++) {
            sb.append(k == 0 ? "" : ", ").append(k < Emotion.COUNT ? Emotion.labels().get(k) : "class " + k)
                    .append(String.format(Locale.ROOT, " %.3f", w[k]));
        }
        return sb.toString();
    }

    static String epochLine(String name, EpochRecord r, int epochs, List<EpochRecord> curve, int firstThisRun) {
        double mean = 0;
        int n = 0;
        for (EpochRecord e : curve) {
            if (e.epoch() >= firstThisRun) {
                mean += e.seconds();
                n++;
            }
        }
        mean /= Math.max(1, n);
        // without validation actors there is nothing to report but the training loss
        String val = !r.validated() ? "" : String.format(Locale.ROOT,
                "  val loss %.3f  val acc %.3f  val UAR %.3f", r.valLoss(), r.valAccuracy(), r.valUar());
        return String.format(Locale.ROOT, "train %s: epoch %d/%d  loss %.3f%s  %.1f s  ETA %.0f s", name, r.epoch(),
                epochs, r.trainLoss(), val, r.seconds(), mean * (epochs - r.epoch()));
    }

    static void write(Path file, byte[] bytes) throws IOException {
        AtomicFiles.write(file, bytes);
    }

    public static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
