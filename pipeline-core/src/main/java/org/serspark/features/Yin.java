package org.serspark.features;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The fundamental frequency of each frame by YIN (de Cheveigné and Kawahara 2002), as
 * {@code librosa.yin(y, fmin=fmin, fmax=fmax, sr=sr, frame_length=n_fft, hop_length=hop, trough_threshold=...,
 * center=center, pad_mode="constant")} computes it in 0.10.1, plus how periodic the frame is.
 *
 * <p>As librosa does it: with {@code center} the signal gets {@code frame_length // 2} zeros on each side; the
 * difference function of each frame over a window of {@code frame_length // 2} samples comes from an FFT
 * autocorrelation and cumulative energies (values under 1e-6 in magnitude set to 0), is normalised by its
 * cumulative mean, and its troughs are refined by parabolic interpolation (shifts beyond one lag dropped). The
 * period is the first trough under {@code troughThreshold}, or the global minimum when none is; periods run from
 * {@code floor(sr / fmax)} to {@code ceil(sr / fmin)} samples.
 *
 * <p>librosa.yin returns only the frequency, and a frequency for every frame: unvoiced and silent frames get the
 * global minimum's, which is noise. The second row, the normalised difference at the chosen period (0 for a
 * perfectly periodic frame, around 1 for noise; 1 for a silent frame, where librosa's 0/0 gives 0), is what lets a
 * model tell voiced frames from the rest, and {@link #log2F0} is the contour frames hold: the voiced frames' pitch,
 * interpolated across the rest. Computed in double precision (librosa sums the energies in float32).
 *
 * @param fmin            lowest frequency looked for, Hz ({@code fmin}, default C2, 65.4 Hz)
 * @param fmax            highest, Hz ({@code fmax}, default C6, 1046.5 Hz: RAVDESS's shouted speech stays below)
 * @param troughThreshold {@code trough_threshold} (default 0.1)
 */
public record Yin(double fmin, double fmax, double troughThreshold) implements java.io.Serializable {
    /**
     * Frames whose aperiodicity is below this are voiced for {@link #log2F0}: on speech the aperiodicity is bimodal,
     * under 0.1 on voiced frames and 0.8-1 on the rest.
     */
    public static final double VOICED_BELOW = 0.3;
    /** C2 and C6 ({@code librosa.note_to_hz}), and librosa's threshold. */
    public static final Yin SPEECH_DEFAULT = new Yin(65.40639132514966, 1046.5022612023945, 0.1);
    /** numpy's {@code tiny} for float64: keeps 0 / 0 finite as librosa does. */
    private static final double TINY = Double.MIN_NORMAL;

    public Yin {
        if (!(fmin > 0 && fmin < fmax) || Double.isInfinite(fmax)) {
            throw new IllegalArgumentException("pitch needs 0 < fmin < fmax, got fmin " + fmin + ", fmax " + fmax);
        }
        if (!(troughThreshold > 0)) {
            throw new IllegalArgumentException("pitch trough_threshold must be > 0, got " + troughThreshold);
        }
    }

    /** Shortest period looked for, samples ({@code max(floor(sr / fmax), 1)}). */
    public int minPeriod(int sr) {
        return Math.max((int) Math.floor(sr / fmax), 1);
    }

    /**
     * Longest period looked for, samples: {@code ceil(sr / fmin)}, which must fit the frame.
     *
     * @throws IllegalArgumentException when fmin is too low or fmax too high for this rate and frame
     */
    public int maxPeriod(int sr, int frameLength) {
        int maxPeriod = (int) Math.ceil(sr / fmin);
        int limit = frameLength - frameLength / 2 - 1;
        if (maxPeriod > limit) {
            throw new IllegalArgumentException("pitch fmin " + fmin + " Hz needs periods of " + maxPeriod
                    + " samples at " + sr + " Hz; frames of " + frameLength + " hold at most " + limit);
        }
        if (fmax > sr / 2.0) {
            throw new IllegalArgumentException("pitch fmax " + fmax + " Hz is above the Nyquist frequency, "
                    + sr / 2.0 + " Hz at " + sr + " Hz");
        }
        return maxPeriod;
    }

    /**
     * Every frame's frequency (Hz, row 0) and aperiodicity (row 1), frames as the STFT with {@code frameLength} and
     * {@code hop} counts them.
     */
    public double[][] compute(float[] y, int sr, int frameLength, int hop, boolean center) {
        if (y.length == 0) {
            throw new IllegalArgumentException("empty signal");
        }
        int win = frameLength / 2;
        int minPeriod = minPeriod(sr);
        int maxPeriod = maxPeriod(sr, frameLength);
        int pad = center ? frameLength / 2 : 0;
        int nFrames = Framing.count(y.length, frameLength, hop, center);
        double[][] out = new double[2][nFrames];
        DoubleFFT_1D fft = new DoubleFFT_1D(frameLength);
        double[] x = new double[frameLength];
        double[] a = new double[frameLength];
        double[] b = new double[frameLength];
        double[] energyCum = new double[frameLength + 1];
        double[] d = new double[maxPeriod + 1];
        double[] cmnd = new double[maxPeriod - minPeriod + 1];
        for (int t = 0; t < nFrames; t++) {
            int start = t * hop - pad;
            for (int k = 0; k < frameLength; k++) {
                int i = start + k;
                x[k] = i >= 0 && i < y.length ? y[i] : 0;
            }
            differenceFunction(fft, x, win, a, b, energyCum, d);
            // the window's energy as librosa thresholds it: zero means nothing to be periodic
            boolean silent = zeroIfTiny(energyCum[win + 1] - energyCum[1]) == 0;
            // cumulative mean normalised difference, lags minPeriod..maxPeriod
            double sum = 0;
            for (int tau = 1; tau <= maxPeriod; tau++) {
                sum += d[tau];
                if (tau >= minPeriod) {
                    cmnd[tau - minPeriod] = d[tau] / (sum / tau + TINY);
                }
            }
            int best = pick(cmnd, troughThreshold);
            double period = minPeriod + best + parabolicShift(cmnd, best);
            out[0][t] = sr / period;
            out[1][t] = silent ? 1.0 : cmnd[best];
        }
        return out;
    }

    /**
     * The pitch contour a model reads: log2 of f0 on voiced frames (aperiodicity under {@link #VOICED_BELOW}),
     * linearly interpolated across unvoiced ones and held before the first and after the last voiced frame;
     * log2(fmin) throughout when no frame is voiced. librosa.yin's f0 on unvoiced frames is the minimum of a flat
     * difference function, noise that deltas would amplify.
     */
    public double[] log2F0(double[] f0, double[] aperiodicity) {
        int n = f0.length;
        double[] out = new double[n];
        int previous = -1;
        for (int t = 0; t <= n; t++) {
            if (t < n && !(aperiodicity[t] < VOICED_BELOW)) {
                continue;
            }
            double here = t < n ? log2(f0[t]) : Double.NaN;
            if (previous < 0) {
                // before the first voiced frame: held (or log2(fmin) when none is voiced)
                java.util.Arrays.fill(out, 0, t, t < n ? here : log2(fmin));
            } else {
                double from = out[previous];
                for (int k = previous + 1; k < t; k++) {
                    out[k] = t < n ? from + (here - from) * (k - previous) / (t - previous) : from;
                }
            }
            if (t < n) {
                out[t] = here;
                previous = t;
            }
        }
        return out;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * {@code d[tau] = sum_{j=1..win} (x[j] - x[j + tau])^2} for {@code tau = 0..d.length-1}, as librosa forms it:
     * energies plus an FFT cross-correlation of the frame with its first {@code win} samples reversed.
     */
    static void differenceFunction(DoubleFFT_1D fft, double[] x, int win, double[] a, double[] b,
                                   double[] energyCum, double[] d) {
        int n = x.length;
        System.arraycopy(x, 0, a, 0, n);
        java.util.Arrays.fill(b, 0);
        for (int m = 0; m < win; m++) {
            b[m] = x[win - m];
        }
        fft.realForward(a);
        fft.realForward(b);
        // product of the two packed spectra: [0] and [1] are the real DC and Nyquist terms
        a[0] *= b[0];
        a[1] *= b[1];
        for (int k = 2; k < n; k += 2) {
            double re = a[k] * b[k] - a[k + 1] * b[k + 1];
            double im = a[k] * b[k + 1] + a[k + 1] * b[k];
            a[k] = re;
            a[k + 1] = im;
        }
        fft.realInverse(a, true);
        energyCum[0] = 0;
        for (int k = 0; k < n; k++) {
            energyCum[k + 1] = energyCum[k] + x[k] * x[k];
        }
        double e0 = zeroIfTiny(energyCum[win + 1] - energyCum[1]);
        for (int tau = 0; tau < d.length; tau++) {
            double acf = zeroIfTiny(a[win + tau]);
            double e = zeroIfTiny(energyCum[tau + win + 1] - energyCum[tau + 1]);
            d[tau] = e0 + e - 2 * acf;
        }
    }

    private static double zeroIfTiny(double v) {
        return Math.abs(v) < 1e-6 ? 0 : v;
    }

    /**
     * librosa's choice: the first trough (a lag below its left neighbour and not above its right one; lag 0 when
     * below lag 1) under the threshold, else the first global minimum.
     */
    static int pick(double[] c, double threshold) {
        int n = c.length;
        int argmin = 0;
        for (int i = 0; i < n; i++) {
            boolean trough = i == 0 ? n > 1 && c[0] < c[1] : c[i] < c[i - 1] && (i == n - 1 || c[i] <= c[i + 1]);
            if (trough && c[i] < threshold) {
                return i;
            }
            if (c[i] < c[argmin]) {
                argmin = i;
            }
        }
        return argmin;
    }

    /** The offset of the parabola through lags i-1, i, i+1 from i; 0 at the ends and beyond one lag. */
    static double parabolicShift(double[] c, int i) {
        if (i == 0 || i == c.length - 1) {
            return 0;
        }
        double pa = (c[i - 1] + c[i + 1] - 2 * c[i]) / 2;
        double pb = (c[i + 1] - c[i - 1]) / 2;
        double shift = -pb / (2 * pa + TINY);
        return Math.abs(shift) > 1 ? 0 : shift;
    }
}
