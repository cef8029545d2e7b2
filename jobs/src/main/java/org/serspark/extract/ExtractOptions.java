package org.serspark.extract;

import java.util.Map;
import org.serspark.audio.Perturbation;
import org.serspark.features.FeatureConfig;

/**
 * What one extract run does.
 *
 * @param input            corpus root URI (file://, hdfs://, s3a://, or a plain local path)
 * @param output           output root URI; the job writes {@code features/}, {@code rejects/}, {@code manifest.json}
 *                         and finally {@code _SUCCESS} under it
 * @param features         the feature configuration (its fingerprint goes into every row)
 * @param mode             what to do when the output already exists
 * @param filesPerChunk    unit of resume: a finished chunk is never redone
 * @param filesPerTask     files per Spark task inside a chunk
 * @param progressSeconds  how often progress is printed while a chunk runs (0 = never)
 * @param maxFileBytes     files larger than this are rejected without being read
 * @param resolvedConfig   the whole resolved configuration, recorded in the manifest
 * @param perturbation     what is done to every clip before its features are computed ({@link Perturbation}:
 *                         played faster or slower, pitch shifted; training-set augmentation and test-time copies)
 */
public record ExtractOptions(String input, String output, FeatureConfig features, Mode mode, int filesPerChunk,
                             int filesPerTask, int progressSeconds, long maxFileBytes,
                             Map<String, Object> resolvedConfig, Perturbation perturbation) {

    /** Clips as recorded. */
    public ExtractOptions(String input, String output, FeatureConfig features, Mode mode, int filesPerChunk,
                          int filesPerTask, int progressSeconds, long maxFileBytes,
                          Map<String, Object> resolvedConfig) {
        this(input, output, features, mode, filesPerChunk, filesPerTask, progressSeconds, maxFileBytes,
                resolvedConfig, Perturbation.NONE);
    }

    public static final long MAX_FILE_BYTES_DEFAULT = 512L << 20;

    /** What to do with an existing output. */
    public enum Mode {
        /** Fail with a clear message if the output exists. */
        FAIL_IF_EXISTS,
        /** Finish an interrupted run without redoing finished chunks. */
        RESUME,
        /** Delete a previous serspark output first. */
        OVERWRITE
    }

    public ExtractOptions {
        if (filesPerChunk < 1 || filesPerTask < 1) {
            throw new IllegalArgumentException("files_per_chunk and files_per_task must be >= 1, got "
                    + filesPerChunk + " and " + filesPerTask);
        }
        java.util.Objects.requireNonNull(perturbation, "perturbation");
    }
}
