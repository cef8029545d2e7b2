package org.serspark.features;

import org.serspark.spectrum.PowerSpectrogram;
import org.serspark.spectrum.Stft;

/**
 * {@code librosa.feature.spectral_centroid(S=|STFT|, sr, n_fft)} 0.10.1:
 * {@code sum(freq * normalize(S, norm=1, axis=-2))} with {@code freq = fft_frequencies(sr, n_fft)}.
 *
 * <p>{@code librosa.util.normalize} leaves a frame whose L1 norm is below {@code threshold = tiny(S)} un-normalised
 * ({@code fill=None}), so an all-zero frame (silence, or the zero padding of a short clip) has centroid
 * {@code 0.0}, not NaN; the golden JSON confirms it. {@code tiny} is the smallest normal number of the
 * spectrogram's dtype, float32 for librosa's float32 audio. Immutable and thread-safe.
 */
public final class SpectralCentroid {
    /** {@code librosa.util.tiny(S)} for a float32 spectrogram: {@code np.finfo(np.float32).tiny}. */
    static final double NORMALIZE_THRESHOLD = Float.MIN_NORMAL;

    private final double[] freq;

    public SpectralCentroid(int sampleRate, int nFft) {
        this.freq = Stft.fftFrequencies(sampleRate, nFft);
    }

    /** From a power spectrogram, taking the magnitude {@code sqrt(power)} on the fly (no magnitude matrix). */
    public double[] compute(PowerSpectrogram power) {
        double[][] p = power.power();
        double[] out = new double[p.length];
        for (int t = 0; t < p.length; t++) {
            out[t] = ofFrame(p[t], true);
        }
        return out;
    }

    /** From a frame-major magnitude spectrogram {@code [frames][bins]}, e.g. {@link PowerSpectrogram#magnitude()}. */
    public double[] computeFromMagnitude(double[][] magnitude) {
        double[] out = new double[magnitude.length];
        for (int t = 0; t < magnitude.length; t++) {
            out[t] = ofFrame(magnitude[t], false);
        }
        return out;
    }

    private double ofFrame(double[] frame, boolean isPower) {
        if (frame.length != freq.length) {
            throw new IllegalArgumentException("frame has " + frame.length + " bins, expected " + freq.length);
        }
        double length = 0.0;
        double weighted = 0.0;
        for (int k = 0; k < frame.length; k++) {
            double mag = isPower ? Math.sqrt(frame[k]) : frame[k];
            length += mag;
            weighted += freq[k] * mag;
        }
        if (length < NORMALIZE_THRESHOLD) {
            length = 1.0;
        }
        return weighted / length;
    }
}
