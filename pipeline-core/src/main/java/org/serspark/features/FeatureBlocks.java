package org.serspark.features;

/**
 * One clip's features block by block, in librosa's {@code [rows][frames]} layout (rows = coefficients or bins),
 * as the golden JSON and {@link FeatureJson} hold them.
 *
 * @param nFrames          frames per row
 * @param estimatedTuning  the chroma tuning used (estimated per clip unless the config fixes it); NaN when
 *                         chroma was not computed
 * @param sampleRate       rate the features were computed at
 * @param melPower         {@code melspectrogram(power=2)}: {@code [n_mels][frames]}
 * @param melDb            {@code power_to_db(mel_power)}: {@code [n_mels][frames]}
 * @param mfcc             {@code [n_mfcc][frames]}
 * @param chroma           {@code [n_chroma][frames]}; {@code null} only from the chroma-less path
 *                         {@link FeatureExtractor} offers to its package
 * @param zcr              {@code [1][frames]}
 * @param spectralCentroid {@code [1][frames]}
 * @param pitch            {@code [3][frames]}: f0 (Hz, librosa.yin's), its aperiodicity and log2 f0 as frames hold it
 *                         ({@link Yin#log2F0}); null without the block
 */
public record FeatureBlocks(int nFrames, double estimatedTuning, int sampleRate, double[][] melPower,
                            double[][] melDb, double[][] mfcc, double[][] chroma, double[][] zcr,
                            double[][] spectralCentroid, double[][] pitch) {

    /** Without the pitch block. */
    public FeatureBlocks(int nFrames, double estimatedTuning, int sampleRate, double[][] melPower, double[][] melDb,
                         double[][] mfcc, double[][] chroma, double[][] zcr, double[][] spectralCentroid) {
        this(nFrames, estimatedTuning, sampleRate, melPower, melDb, mfcc, chroma, zcr, spectralCentroid, null);
    }
}
