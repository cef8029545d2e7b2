package org.serspark.audio;

import org.jtransforms.fft.DoubleFFT_1D;
import org.serspark.spectrum.Stft;

/**
 * A clip made {@code 1 / rate} times as long without changing its pitch, as {@code librosa.effects.time_stretch(y,
 * rate=rate)} does it (0.10.1): the STFT with librosa's defaults (n_fft 2048, hop 512, periodic Hann window, centred
 * with zero padding), {@code librosa.phase_vocoder} (each output frame's magnitude interpolated between the two input
 * frames it falls between, its phase advanced by the measured instantaneous frequency), then {@code librosa.istft}
 * (overlap-add divided by the summed squared window) to {@code round(n / rate)} samples.
 *
 * <p>In double precision throughout, where librosa keeps complex64 spectra and a float32 phase accumulator: on speech
 * the two outputs are 72 dB apart (TimeStretchGoldenTest, against librosa 0.10.1's own output). The result feeds data
 * augmentation, not a feature, so there is no float32 rounding worth reproducing. The phase vocoder smears transients
 * and adds some "phasiness", as librosa's does; at the small factors augmentation uses (0.9-1.1) speech stays
 * natural.
 *
 * <p>Not thread-safe: one instance per thread (it reuses its FFT plan and buffers).
 */
public final class TimeStretch {
    static final int N_FFT = 2048;
    static final int HOP = N_FFT / 4;
    private static final int N_BINS = N_FFT / 2 + 1;
    /** {@code np.finfo(np.float32).tiny}: librosa's istft skips window sums below it (the output is float32). */
    private static final double TINY = Float.MIN_NORMAL;

    private final double[] window = Stft.periodicHann(N_FFT);
    private final DoubleFFT_1D fft = new DoubleFFT_1D(N_FFT);
    private final double[] buffer = new double[N_FFT];

    /**
     * {@code y} stretched by {@code rate} (above 1: faster and shorter, below 1: slower and longer) to
     * {@code length} samples ({@code round(y.length / rate)} is librosa's; the ISTFT pads or cuts to it).
     */
    public float[] apply(float[] y, double rate, int length) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be > 0, got " + rate);
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        double[][][] spectrum = stft(y);
        double[][][] stretched = phaseVocoder(spectrum[0], spectrum[1], rate);
        return istft(stretched[0], stretched[1], length);
    }

    /** librosa's output length for {@code n} samples at {@code rate}: Python's {@code int(round(n / rate))}. */
    public static int stretchedLength(int n, double rate) {
        return (int) Math.rint(n / rate);
    }

    /** {@code librosa.stft(y)}: real and imaginary parts, {@code [frame][bin]} each (always one frame at least). */
    private double[][][] stft(float[] y) {
        int nFrames = 1 + y.length / HOP;
        int offset = N_FFT / 2;
        double[][] re = new double[nFrames][N_BINS];
        double[][] im = new double[nFrames][N_BINS];
        for (int t = 0; t < nFrames; t++) {
            int start = t * HOP - offset;
            for (int i = 0; i < N_FFT; i++) {
                int j = start + i;
                buffer[i] = j >= 0 && j < y.length ? y[j] * window[i] : 0.0;
            }
            fft.realForward(buffer);
            // JTransforms packs DC and Nyquist (both real) into buffer[0..1]
            re[t][0] = buffer[0];
            re[t][N_BINS - 1] = buffer[1];
            for (int k = 1; k < N_BINS - 1; k++) {
                re[t][k] = buffer[2 * k];
                im[t][k] = buffer[2 * k + 1];
            }
        }
        return new double[][][] {re, im};
    }

    /** {@code librosa.phase_vocoder(D, rate=rate, hop_length=n_fft // 4)}, as {@link #stft} gives spectra. */
    static double[][][] phaseVocoder(double[][] re, double[][] im, double rate) {
        int nIn = re.length;
        // np.arange(0, nIn, rate): start + i * step while below nIn
        int nOut = (int) Math.ceil(nIn / rate);
        while (nOut > 0 && (nOut - 1) * rate >= nIn) {
            nOut--;
        }
        double[] phiAdvance = new double[N_BINS];
        double[] phase = new double[N_BINS];
        for (int k = 0; k < N_BINS; k++) {
            phiAdvance[k] = Math.PI * HOP * k / (N_BINS - 1);
            phase[k] = Math.atan2(im[0][k], re[0][k]);
        }
        double[][] outRe = new double[nOut][N_BINS];
        double[][] outIm = new double[nOut][N_BINS];
        for (int t = 0; t < nOut; t++) {
            double step = t * rate;
            int i0 = (int) step;
            double alpha = step - i0;
            for (int k = 0; k < N_BINS; k++) {
                // librosa pads two zero frames at the end: columns past the last frame are 0 (angle 0)
                double r0 = i0 < nIn ? re[i0][k] : 0;
                double m0 = i0 < nIn ? im[i0][k] : 0;
                double r1 = i0 + 1 < nIn ? re[i0 + 1][k] : 0;
                double m1 = i0 + 1 < nIn ? im[i0 + 1][k] : 0;
                double mag = (1 - alpha) * Math.hypot(r0, m0) + alpha * Math.hypot(r1, m1);
                outRe[t][k] = mag * Math.cos(phase[k]);
                outIm[t][k] = mag * Math.sin(phase[k]);
                double dphase = Math.atan2(m1, r1) - Math.atan2(m0, r0) - phiAdvance[k];
                // wrapped to [-pi, pi] with numpy's round (half to even)
                dphase -= 2 * Math.PI * Math.rint(dphase / (2 * Math.PI));
                phase[k] += phiAdvance[k] + dphase;
            }
        }
        return new double[][][] {outRe, outIm};
    }

    /** {@code librosa.istft(D, length=length)} with the default window, hop and centring. */
    private float[] istft(double[][] re, double[][] im, int length) {
        int padded = length + 2 * (N_FFT / 2);
        // at least one frame: the vocoder always makes one, and padded is at least N_FFT
        int nFrames = Math.min(re.length, (int) Math.ceil((double) padded / HOP));
        double[] y = new double[N_FFT + HOP * (nFrames - 1)];
        double[] windowSum = new double[y.length];
        for (int t = 0; t < nFrames; t++) {
            buffer[0] = re[t][0];
            buffer[1] = re[t][N_BINS - 1];
            for (int k = 1; k < N_BINS - 1; k++) {
                buffer[2 * k] = re[t][k];
                buffer[2 * k + 1] = im[t][k];
            }
            fft.realInverse(buffer, true);
            int start = t * HOP;
            for (int i = 0; i < N_FFT; i++) {
                y[start + i] += buffer[i] * window[i];
                windowSum[start + i] += window[i] * window[i];
            }
        }
        float[] out = new float[length];
        int offset = N_FFT / 2;
        for (int i = 0; i < length && offset + i < y.length; i++) {
            double w = windowSum[offset + i];
            out[i] = (float) (w > TINY ? y[offset + i] / w : y[offset + i]);
        }
        return out;
    }
}
