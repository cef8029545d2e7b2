package org.serspark.features;

import org.serspark.spectrum.PowerSpectrogram;

/**
 * {@code librosa.feature.chroma_stft(S=power, sr, n_fft, tuning)} with {@code librosa.estimate_tuning}.
 * STUB: implemented in the chroma work item.
 */
public final class Chroma {

    public Chroma(int sampleRate, int nFft, ChromaParams params) {
    }

    /** {@code librosa.estimate_tuning(S=power, sr=sr, bins_per_octave=n_chroma)}: piptrack + pitch_tuning. */
    public double estimateTuning(PowerSpectrogram power) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The tuning this clip uses: the fixed one when configured, else {@link #estimateTuning}. */
    public double tuningFor(PowerSpectrogram power) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Chroma, frame-major {@code [frames][n_chroma]}, normalised per frame to max 1 (librosa norm=inf). */
    public double[][] compute(PowerSpectrogram power, double tuning) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
