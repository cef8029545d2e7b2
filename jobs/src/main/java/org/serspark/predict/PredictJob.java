package org.serspark.predict;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.serspark.model.ClipPredictor;
import org.serspark.model.DecisionRule;
import org.serspark.model.EnsemblePredictor;
import org.serspark.model.FeatureNormalizer;
import org.serspark.model.FeatureStats;
import org.serspark.model.ModelBundle;
import org.serspark.ravdess.RavdessFileName;
import scala.Tuple2;

/**
 * Scores many audio files on Spark: executors read, decode, extract and predict; only paths and probabilities
 * travel. Files that cannot be decoded get a null prediction and the reason in {@code error}.
 */
public final class PredictJob {
    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("path", DataTypes.StringType, false),
            DataTypes.createStructField("predicted_emotion", DataTypes.StringType, true),
            DataTypes.createStructField("probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), true),
            DataTypes.createStructField("true_emotion", DataTypes.StringType, true),
            DataTypes.createStructField("error", DataTypes.StringType, true)));

    private PredictJob() {
    }

    /** Scores every file under {@code root} listed in {@code relPaths}, as recorded. */
    public static Dataset<Row> score(SparkSession spark, java.nio.file.Path bundleFile, String root,
                                     List<String> relPaths) {
        return score(spark, bundleFile, root, relPaths, List.of());
    }

    /**
     * Scores every file under {@code root} listed in {@code relPaths}, as recorded and played at each of
     * {@code testSpeeds}, probabilities averaged ({@link ClipPredictor#speeds()}).
     */
    public static Dataset<Row> score(SparkSession spark, java.nio.file.Path bundleFile, String root,
                                     List<String> relPaths, List<Double> testSpeeds) {
        return score(spark, List.of(bundleFile), root, relPaths, testSpeeds);
    }

    /**
     * Scores every file as {@link #score(SparkSession, java.nio.file.Path, String, List, List)} does with each of
     * {@code bundleFiles}, probabilities averaged over them ({@link EnsemblePredictor}).
     *
     * @throws IllegalArgumentException when the bundles do not fit together (other labels or preparation)
     */
    public static Dataset<Row> score(SparkSession spark, List<java.nio.file.Path> bundleFiles, String root,
                                     List<String> relPaths, List<Double> testSpeeds) {
        return score(spark, bundleFiles, root, relPaths, testSpeeds, DecisionRule.ARGMAX,
                java.util.stream.IntStream.range(0, bundleFiles.size()).boxed().toList());
    }

    /**
     * As {@link #score(SparkSession, List, String, List, List)}, each trained network's probabilities read by
     * {@code rule} before they are averaged ({@link EnsemblePredictor}); {@code networkOf} gives the network of each
     * bundle (a network's epochs are bundles of one).
     *
     * @throws IllegalArgumentException when the bundles do not fit together, or {@code rule} needs what a bundle does
     *                                  not record
     */
    public static Dataset<Row> score(SparkSession spark, List<java.nio.file.Path> bundleFiles, String root,
                                     List<String> relPaths, List<Double> testSpeeds, DecisionRule rule,
                                     List<Integer> networkOf) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<byte[]> bundleBytes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        boolean perSpeaker;
        try {
            for (java.nio.file.Path f : bundleFiles) {
                bundleBytes.add(java.nio.file.Files.readAllBytes(f));
                names.add(f.toString());
            }
            // the members are checked here, on the driver, before any task starts
            perSpeaker = ensemble(bundleBytes, names, testSpeeds, rule, networkOf).perSpeaker();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // the bundles travel as bytes, so executors need no access to the driver's disk
        Broadcast<List<byte[]>> bundles = jsc.broadcast(bundleBytes);
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
        jsc.setJobGroup("predict", "predict: " + relPaths.size() + " files", false);
        int slices = Math.max(1, Math.min(relPaths.size(), jsc.defaultParallelism() * 4));
        Broadcast<Map<String, FeatureNormalizer>> speakers = null;
        if (perSpeaker) {
            // a per-speaker model: first every speaker's statistics over the files given (features are cheap next
            // to the network), then the scoring pass standardises each clip with its speaker's
            Map<String, FeatureStats> stats = jsc.parallelize(relPaths, slices)
                    .mapPartitionsToPair(it -> speakerStats(it, root, bundles.value(), names, conf.value().value(),
                            testSpeeds))
                    .reduceByKey(FeatureStats::merge).collectAsMap();
            Map<String, FeatureNormalizer> norms = new TreeMap<>();
            stats.forEach((k, v) -> norms.put(k, v.toNormalizer()));
            speakers = jsc.broadcast(norms);
        }
        Broadcast<Map<String, FeatureNormalizer>> bSpeakers = speakers;
        JavaRDD<Row> rows = jsc.parallelize(relPaths, slices)
                .mapPartitions(it -> scorePartition(it, root, bundles.value(), names, conf.value().value(),
                        testSpeeds, rule, networkOf, bSpeakers == null ? null : bSpeakers.value()));
        return spark.createDataFrame(rows, SCHEMA);
    }

    static Iterator<Row> scorePartition(Iterator<String> paths, String root, List<byte[]> bundleBytes,
                                        List<String> names, Configuration conf, List<Double> testSpeeds,
                                        DecisionRule rule, List<Integer> networkOf,
                                        Map<String, FeatureNormalizer> speakers)
            throws IOException {
        List<Row> out = new ArrayList<>();
        if (!paths.hasNext()) {
            return out.iterator();
        }
        Task task = Task.open(root, bundleBytes, names, conf, testSpeeds, rule, networkOf);
        while (paths.hasNext()) {
            out.add(scoreOne(task, paths.next(), speakers));
        }
        return out.iterator();
    }

    static Iterator<Tuple2<String, FeatureStats>> speakerStats(Iterator<String> paths, String root,
                                                               List<byte[]> bundleBytes, List<String> names,
                                                               Configuration conf, List<Double> testSpeeds)
            throws IOException {
        List<Tuple2<String, FeatureStats>> out = new ArrayList<>();
        if (!paths.hasNext()) {
            return out.iterator();
        }
        // features only: the members prepare files alike (checked on the driver), so the first one's network will do
        Task task = Task.open(root, bundleBytes.subList(0, 1), names.subList(0, 1), conf, testSpeeds,
                DecisionRule.ARGMAX, List.of(0));
        while (paths.hasNext()) {
            String rel = paths.next();
            try {
                for (Map.Entry<String, float[][]> e : task.predictor().featuresBySpeaker(task.read(rel), rel)
                        .entrySet()) {
                    out.add(new Tuple2<>(e.getKey(), new FeatureStats(e.getValue()[0].length).add(e.getValue())));
                }
            } catch (IOException | RuntimeException e) {
                // reported by the scoring pass, which meets the same file
            }
        }
        return out.iterator();
    }

    /** What one Spark task needs: its own copy of the networks and the input's file system. */
    record Task(EnsemblePredictor predictor, FileSystem fs, Path root) {
        static Task open(String root, List<byte[]> bundleBytes, List<String> names, Configuration conf,
                         List<Double> testSpeeds, DecisionRule rule, List<Integer> networkOf) throws IOException {
            Path rootPath = new Path(root);
            return new Task(ensemble(bundleBytes, names, testSpeeds, rule, networkOf), rootPath.getFileSystem(conf),
                    rootPath);
        }

        byte[] read(String rel) throws IOException {
            Path p = new Path(root, rel);
            long len = fs.getFileStatus(p).getLen();
            byte[] bytes = new byte[(int) Math.min(len, Integer.MAX_VALUE - 8)];
            try (FSDataInputStream in = fs.open(p)) {
                in.readFully(0, bytes);
            }
            return bytes;
        }
    }

    /** The bundles as predictors, each network restored from its bytes: a Spark task's own copy. */
    private static EnsemblePredictor ensemble(List<byte[]> bundleBytes, List<String> names, List<Double> testSpeeds,
                                              DecisionRule rule, List<Integer> networkOf) throws IOException {
        List<ClipPredictor> members = new ArrayList<>();
        for (int i = 0; i < bundleBytes.size(); i++) {
            ModelBundle bundle = ModelBundle.load(bundleBytes.get(i), names.get(i));
            members.add(new ClipPredictor(bundle, testSpeeds));
        }
        return new EnsemblePredictor(members, names, rule, networkOf);
    }

    static Row scoreOne(Task task, String rel, Map<String, FeatureNormalizer> speakers) {
        String truth = trueEmotion(rel);
        EnsemblePredictor predictor = task.predictor();
        try {
            byte[] bytes = task.read(rel);
            float[] probs = predictor.probabilities(bytes, rel, speakers);
            return RowFactory.create(rel, predictor.labels().get(ClipPredictor.argmax(probs)), probs, truth, null);
        } catch (IOException | RuntimeException e) {
            return RowFactory.create(rel, null, null, truth, e.getMessage());
        }
    }

    /** The emotion a RAVDESS name encodes, or null for other names. */
    public static String trueEmotion(String rel) {
        try {
            return RavdessFileName.parse(rel).emotion().label();
        } catch (IllegalArgumentException e) { // includes InvalidRavdessNameException
            return null;
        }
    }
}
