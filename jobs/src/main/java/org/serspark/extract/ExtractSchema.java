package org.serspark.extract;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.StructType;
import org.serspark.corpus.ClipOutcome;
import org.serspark.ravdess.RavdessFileName;

/**
 * Column names and types of the extract job's outputs (documented in docs/schema.md; later jobs, notebooks and
 * outside readers rely on them).
 */
public final class ExtractSchema {
    public static final String PATH = "path";
    public static final String ACTOR = "actor";

    /** The feature dataset, partitioned by {@code actor}. */
    public static final List<String> FEATURE_COLUMNS = List.of(
            "path", "actor", "gender", "emotion", "emotion_code", "intensity", "statement", "repetition",
            "vocal_channel", "source_sample_rate", "source_channels", "duration_s", "sample_rate", "n_frames",
            "n_features", "features", "audio_sha256", "feature_fingerprint");

    public static final List<String> REJECT_COLUMNS = List.of("path", "reason", "detail", "size_bytes");

    /** The feature dataset's rows (the {@code actor} partition column is a directory name in the files). */
    public static final StructType FEATURE_SCHEMA = createStructType(List.of(
            createStructField("path", StringType, false),
            createStructField("actor", IntegerType, false),
            createStructField("gender", StringType, false),
            createStructField("emotion", StringType, false),
            createStructField("emotion_code", IntegerType, false),
            createStructField("intensity", StringType, false),
            createStructField("statement", IntegerType, false),
            createStructField("repetition", IntegerType, false),
            createStructField("vocal_channel", StringType, false),
            createStructField("source_sample_rate", IntegerType, false),
            createStructField("source_channels", IntegerType, false),
            createStructField("duration_s", DoubleType, false),
            createStructField("sample_rate", IntegerType, false),
            createStructField("n_frames", IntegerType, false),
            createStructField("n_features", IntegerType, false),
            createStructField("features", createArrayType(createArrayType(FloatType, false), false), false),
            createStructField("audio_sha256", StringType, false),
            createStructField("feature_fingerprint", StringType, false)));

    public static final StructType REJECT_SCHEMA = createStructType(List.of(
            createStructField("path", StringType, false),
            createStructField("reason", StringType, false),
            createStructField("detail", StringType, false),
            createStructField("size_bytes", LongType, false)));

    private ExtractSchema() {
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A clip's feature row, one value per {@link #FEATURE_SCHEMA} field in its order (String, Integer, Double, and
     * the {@code float[][]} frames themselves). The one place a clip becomes column values: Spark rows in tests and
     * {@link FeatureParquetWriter} both use it, so Spark-written and directly written files cannot drift apart.
     */
    public static Object[] featureValues(ClipOutcome.Extracted c) {
        RavdessFileName n = c.name();
        return new Object[] {c.path(), n.actor(), lower(n.gender()), n.emotion().label(),
            n.emotion().code(), lower(n.intensity()), n.statement().code(), n.repetition(),
            lower(n.vocalChannel()), c.sourceSampleRate(), c.sourceChannels(), c.durationSeconds(),
            c.features().sampleRate(), c.features().nFrames(), c.features().nFeatures(),
            c.features().frames(), c.audioSha256(), c.features().config().fingerprint()};
    }


    /** A reject's row, one value per {@link #REJECT_SCHEMA} field in its order. */
    public static Object[] rejectValues(RejectRecord r) {
        return new Object[] {r.path(), r.reason(), r.detail(), r.sizeBytes()};
    }
}
