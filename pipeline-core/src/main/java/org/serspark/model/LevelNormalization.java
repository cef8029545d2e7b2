package org.serspark.model;

import java.util.Locale;

/**
 * Per-clip level normalisation on the feature frames ({@code training.level_normalization}). RAVDESS clips' levels
 * differ by 45 dB, between speakers and within one speaker's clips; per-speaker standardisation removes the first,
 * this removes both.
 *
 * <p>{@link #CLIP} applies to the features exactly the gain that brings the clip's mean frame energy (the sum of its
 * mel-band powers, as {@link SilenceTrim} measures it) to 0 dB, as if the audio had been scaled before extraction:
 * every mel dB value moves by the gain (power_to_db's 80 dB floor is relative to the clip's maximum, so it moves too),
 * the first MFCC by the gain times {@code sqrt(n_mels)} (an orthonormal DCT-II of a constant shift), and chroma, zero
 * crossings and the centroid do not change (they are scale-free). Apply it after trimming, so silence does not
 * lower the mean.
 */
public enum LevelNormalization {
    /** Levels as recorded (the paper). */
    NONE,
    /** Each clip at the same mean frame energy. */
    CLIP;

    public static LevelNormalization of(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("level_normalization must be none or clip, got '" + s + "'");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The clip's mean frame energy in dB ({@code 10 log10} of the mean over frames of the summed mel powers). */
    public static double meanEnergyDb(float[][] frames, int melOffset, int nMels) {
        double sum = 0;
        for (float[] f : frames) {
            for (int k = 0; k < nMels; k++) {
                sum += Math.pow(10, f[melOffset + k] / 10.0);
            }
        }
        return 10 * Math.log10(Math.max(sum / Math.max(1, frames.length), 1e-30));
    }

    /** The frames at this level ({@code frames} itself for {@link #NONE}; a new array otherwise). */
    public float[][] apply(float[][] frames, int mfccOffset, int nMfcc, int melOffset, int nMels) {
        if (this == NONE || frames.length == 0) {
            return frames;
        }
        double gain = -meanEnergyDb(frames, melOffset, nMels);
        float c0 = (float) (gain * Math.sqrt(nMels));
        float[][] out = new float[frames.length][];
        for (int t = 0; t < frames.length; t++) {
            float[] f = frames[t].clone();
            for (int k = 0; k < nMels; k++) {
                f[melOffset + k] += (float) gain;
            }
            if (nMfcc > 0) {
                f[mfccOffset] += c0;
            }
            out[t] = f;
        }
        return out;
    }
}
