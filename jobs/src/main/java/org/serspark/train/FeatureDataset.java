package org.serspark.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.serspark.audio.Perturbation;
import org.serspark.extract.ExtractJob;
import org.serspark.features.FeatureConfig;
import org.serspark.features.FeatureSelection;
import scala.collection.Seq;

/**
 * A complete extract output opened for training or scoring: the Parquet rows, the feature configuration they were
 * made with (from the manifest) and its fingerprint. Refuses an output whose extract did not finish.
 */
public final class FeatureDataset {
    private final String root;
    private final Dataset<Row> rows;
    private final FeatureConfig config;
    private final List<Integer> actors;
    private final FeatureSelection selection;
    private final Perturbation perturbation;

    private FeatureDataset(String root, Dataset<Row> rows, FeatureConfig config, List<Integer> actors,
                           FeatureSelection selection, Perturbation perturbation) {
        this.root = root;
        this.rows = rows;
        this.config = config;
        this.actors = actors;
        this.selection = selection;
        this.perturbation = perturbation;
    }

    /** This dataset whose clips keep only the selected feature blocks (a sweep's {@code feature_blocks}). */
    public FeatureDataset select(FeatureSelection s) {
        return new FeatureDataset(root, rows, config, actors, s, perturbation);
    }

    /** What was done to the clips before extraction ({@code extract --speed/--pitch}; NONE: as recorded). */
    public Perturbation perturbation() {
        return perturbation;
    }

    /** The same corpus played {@code s} times as fast ({@link #copy}). */
    public FeatureDataset atSpeed(double s) throws IOException {
        return copy(Perturbation.speed(s));
    }

    /**
     * The same corpus perturbed by {@code p}: the extract output in this one's {@link Perturbation#folder()} (made by
     * {@code extract} with {@link Perturbation#flags()}), with this dataset's feature blocks.
     *
     * @throws IllegalArgumentException naming the command that makes it when it is missing, incomplete, or made with
     *                                  another feature configuration or perturbation
     */
    public FeatureDataset copy(Perturbation p) throws IOException {
        String dir = new Path(root, p.folder()).toString();
        String make = "serspark extract --input CORPUS --output " + dir + " " + p.flags();
        FeatureDataset copy;
        try {
            copy = open(rows.sparkSession(), dir);
        } catch (IllegalArgumentException e) {
            // training.speed_perturbation, pitch_perturbation and test_speeds read copies
            throw new IllegalArgumentException("no copy of the corpus at " + p + ": " + e.getMessage()
                    + ". Make it with: " + make, e);
        }
        if (!copy.perturbation().equals(p)) {
            throw new IllegalArgumentException(dir + " holds clips at " + copy.perturbation() + ", not " + p
                    + ": make it again with " + make + " --overwrite");
        }
        if (!copy.fingerprint().equals(fingerprint())) {
            throw new IllegalArgumentException(dir + " was extracted with another feature configuration ("
                    + copy.fingerprint() + ") than " + root + " (" + fingerprint() + "): make it again with " + make
                    + " --overwrite");
        }
        return copy.select(selection);
    }

    /** The feature blocks clips keep ({@code all} unless {@link #select} chose fewer). */
    public FeatureSelection selection() {
        return selection;
    }

    /** Values per frame of the clips (the selection's). */
    public int nFeatures() {
        return selection.size();
    }

    /** {@code uri} is an extract output root (with {@code features/}) or its {@code features/} folder. */
    public static FeatureDataset open(SparkSession spark, String uri) throws IOException {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(hadoop);
        p = fs.makeQualified(p);
        Path root = p.getName().equals("features") && !fs.exists(new Path(p, "features")) ? p.getParent() : p;
        if (!fs.exists(new Path(root, "features"))) {
            throw new IllegalArgumentException(uri + ": no features/ here; give an extract --output folder");
        }
        if (!fs.exists(new Path(root, ExtractJob.SUCCESS))) {
            throw new IllegalArgumentException(root + " is not a complete extract output (no _SUCCESS): finish it "
                    + "with extract --resume");
        }
        JsonNode manifest;
        try (InputStream in = fs.open(new Path(root, ExtractJob.MANIFEST))) {
            manifest = new ObjectMapper().readTree(in);
        }
        Map<String, String> fc = new TreeMap<>();
        manifest.get("feature_config").fields().forEachRemaining(e -> fc.put(e.getKey(), e.getValue().asText()));
        FeatureConfig config = FeatureConfig.fromMap(fc);
        Dataset<Row> rows = spark.read().parquet(new Path(root, "features").toString());
        List<Integer> actors = new ArrayList<>();
        for (Row r : rows.select("actor").distinct().orderBy("actor").collectAsList()) {
            actors.add(r.getInt(0));
        }
        List<Row> fps = rows.select("feature_fingerprint").distinct().collectAsList();
        if (fps.size() != 1 || !config.fingerprint().equals(fps.get(0).getString(0))) {
            throw new IllegalStateException(root + ": rows carry feature fingerprints " + fps
                    + " but the manifest says " + config.fingerprint());
        }
        return new FeatureDataset(root.toString(), rows, config, actors,
                FeatureSelection.parse(FeatureSelection.ALL, config), ExtractJob.perturbation(manifest));
    }

    public String root() {
        return root;
    }

    public Dataset<Row> rows() {
        return rows;
    }

    public FeatureConfig config() {
        return config;
    }

    public String fingerprint() {
        return config.fingerprint();
    }

    public List<Integer> actors() {
        return actors;
    }

    /** The clips of these actors, converted on the executors. */
    public JavaRDD<Clip> clips(Set<Integer> which) {
        return clips(new ClipSelection(new java.util.TreeSet<>(which), null, null));
    }

    /** The selected clips with only the chosen feature blocks. */
    public JavaRDD<Clip> clips(ClipSelection sel) {
        return project(allColumns(sel));
    }

    /** The selected clips with every feature column, whatever {@link #selection()} says. */
    public JavaRDD<Clip> allColumns(ClipSelection sel) {
        return selected(sel).select("path", "actor", "emotion_code", "features").toJavaRDD()
                .map(FeatureDataset::toClip);
    }

    /**
     * The selected clips per class, in label order ({@code nClasses} long): the recordings, without their copies, and
     * without reading their frames.
     */
    public long[] clipsPerClass(ClipSelection sel, int nClasses) {
        long[] out = new long[nClasses];
        for (Row r : selected(sel).groupBy("emotion_code").count().collectAsList()) {
            int label = r.getInt(0) - 1;
            if (label < 0 || label >= nClasses) {
                throw new IllegalStateException(root + ": emotion code " + r.getInt(0) + " outside 1-" + nClasses);
            }
            out[label] = r.getLong(1);
        }
        return out;
    }

    private Dataset<Row> selected(ClipSelection sel) {
        Dataset<Row> selected = rows.filter(functions.col("actor").isin(sel.actors().toArray()));
        if (sel.include() != null) {
            selected = selected.filter(functions.col("path").isin(sel.include().toArray()));
        }
        if (sel.exclude() != null && !sel.exclude().isEmpty()) {
            selected = selected.filter(functions.not(functions.col("path").isin(sel.exclude().toArray())));
        }
        return selected;
    }

    /** Clips with every column narrowed to the chosen feature blocks, their deltas appended when chosen. */
    public JavaRDD<Clip> project(JavaRDD<Clip> clips) {
        if (selection.isAll()) {
            return clips;
        }
        FeatureSelection s = selection;
        return clips.map(c -> new Clip(c.path(), c.actor(), c.label(), s.apply(c.frames())));
    }

    /** Emotion label index of every clip, by path (small: what fold schemes need). */
    public java.util.Map<String, Integer> labelsByPath() {
        java.util.Map<String, Integer> out = new TreeMap<>();
        for (Row r : rows.select("path", "emotion_code").collectAsList()) {
            out.put(r.getString(0), r.getInt(1) - 1);
        }
        return out;
    }

    static Clip toClip(Row r) {
        List<Object> frames = r.getList(3);
        float[][] out = new float[frames.size()][];
        for (int t = 0; t < out.length; t++) {
            @SuppressWarnings("unchecked")
            Seq<Object> frame = (Seq<Object>) frames.get(t);
            float[] f = new float[frame.length()];
            for (int k = 0; k < f.length; k++) {
                f[k] = (Float) frame.apply(k);
            }
            out[t] = f;
        }
        return new Clip(r.getString(0), r.getInt(1), r.getInt(2) - 1, out);
    }
}
