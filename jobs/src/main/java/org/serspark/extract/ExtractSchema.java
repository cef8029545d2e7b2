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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
    public static final String FEATURES = "features";
    public static final String REJECT_REASON = "reject_reason";

    /** The feature dataset, partitioned by {@code actor}. */
    public static final List<String> FEATURE_COLUMNS = List.of(
            "path", "actor", "gender", "emotion", "emotion_code", "intensity", "statement", "repetition",
            "vocal_channel", "source_sample_rate", "source_channels", "duration_s", "sample_rate", "n_frames",
            "n_features", "features", "audio_sha256", "feature_fingerprint");

    public static final List<String> REJECT_COLUMNS = List.of("path", "reason", "detail", "size_bytes");

    /** One chunk's outcomes: feature columns (null for rejects) plus the reject columns (null for clips). */
    public static final StructType OUTCOME = createStructType(List.of(
            createStructField("path", StringType, false),
            createStructField("actor", IntegerType, true),
            createStructField("gender", StringType, true),
            createStructField("emotion", StringType, true),
            createStructField("emotion_code", IntegerType, true),
            createStructField("intensity", StringType, true),
            createStructField("statement", IntegerType, true),
            createStructField("repetition", IntegerType, true),
            createStructField("vocal_channel", StringType, true),
            createStructField("source_sample_rate", IntegerType, true),
            createStructField("source_channels", IntegerType, true),
            createStructField("duration_s", DoubleType, true),
            createStructField("sample_rate", IntegerType, true),
            createStructField("n_frames", IntegerType, true),
            createStructField("n_features", IntegerType, true),
            createStructField("features", createArrayType(createArrayType(FloatType, false), false), true),
            createStructField("audio_sha256", StringType, true),
            createStructField("feature_fingerprint", StringType, true),
            createStructField("reject_reason", StringType, true),
            createStructField("reject_detail", StringType, true),
            createStructField("size_bytes", LongType, false)));

    private ExtractSchema() {
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Row toRow(ClipOutcome outcome) {
        if (outcome instanceof ClipOutcome.Extracted c) {
            RavdessFileName n = c.name();
            return RowFactory.create(c.path(), n.actor(), lower(n.gender()), n.emotion().label(),
                    n.emotion().code(), lower(n.intensity()), n.statement().code(), n.repetition(),
                    lower(n.vocalChannel()), c.sourceSampleRate(), c.sourceChannels(), c.durationSeconds(),
                    c.features().sampleRate(), c.features().nFrames(), c.features().nFeatures(),
                    c.features().frames(), c.audioSha256(), c.features().config().fingerprint(),
                    null, null, c.sizeBytes());
        }
        ClipOutcome.Rejected r = (ClipOutcome.Rejected) outcome;
        return RowFactory.create(r.path(), null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, r.reason().code(), r.detail(), r.sizeBytes());
    }
}
