package org.serspark.corpus;

import org.serspark.audio.AudioLevel;
import org.serspark.features.FeatureSequence;
import org.serspark.ravdess.RavdessFileName;

/** What became of one input file: its features, or the reason it was rejected. */
public sealed interface ClipOutcome permits ClipOutcome.Extracted, ClipOutcome.Rejected {

    /** Path relative to the corpus root, with '/' separators. */
    String path();

    long sizeBytes();

    /**
     * A usable clip.
     *
     * @param audioSha256 SHA-256 of the file's bytes (finds byte-identical clips)
     * @param level       loudness of the decoded mono audio at the source rate
     */
    record Extracted(String path, long sizeBytes, RavdessFileName name, String audioSha256,
                     int sourceSampleRate, int sourceChannels, double durationSeconds,
                     FeatureSequence features, AudioLevel level) implements ClipOutcome {
    }

    /** A file that could not be used, with the reason and a human-readable detail naming the problem. */
    record Rejected(String path, long sizeBytes, RejectReason reason, String detail) implements ClipOutcome {
    }
}
