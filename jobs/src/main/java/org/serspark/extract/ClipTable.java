package org.serspark.extract;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.serspark.ravdess.RavdessFileName;

/**
 * {@code clips.csv}: one row per extracted clip with its labels, duration, level and per-feature means, for readers
 * without a Parquet library (the notebooks, a spreadsheet). The Parquet dataset stays the source of truth; this is a
 * summary of it, written from the chunk records without reading the Parquet back.
 */
final class ClipTable {
    static final String FILE = "clips.csv";
    static final List<String> LEADING_COLUMNS = List.of("path", "actor", "gender", "emotion", "emotion_code",
            "intensity", "statement", "repetition", "vocal_channel", "source_sample_rate", "source_channels",
            "duration_s", "sample_rate", "n_frames", "rms_dbfs", "peak_dbfs");
    /** Prefix of the per-feature mean columns: {@code mean_mfcc_00} ... {@code mean_spectral_centroid}. */
    static final String MEAN_PREFIX = "mean_";

    private ClipTable() {
    }

    /**
     * The CSV of {@code clips} (sorted by path by the caller). A clip without a summary (a chunk finished by an older
     * version and reused by a resume) keeps its labels and leaves the measured columns empty.
     */
    static byte[] csv(List<ChunkRecord.Clip> clips, List<String> featureNames) {
        StringBuilder sb = new StringBuilder(clips.size() * (featureNames.size() * 11 + 120));
        sb.append(String.join(",", LEADING_COLUMNS));
        for (String f : featureNames) {
            sb.append(',').append(MEAN_PREFIX).append(f);
        }
        sb.append('\n');
        for (ChunkRecord.Clip c : clips) {
            RavdessFileName n = RavdessFileName.parse(c.path);
            sb.append(quote(c.path)).append(',').append(n.actor()).append(',').append(lower(n.gender())).append(',')
                    .append(n.emotion().label()).append(',').append(n.emotion().code()).append(',')
                    .append(lower(n.intensity())).append(',').append(n.statement().code()).append(',')
                    .append(n.repetition()).append(',').append(lower(n.vocalChannel()));
            ClipSummary s = c.summary;
            if (s == null) {
                sb.append(",".repeat(LEADING_COLUMNS.size() - 9 + featureNames.size())).append('\n');
                continue;
            }
            if (s.featureMeans.length != featureNames.size()) {
                throw new IllegalStateException(c.path + ": " + s.featureMeans.length + " feature means for "
                        + featureNames.size() + " feature names");
            }
            sb.append(',').append(s.sourceSampleRate).append(',').append(s.sourceChannels).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", s.durationS)).append(',').append(s.sampleRate)
                    .append(',').append(s.nFrames).append(',').append(decibels(s.rms)).append(',')
                    .append(decibels(s.peak));
            for (float m : s.featureMeans) {
                sb.append(',').append(Float.isFinite(m) ? Float.toString(m) : "");
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** dB relative to full scale; pandas and spreadsheets read {@code -inf} for a silent clip. */
    static String decibels(double amplitude) {
        return amplitude > 0 ? String.format(Locale.ROOT, "%.3f", 20 * Math.log10(amplitude)) : "-inf";
    }

    /** RFC 4180: a field holding a comma, quote or line break is quoted, its quotes doubled. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
