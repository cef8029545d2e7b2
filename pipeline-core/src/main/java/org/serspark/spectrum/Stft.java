package org.serspark.spectrum;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Power spectrogram exactly as {@code np.abs(librosa.stft(y, n_fft, hop_length, window="hann", center=True,
 * pad_mode="constant")) ** 2} computes it: a periodic Hann window ({@code scipy.signal.get_window("hann", n_fft,
 * fftbins=True)}) and zero padding of {@code n_fft / 2} on both sides.
 *
 * <p>librosa computes the spectrogram of float32 audio in float32: numpy's FFT runs in float64, librosa stores the
 * result as complex64, {@code np.abs} takes the float32 modulus and {@code ** 2} squares in float32. The power here
 * is rounded the same way ({@link #complex64Abs}), so it holds librosa's exact values, not a more precise version
 * of them. That matters beyond precision: a frame of digital silence holding one LSB impulse has a flat spectrum,
 * and which of its bins {@code piptrack} calls peaks is decided by the last bit of each value; their number moves
 * {@code estimate_tuning}'s median threshold (RAVDESS 03-01-03-02-02-01-16: 0.05 from the float64 power, librosa
 * 0.26).
 *
 * <p>Not thread-safe: one instance per thread (it reuses its FFT plan and buffers).
 */
public final class Stft {
    private final StftParams params;
    private final double[] window;
    private final DoubleFFT_1D fft;
    private final double[] buffer;
    /** One frame's FFT values as complex64, real and imaginary parts apart (see {@link #float32Powers}). */
    private final float[] re;
    private final float[] im;

    public Stft(StftParams params) {
        this.params = params;
        this.window = periodicHann(params.nFft());
        this.fft = new DoubleFFT_1D(params.nFft());
        this.buffer = new double[params.nFft()];
        this.re = new float[params.nBins()];
        this.im = new float[params.nBins()];
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
            if (start >= 0 && start + nFft <= y.length) {
                for (int i = 0; i < nFft; i++) {
                    buffer[i] = y[start + i] * window[i];
                }
            } else {
                for (int i = 0; i < nFft; i++) {
                    int j = start + i;
                    buffer[i] = (j >= 0 && j < y.length) ? y[j] * window[i] : 0.0;
                }
            }
            fft.realForward(buffer);
            // JTransforms packs DC and Nyquist (both real: numpy's imaginary part is exactly 0) into buffer[0..1]
            re[0] = (float) buffer[0];
            im[0] = 0f;
            re[nBins - 1] = (float) buffer[1];
            im[nBins - 1] = 0f;
            for (int k = 1; k < nBins - 1; k++) {
                re[k] = (float) buffer[2 * k];
                im[k] = (float) buffer[2 * k + 1];
            }
            double[] p = new double[nBins];
            float32Powers(re, im, p);
            out[t] = p;
        }
        return new PowerSpectrogram(out, sampleRate, params);
    }

    /**
     * {@code np.abs(D) ** 2} of every bin, squared in float32 as librosa does. One loop over separate arrays with a
     * shared index and a branch-free body, so that C2 turns the division and square root into SIMD instructions
     * (bin by bin this was the largest single cost of the extract job). Overwrites {@code re}.
     */
    static void float32Powers(float[] re, float[] im, double[] power) {
        int n = power.length;
        // in place into re: JDK 17's C2 vectorises no float -> double conversion, so that is a loop of its own
        for (int k = 0; k < n; k++) {
            float magnitude = complex64Abs(re[k], im[k]);
            re[k] = magnitude * magnitude;
        }
        for (int k = 0; k < n; k++) {
            power[k] = re[k];
        }
    }

    /**
     * {@code np.abs} of a complex64 value, bit for bit as numpy 1.24 computes it on the reference machine (its
     * AVX512F loop: {@code larger * sqrt(fma(ratio, ratio, 1))} in float32 with {@code ratio = smaller / larger});
     * the textbook {@code (float) sqrt(re^2 + im^2)} differs from it in the last bit for about a third of the bins.
     * Without AVX512F numpy falls back to {@code hypotf}, which rounds differently: librosa itself is not
     * bit-reproducible across machines here. Branch-free for {@link #float32Powers}: dividing by
     * {@code max(larger, Float.MIN_VALUE)} changes the divisor only when {@code larger} is 0, where the modulus is 0
     * either way.
     */
    static float complex64Abs(float re, float im) {
        float a = Math.abs(re);
        float b = Math.abs(im);
        float larger = Math.max(a, b);
        float ratio = Math.min(a, b) / Math.max(larger, Float.MIN_VALUE);
        // a float square root rounded from the double one is correctly rounded: double has > 2 * 24 + 2 bits
        return (float) Math.sqrt(Math.fma(ratio, ratio, 1f)) * larger;
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
