package org.serspark.spectrum;

/**
 * {@code |STFT|^2}, frame-major: {@code power[t][f]} for frame {@code t} and bin {@code f}
 * (librosa's matrices are {@code [f][t]}; frame-major keeps one frame contiguous for the per-frame features).
 */
public record PowerSpectrogram(double[][] power, int sampleRate, StftParams params) {

    public int nFrames() {
        return power.length;
    }

    public int nBins() {
        return params.nBins();
    }

    /** {@code |STFT|}, as librosa's spectral features use it ({@code power=1}). */
    public double[][] magnitude() {
        double[][] mag = new double[power.length][];
        for (int t = 0; t < power.length; t++) {
            double[] p = power[t];
            double[] m = new double[p.length];
            for (int f = 0; f < p.length; f++) {
                m[f] = Math.sqrt(p[f]);
            }
            mag[t] = m;
        }
        return mag;
    }

    /** Centre frequency of every bin, {@code librosa.fft_frequencies(sr, n_fft)}. */
    public double[] binFrequencies() {
        return Stft.fftFrequencies(sampleRate, params.nFft());
    }
}
