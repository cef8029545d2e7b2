package org.serspark.train;

import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.serspark.features.FeatureConfig;
import org.serspark.model.FeatureNormalizer;
import org.serspark.model.FeatureStats;
import org.serspark.model.LevelNormalization;
import org.serspark.model.SilenceTrim;
import org.serspark.model.TrainingConfig;
import scala.Tuple2;

/**
 * What happens to clips between Parquet and the network, the same for training, validation, test and benchmark
 * clips: {@code training.trim_silence_db} cuts leading and trailing silence ({@link SilenceTrim}),
 * {@code training.level_normalization: clip} brings every clip to one level ({@link LevelNormalization}), then
 * {@code training.normalization: speaker} standardises every clip with its own actor's per-feature mean and deviation,
 * fitted over all that actor's clips in the RDD with one aggregate (no labels involved), or
 * {@code training.normalization: clip} with the clip's own.
 */
public final class ClipPreparation {
    private ClipPreparation() {
    }

    /**
     * The selected clips of a dataset ready for the network: trimmed and standardised per speaker on all feature
     * columns (silence and speaker statistics do not depend on which blocks a model reads), then narrowed to the
     * dataset's feature blocks.
     */
    public static JavaRDD<Clip> apply(FeatureDataset data, ClipSelection sel, TrainingConfig tc) {
        return data.project(apply(data.allColumns(sel), tc, data.config()));
    }

    /** Trimming and per-speaker standardisation of clips with every feature column of {@code fc}. */
    public static JavaRDD<Clip> apply(JavaRDD<Clip> clips, TrainingConfig tc, FeatureConfig fc) {
        JavaRDD<Clip> out = clips;
        if (tc.trimSilenceDb() > 0) {
            double db = tc.trimSilenceDb();
            int melOffset = fc.melOffset();
            int nMels = fc.nMels();
            out = out.map(c -> new Clip(c.path(), c.actor(), c.label(),
                    SilenceTrim.trim(c.frames(), melOffset, nMels, db)));
        }
        LevelNormalization level = tc.levelNormalization();
        if (level != LevelNormalization.NONE) {
            int mfccOffset = fc.mfccOffset();
            int nMfcc = fc.nMfcc();
            int melOffset = fc.melOffset();
            int nMels = fc.nMels();
            out = out.map(c -> new Clip(c.path(), c.actor(), c.label(),
                    level.apply(c.frames(), mfccOffset, nMfcc, melOffset, nMels)));
        }
        return standardize(out, tc.normalization(), fc.nFeatures());
    }

    /**
     * The clips unchanged for {@code GLOBAL}; standardised per actor for {@code SPEAKER}, each with its own
     * statistics for {@code CLIP}.
     */
    public static JavaRDD<Clip> standardize(JavaRDD<Clip> clips, TrainingConfig.Normalization mode, int nFeatures) {
        if (mode == TrainingConfig.Normalization.GLOBAL) {
            return clips;
        }
        if (mode == TrainingConfig.Normalization.CLIP) {
            return clips.map(c -> new Clip(c.path(), c.actor(), c.label(), FeatureStats.standardize(c.frames())));
        }
        Map<Integer, FeatureNormalizer> byActor = fit(clips, nFeatures);
        Broadcast<Map<Integer, FeatureNormalizer>> b =
                JavaSparkContext.fromSparkContext(clips.context()).broadcast(byActor);
        return clips.map(c -> new Clip(c.path(), c.actor(), c.label(),
                b.value().get(c.actor()).normalize(c.frames())));
    }

    static Map<Integer, FeatureNormalizer> fit(JavaRDD<Clip> clips, int nFeatures) {
        Map<Integer, FeatureStats> stats = clips.mapToPair(c -> new Tuple2<>(c.actor(), c))
                .aggregateByKey(new FeatureStats(nFeatures), (s, c) -> s.add(c.frames()), FeatureStats::merge)
                .collectAsMap();
        Map<Integer, FeatureNormalizer> out = new java.util.TreeMap<>();
        stats.forEach((actor, s) -> out.put(actor, s.toNormalizer()));
        return out;
    }
}
