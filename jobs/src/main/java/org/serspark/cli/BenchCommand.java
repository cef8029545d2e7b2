package org.serspark.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.serspark.audio.DecodedAudio;
import org.serspark.audio.WavDecoder;
import org.serspark.bench.EpochStats;
import org.serspark.bench.EpochTiming;
import org.serspark.bench.NpyExport;
import org.serspark.bench.SingleJvmTrainer;
import org.serspark.conf.SersparkConf;
import org.serspark.features.FeatureConfig;
import org.serspark.features.FeatureExtractor;
import org.serspark.model.FeatureNormalizer;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelBundle;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;
import org.serspark.ravdess.Emotion;
import org.serspark.spark.SparkSessions;
import org.serspark.train.Clip;
import org.serspark.train.ClipPreparation;
import org.serspark.train.ClipSelection;
import org.serspark.train.EpochRecord;
import org.serspark.train.FeatureDataset;
import org.serspark.train.ParameterAveragingTrainer;
import org.serspark.train.SparkScorer;
import org.serspark.train.TrainRequest;
import org.serspark.train.TrainResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Benchmarks: separate commands, never timed unit tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (results belong in docs/RESULTS.md).",
        subcommands = {BenchCommand.Features.class, BenchCommand.Train.class, BenchCommand.Predict.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = "Single-thread clips/s of read + decode + resample + all 182 features on WAV files "
                    + "(e.g. the RAVDESS speech set), median over repeats after a warm-up pass.")
    static final class Features implements Callable<Integer> {
        @Mixin
        ConfOptions confOptions;

        @Option(names = "--input", required = true, paramLabel = "DIR", description = "Folder of .wav files.")
        Path input;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Use the first N files (0 = all).")
        int limit;

        @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", description = "Timed passes (median reported).")
        int repeat;

        @Option(names = "--record", paramLabel = "RESULTS.md",
                description = "Replace the bench-features block of this Markdown file with the result.")
        Path record;

        @Override
        public Integer call() throws Exception {
            FeatureConfig config = FeatureConfigs.from(confOptions.load());
            List<Path> files = wavFiles(input, limit);
            if (files.isEmpty()) {
                throw new UserException(input + ": no .wav files");
            }
            FeatureExtractor extractor = new FeatureExtractor(config);
            long frames = pass(files, extractor); // warm-up: JIT compilation is not per-clip work
            double[] rates = new double[repeat];
            for (int r = 0; r < repeat; r++) {
                long t = System.nanoTime();
                pass(files, extractor);
                double s = (System.nanoTime() - t) / 1e9;
                rates[r] = files.size() / s;
                System.out.printf(Locale.ROOT, "bench features: pass %d/%d: %d clips in %.2f s = %.1f clips/s%n",
                        r + 1, repeat, files.size(), s, rates[r]);
            }
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            String line = String.format(Locale.ROOT,
                    "%s, %s, %d cores, Java %s: %d clips (%d frames), single thread, median of %d passes: "
                            + "**%.1f clips/s** (passes: %s)",
                    LocalDate.now(), host(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), files.size(), frames, repeat, median, fmt(rates));
            System.out.println(line);
            if (record != null) {
                Results.replaceBlock(record, "bench-features", line);
                System.out.println("recorded in " + record);
            }
            return 0;
        }

        private static long pass(List<Path> files, FeatureExtractor extractor) throws IOException {
            long frames = 0;
            for (Path f : files) {
                DecodedAudio a = WavDecoder.decode(f);
                frames += extractor.extract(a.samples(), a.sampleRate()).nFrames();
            }
            return frames;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Seconds per epoch and validation UAR per epoch of the DL4J-on-Spark trainer (spark) and of "
                    + "plain single-JVM DL4J on the same clips, normaliser, network and minibatches (jvm); "
                    + "optionally exports the normalised data as .npy for the PyTorch peer "
                    + "(spark-submit/bench/pytorch_lstm.py).")
    static final class Train implements Callable<Integer> {
        /** What {@code --mode} runs. */
        enum Mode { SPARK, JVM, BOTH }

        @Mixin
        ConfOptions confOptions;

        @Option(names = "--features", required = true, paramLabel = "URI", description = "An extract --output folder.")
        String features;

        @Option(names = "--model", paramLabel = "NAME", description = "dual-lstm or single-lstm (conf model.architecture).")
        String model;

        @Option(names = "--mode", paramLabel = "spark|jvm|both", defaultValue = "both",
                description = "Which trainers to time (default: ${DEFAULT-VALUE}; both = spark, then jvm, in this JVM).")
        String mode;

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "6", description = "Epochs per trainer (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--train-actors", paramLabel = "LIST",
                description = "Training actors, e.g. 2-10,12-19,22-24 (default: every actor not used for validation).")
        String trainActors;

        @Option(names = "--val-actors", required = true, paramLabel = "LIST",
                description = "Validation actors scored after every epoch (removed from the training actors).")
        String valActors;

        @Option(names = "--target-uar", paramLabel = "X", defaultValue = "0.4",
                description = "Report the training time until the validation UAR first reaches X (default: ${DEFAULT-VALUE}).")
        double targetUar;

        @Option(names = "--averaging-frequency", paramLabel = "N",
                description = "Spark: minibatches per worker between parameter averages (conf training.averaging_frequency).")
        Integer averagingFrequency;

        @Option(names = "--batch-size", paramLabel = "N", description = "Minibatch size (conf training.batch_size).")
        Integer batchSize;

        @Option(names = "--export-npy", paramLabel = "DIR",
                description = "Write train_{x,len,y}.npy and val_{x,len,y}.npy (normalised with the training actors' "
                        + "statistics, zero-padded) for the PyTorch peer.")
        Path exportNpy;

        @Override
        public Integer call() throws Exception {
            Mode m;
            try {
                m = Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserException("--mode must be spark, jvm or both, got '" + mode + "'");
            }
            if (epochs < 1) {
                throw new UserException("--epochs must be >= 1");
            }
            // a benchmark trains every epoch: early stopping would make the runs incomparable
            SersparkConf conf = confOptions.load().with("training.epochs", epochs)
                    .with("training.batch_size", batchSize)
                    .with("training.averaging_frequency", averagingFrequency)
                    .with("training.early_stopping.patience", 0);
            SparkSession spark = SparkSessions.getOrCreate("serspark bench train", conf);
            FeatureDataset data = FeatureDataset.open(spark, features);
            ModelArchitecture arch = ModelConfigs.architecture(conf, model);
            ModelConfig mc = ModelConfigs.model(conf, arch, data.config().nFeatures());
            TrainingConfig tc = ModelConfigs.training(conf);

            SortedSet<Integer> val = Actors.parse(valActors, "--val-actors");
            SortedSet<Integer> train = trainActors == null ? new java.util.TreeSet<>(data.actors())
                    : Actors.parse(trainActors, "--train-actors");
            train.removeAll(val);
            if (train.isEmpty() || val.isEmpty()) {
                throw new UserException("need at least one training and one validation actor");
            }
            for (SortedSet<Integer> s : List.of(train, val)) {
                for (int a : s) {
                    if (!data.actors().contains(a)) {
                        throw new UserException("actor " + a + " has no clips in " + data.root());
                    }
                }
            }
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            String omp = System.getenv().getOrDefault("OMP_NUM_THREADS", "unset");
            System.out.printf(Locale.ROOT, "bench train: %s, %s, %d cores, Java %s, OMP_NUM_THREADS=%s, Spark %s %s "
                            + "(%d workers); %s, batch %d, %d epochs, train actors %s, validation actors %s%n",
                    LocalDate.now(), host(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), omp, spark.version(), spark.sparkContext().master(),
                    jsc.defaultParallelism(), arch.id(), tc.batchSize(), tc.epochs(), train, val);
            System.out.println("bench train: load average at start " + loadAverage());

            List<Clip> trainClips = null;
            List<Clip> valClips = null;
            FeatureNormalizer norm = null;
            if (m != Mode.SPARK || exportNpy != null) {
                trainClips = sorted(ClipPreparation.apply(data, ClipSelection.actors(train), tc)
                        .collect());
                valClips = sorted(ClipPreparation.apply(data, ClipSelection.actors(val), tc)
                        .collect());
                List<float[][]> frames = new ArrayList<>(trainClips.size());
                trainClips.forEach(c -> frames.add(c.frames()));
                norm = FeatureNormalizer.fit(frames, mc.nFeatures());
                System.out.printf(Locale.ROOT, "bench train: %d training and %d validation clips on the driver%n",
                        trainClips.size(), valClips.size());
            }
            if (exportNpy != null) {
                NpyExport.write(exportNpy, "train", trainClips, norm, tc.maxFrames());
                NpyExport.write(exportNpy, "val", valClips, norm, tc.maxFrames());
                System.out.println("bench train: wrote " + exportNpy.resolve("{train,val}_{x,len,y}.npy"));
            }

            String sparkLabel = String.format(Locale.ROOT, "spark %s avg-freq %d", spark.sparkContext().master(),
                    tc.averagingFrequency());
            String jvmLabel = "jvm (OMP_NUM_THREADS=" + omp + ")";
            SparkRun sparkRun = null;
            List<EpochTiming> jvmCurve = null;
            if (m != Mode.JVM) {
                sparkRun = sparkRun(spark, data, train, val, mc, tc, arch.id());
                System.out.println("bench train: load average after spark " + loadAverage());
            }
            if (m != Mode.SPARK) {
                jvmCurve = new SingleJvmTrainer(mc, tc, System.out).train(trainClips, valClips, norm, arch.id());
                System.out.println("bench train: load average after jvm " + loadAverage());
            }

            System.out.printf(Locale.ROOT, "bench train: s/epoch = fitting + scoring the validation actors; medians "
                    + "leave out epoch %d (warm-up); time to target sums every epoch from the first%n",
                    EpochStats.WARM_UP_EPOCHS);
            if (sparkRun != null) {
                printCurve(sparkLabel, sparkRun.curve());
                System.out.println(summary(sparkLabel, sparkRun.curve()));
                System.out.printf(Locale.ROOT, "  (%s: validation scoring alone takes %.2f s of each epoch; "
                                + "%.1f s outside epochs: load, normalise, checkpoints)%n", sparkLabel,
                        sparkRun.valScoringSeconds(), sparkRun.outsideEpochsSeconds());
            }
            if (jvmCurve != null) {
                printCurve(jvmLabel, jvmCurve);
                System.out.println(summary(jvmLabel, jvmCurve));
            }
            if (sparkRun != null && jvmCurve != null) {
                System.out.printf(Locale.ROOT, "bench train: ratio spark/jvm of median s/epoch, same run: %.2f%n",
                        EpochStats.medianSeconds(sparkRun.curve()) / EpochStats.medianSeconds(jvmCurve));
            }
            return 0;
        }

        private String summary(String label, List<EpochTiming> curve) {
            EpochStats.TargetHit hit = EpochStats.timeToTarget(curve, targetUar);
            EpochTiming best = EpochStats.best(curve);
            double fit = EpochStats.medianFitSeconds(curve);
            return String.format(Locale.ROOT, "bench train summary: %s: median %.2f s/epoch%s over epochs 2-%d; "
                            + "best val UAR %.3f (epoch %d); val UAR >= %.3f: %s", label,
                    EpochStats.medianSeconds(curve), Double.isNaN(fit) ? "" : String.format(Locale.ROOT,
                            " (fit %.2f s)", fit), curve.size(), best.valUar(), best.epoch(), targetUar,
                    hit == null ? "not reached in " + curve.size() + " epochs"
                            : String.format(Locale.ROOT, "epoch %d, after %.1f s of training", hit.epoch(),
                                    hit.seconds()));
        }

        private static void printCurve(String label, List<EpochTiming> curve) {
            for (EpochTiming e : curve) {
                System.out.printf(Locale.ROOT, "bench train: %s epoch %d: %.2f s%s  loss %.3f  val loss %.3f  "
                                + "val acc %.3f  val UAR %.3f%n", label, e.epoch(), e.seconds(),
                        Double.isNaN(e.fitSeconds()) ? "" : String.format(Locale.ROOT, " (fit %.2f s)",
                                e.fitSeconds()), e.trainLoss(), e.valLoss(), e.valAccuracy(), e.valUar());
            }
        }

        /**
         * @param valScoringSeconds   median time of one distributed validation pass, timed after training
         * @param outsideEpochsSeconds the trainer's time not in any epoch (loading, normaliser, checkpoints)
         */
        record SparkRun(List<EpochTiming> curve, double valScoringSeconds, double outsideEpochsSeconds) {
        }

        /** The real trainer in a throw-away run folder, then a separate timing of its validation scoring. */
        private static SparkRun sparkRun(SparkSession spark, FeatureDataset data, SortedSet<Integer> train,
                                         SortedSet<Integer> val, ModelConfig mc, TrainingConfig tc, String name)
                throws IOException {
            Path out = Files.createTempDirectory("serspark-bench-train");
            try {
                Map<String, Object> provenance = new LinkedHashMap<>();
                provenance.put("label", "bench " + name);
                TrainResult r = new ParameterAveragingTrainer(spark, System.out).train(TrainRequest.byActors(data,
                        train, val, mc, tc, out.resolve("run"), TrainRequest.Mode.FAIL_IF_EXISTS, provenance));
                List<EpochTiming> curve = new ArrayList<>();
                double inEpochs = 0;
                for (EpochRecord e : r.curve()) {
                    curve.add(new EpochTiming(e.epoch(), e.seconds(), Double.NaN, e.trainLoss(), e.valLoss(),
                            e.valAccuracy(), e.valUar()));
                    inEpochs += e.seconds();
                }
                ModelBundle bundle = ModelBundle.load(r.bundle());
                MultiLayerNetwork net = bundle.network();
                JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                JavaRDD<Clip> v = data.clips(val).persist(StorageLevel.MEMORY_AND_DISK_SER());
                v.count();
                double[] t = new double[3];
                for (int i = 0; i < t.length; i++) {
                    long t0 = System.nanoTime();
                    SparkScorer.predict(jsc, net, v, bundle.normalizer(), Emotion.COUNT, SingleJvmTrainer.SCORING_BATCH,
                            tc.maxFrames());
                    t[i] = (System.nanoTime() - t0) / 1e9;
                }
                v.unpersist(false);
                Arrays.sort(t);
                return new SparkRun(curve, t[t.length / 2], r.seconds() - inEpochs);
            } finally {
                try (Stream<Path> s = Files.walk(out)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }

        private static List<Clip> sorted(List<Clip> clips) {
            List<Clip> out = new ArrayList<>(clips);
            out.sort(Comparator.comparing(Clip::path));
            return out;
        }

        private static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).trim();
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Latency of one clip with the model loaded: read + decode + resample + features + "
                    + "network, one clip at a time on one thread; median and 95th percentile.")
    static final class Predict implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "model.zip or its folder.")
        Path model;

        @Option(names = "--input", required = true, paramLabel = "DIR", description = "Folder of .wav files.")
        Path input;

        @Option(names = "--limit", defaultValue = "200", paramLabel = "N", description = "Clips timed (default 200).")
        int limit;

        @Option(names = "--record", paramLabel = "RESULTS.md", description = "Replace the bench-predict block.")
        Path record;

        @Override
        public Integer call() throws Exception {
            Path bundleFile = Files.isDirectory(model) ? model.resolve("model.zip") : model;
            long tl = System.nanoTime();
            org.serspark.model.ModelBundle bundle = org.serspark.model.ModelBundle.load(bundleFile);
            org.serspark.model.ClipPredictor predictor = new org.serspark.model.ClipPredictor(bundle);
            double loadMs = (System.nanoTime() - tl) / 1e6;
            List<Path> files = wavFiles(input, limit);
            if (files.isEmpty()) {
                throw new UserException(input + ": no .wav files");
            }
            for (Path f : files.subList(0, Math.min(20, files.size()))) {
                predictor.probabilities(Files.readAllBytes(f), f.toString()); // warm-up: JIT, ND4J workspaces
            }
            double[] ms = new double[files.size()];
            for (int i = 0; i < ms.length; i++) {
                long t = System.nanoTime();
                predictor.probabilities(Files.readAllBytes(files.get(i)), files.get(i).toString());
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            String line = String.format(Locale.ROOT,
                    "%s, %s, Java %s: %d clips one at a time, model loaded (load %.0f ms): median **%.1f ms**, "
                            + "p95 %.1f ms, max %.1f ms per clip (%s, %d parameters)",
                    LocalDate.now(), host(), System.getProperty("java.version"), ms.length, loadMs,
                    sorted[sorted.length / 2], sorted[(int) Math.floor(0.95 * (sorted.length - 1))],
                    sorted[sorted.length - 1], bundleFile.getFileName(), bundle.network().numParams());
            System.out.println(line);
            if (record != null) {
                Results.replaceBlock(record, "bench-predict", line);
            }
            return 0;
        }
    }

    static List<Path> wavFiles(Path dir, int limit) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UserException(dir + ": not a directory");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = new ArrayList<>(s.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                    .filter(Files::isRegularFile).sorted().toList());
            return limit > 0 && files.size() > limit ? files.subList(0, limit) : files;
        }
    }

    static String host() {
        String cpu = "unknown CPU";
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    cpu = l.substring(l.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException ignored) {
            // not Linux: the CPU name is a nicety
        }
        return cpu;
    }

    static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double x : v) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", x));
        }
        return sb.toString();
    }
}
