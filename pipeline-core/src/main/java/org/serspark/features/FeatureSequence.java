package org.serspark.features;

/**
 * One clip's features, frame-major: {@code frames[t]} holds the {@link FeatureConfig#nFeatures()} values of
 * frame {@code t} in the order MFCC | chroma | mel dB | ZCR | spectral centroid [| f0 | f0 aperiodicity] (offsets in
 * {@link FeatureConfig}).
 * Single precision: the values need far fewer than 7 significant digits and this halves the memory per clip.
 *
 * @param frames     {@code [nFrames][nFeatures]}
 * @param config     the configuration that produced them
 * @param tuning     the chroma tuning used, in fractions of a chroma bin (estimated per clip unless fixed)
 * @param sampleRate the rate the features were computed at (after any resampling)
 */
public record FeatureSequence(float[][] frames, FeatureConfig config, double tuning, int sampleRate) {

    public int nFrames() {
        return frames.length;
    }

    public int nFeatures() {
        return config.nFeatures();
    }
}
