package org.serspark.spectrum;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Power spectrogram exactly as {@code np.abs(librosa.stft(y, n_fft, hop_length, window="hann", center=True,
 * pad_mode="constant")) ** 2} computes it: a periodic Hann window ({@code scipy.signal.get_window("hann", n_fft,
 * fftbins=True)}) and zero padding of {@code n_fft / 2} on both sides.
 *
 * <p>Not thread-safe: one instance per thread (it reuses its FFT plan and buffers).
 */
public final class Stft {
    private final StftParams params;
    private final double[] window;
    private final DoubleFFT_1D fft;
    private final double[] buffer;

    public Stft(StftParams params) {
        this.params = params;
        this.window = periodicHann(params.nFft());
        this.fft = new DoubleFFT_1D(params.nFft());
        this.buffer = new double[params.nFft()];
    }

    public StftParams params() {
        return params;
    }

    /** Power spectrogram of {@code y} at {@code sampleRate}; {@code y} may be shorter than one frame. */
    public PowerSpectrogram power(float[] y, int sampleRate) {
        int nFft = params.nFft();
        int hop = params.hop();
        int nFrames = params.nFrames(y.length);
        int nBins = params.nBins();
        int offset = params.center() ? nFft / 2 : 0;
        double[][] out = new double[nFrames][];
        for (int t = 0; t < nFrames; t++) {
            // frame t covers padded samples [t*hop, t*hop + nFft), i.e. y[t*hop - offset + i]
            int start = t * hop - offset;
            for (int i = 0; i < nFft; i++) {
                int j = start + i;
                buffer[i] = (j >= 0 && j < y.length) ? y[j] * window[i] : 0.0;
            }
            fft.realForward(buffer);
            double[] p = new double[nBins];
            p[0] = buffer[0] * buffer[0];
            p[nBins - 1] = buffer[1] * buffer[1];
            for (int k = 1; k < nBins - 1; k++) {
                double re = buffer[2 * k];
                double im = buffer[2 * k + 1];
                p[k] = re * re + im * im;
            }
            out[t] = p;
        }
        return new PowerSpectrogram(out, sampleRate, params);
    }

    /** {@code scipy.signal.get_window("hann", n, fftbins=True)}: the periodic Hann window. */
    public static double[] periodicHann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / n);
        }
        return w;
    }

    /** {@code librosa.fft_frequencies(sr=sr, n_fft=n_fft)}: {@code k * sr / n_fft} for k in 0..n_fft/2. */
    public static double[] fftFrequencies(int sampleRate, int nFft) {
        double[] f = new double[nFft / 2 + 1];
        for (int k = 0; k < f.length; k++) {
            f[k] = (double) k * sampleRate / nFft;
        }
        return f;
    }
}
