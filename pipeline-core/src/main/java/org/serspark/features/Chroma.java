package org.serspark.features;

import org.serspark.spectrum.PowerSpectrogram;

/**
 * {@code librosa.feature.chroma_stft(S=power, sr, n_fft, tuning, norm=np.inf)} 0.10.1 with
 * {@code librosa.estimate_tuning}: the power spectrogram projected onto a {@link ChromaFilterBank} built for the
 * clip's tuning, each frame scaled to a maximum of 1.
 *
 * <p>Immutable and thread-safe: filter banks are shared through {@link ChromaFilterBank#of}; a call allocates
 * only its result and the tuning estimator's peak buffers.
 */
public final class Chroma {
    /**
     * {@code util.normalize}'s default threshold is {@code tiny} of the input dtype; librosa's chroma is float32.
     * Frames whose maximum is below it (silence) are left unscaled, i.e. stay all zero.
     */
    private static final double NORM_THRESHOLD = Float.MIN_NORMAL;

    private final int sampleRate;
    private final int nFft;
    private final ChromaParams params;
    private final TuningEstimator tuningEstimator;

    public Chroma(int sampleRate, int nFft, ChromaParams params) {
        if (sampleRate <= 0 || nFft < 2) {
            throw new IllegalArgumentException("need sampleRate > 0 and nFft >= 2, got " + sampleRate + ", " + nFft);
        }
        this.sampleRate = sampleRate;
        this.nFft = nFft;
        this.params = params;
        this.tuningEstimator = TuningEstimator.librosaDefault(sampleRate, nFft, params.nChroma());
    }

    public ChromaParams params() {
        return params;
    }

    /**
     * {@code librosa.estimate_tuning(S=power, sr=sr, bins_per_octave=n_chroma)}: piptrack + pitch_tuning. As in
     * {@code chroma_stft}, the peaks are picked on the power spectrogram itself.
     */
    public double estimateTuning(PowerSpectrogram power) {
        check(power);
        return tuningEstimator.estimate(power.power());
    }

    /** The tuning this clip uses: the fixed one when configured, else {@link #estimateTuning}. */
    public double tuningFor(PowerSpectrogram power) {
        return params.estimatesTuning() ? estimateTuning(power) : params.fixedTuning();
    }

    /** Chroma, frame-major {@code [frames][n_chroma]}, normalised per frame to max 1 (librosa norm=inf). */
    public double[][] compute(PowerSpectrogram power, double tuning) {
        check(power);
        ChromaFilterBank bank = ChromaFilterBank.of(sampleRate, nFft, params.nChroma(), tuning);
        double[][] s = power.power();
        double[][] out = new double[s.length][params.nChroma()];
        for (int t = 0; t < s.length; t++) {
            double[] chroma = out[t];
            bank.apply(s[t], chroma);
            double max = 0.0;
            for (double v : chroma) {
                max = Math.max(max, Math.abs(v));
            }
            if (max >= NORM_THRESHOLD) {
                for (int c = 0; c < chroma.length; c++) {
                    chroma[c] /= max;
                }
            }
        }
        return out;
    }

    /** {@code chroma_stft} with this instance's tuning setting: {@link #tuningFor} then {@link #compute}. */
    public double[][] compute(PowerSpectrogram power) {
        return compute(power, tuningFor(power));
    }

    private void check(PowerSpectrogram power) {
        if (power.sampleRate() != sampleRate || power.params().nFft() != nFft) {
            throw new IllegalArgumentException("spectrogram at " + power.sampleRate() + " Hz, n_fft "
                    + power.params().nFft() + "; this chroma expects " + sampleRate + " Hz, n_fft " + nFft);
        }
    }
}
