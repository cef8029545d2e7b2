package org.serspark.corpus;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.serspark.audio.AudioFormatException;
import org.serspark.audio.AudioLevel;
import org.serspark.audio.DecodedAudio;
import org.serspark.audio.Perturbation;
import org.serspark.audio.WavDecoder;
import org.serspark.features.FeatureConfig;
import org.serspark.features.FeatureExtractor;
import org.serspark.features.FeatureSequence;
import org.serspark.ravdess.InvalidRavdessNameException;
import org.serspark.ravdess.RavdessFileName;

/**
 * One corpus file's bytes to a {@link ClipOutcome}: name check, decode, features. Bad input never throws; it
 * becomes a {@link ClipOutcome.Rejected} naming the file and the problem, so one bad file never stops a job.
 *
 * <p>Not thread-safe (it owns a {@link FeatureExtractor}): one instance per task or thread.
 */
public final class ClipExtractor {
    private final FeatureExtractor extractor;
    private final Perturbation perturbation;

    public ClipExtractor(FeatureConfig config) {
        this(config, Perturbation.NONE);
    }

    /** Features of every clip perturbed first ({@link Perturbation#NONE}: as recorded). */
    public ClipExtractor(FeatureConfig config, Perturbation perturbation) {
        this.extractor = new FeatureExtractor(config);
        this.perturbation = java.util.Objects.requireNonNull(perturbation, "perturbation");
    }

    public ClipOutcome process(String relativePath, byte[] bytes) {
        long size = bytes.length;
        if (!relativePath.toLowerCase(Locale.ROOT).endsWith(".wav")) {
            return new ClipOutcome.Rejected(relativePath, size, RejectReason.NOT_WAV,
                    relativePath + ": not a .wav file");
        }
        RavdessFileName name;
        try {
            name = RavdessFileName.parse(relativePath);
        } catch (InvalidRavdessNameException e) {
            return new ClipOutcome.Rejected(relativePath, size, RejectReason.MISNAMED, e.getMessage());
        }
        if (size == 0) {
            return new ClipOutcome.Rejected(relativePath, size, RejectReason.EMPTY, relativePath + ": empty file (0 bytes)");
        }
        DecodedAudio audio;
        try {
            audio = WavDecoder.decode(bytes, relativePath);
        } catch (AudioFormatException e) {
            return new ClipOutcome.Rejected(relativePath, size, RejectReason.of(e), e.getMessage());
        }
        if (!perturbation.none()) {
            audio = new DecodedAudio(perturbation.apply(audio.samples()), audio.sampleRate(),
                    audio.sourceChannels(), audio.sourceBits(), audio.sourceEncoding());
        }
        FeatureSequence seq;
        try {
            seq = extractor.extract(audio.samples(), audio.sampleRate());
        } catch (RuntimeException e) {
            return new ClipOutcome.Rejected(relativePath, size, RejectReason.EXTRACT_ERROR,
                    relativePath + ": feature extraction failed: " + e);
        }
        return new ClipOutcome.Extracted(relativePath, size, name, sha256(bytes), audio.sampleRate(),
                audio.sourceChannels(), audio.durationSeconds(), seq, AudioLevel.of(audio.samples()));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
