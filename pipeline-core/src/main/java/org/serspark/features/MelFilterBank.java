package org.serspark.features;

/**
 * {@code librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk, norm)} 0.10.1, stored sparsely: every triangle
 * is non-zero only on a short run of FFT bins, so each filter keeps its first non-zero bin and the weights of
 * that run. Applying the bank then costs about two multiply-adds per FFT bin instead of {@code n_mels} of them.
 *
 * <p>Weights are kept in double precision (librosa rounds them to float32; the difference is far below the
 * parity tolerance). Immutable and thread-safe.
 */
public final class MelFilterBank {
    /** Slaney scale: linear below this frequency (Hz), logarithmic above. */
    private static final double SLANEY_MIN_LOG_HZ = 1000.0;
    /** Slaney scale: Hz per mel in the linear region (200/3). */
    private static final double SLANEY_F_SP = 200.0 / 3.0;
    private static final double SLANEY_MIN_LOG_MEL = SLANEY_MIN_LOG_HZ / SLANEY_F_SP;
    /** Slaney scale: mels per natural-log step in the log region, so that 6.4x frequency spans 27 mels. */
    private static final double SLANEY_LOG_STEP = Math.log(6.4) / 27.0;
    private static final double HTK_SCALE = 2595.0;
    private static final double HTK_BREAK_HZ = 700.0;

    private final int sampleRate;
    private final int nFft;
    private final MelParams params;
    private final int nBins;
    /** {@code first[m]}: first FFT bin where filter {@code m} is non-zero ({@code weights[m].length == 0} if none). */
    private final int[] first;
    /** {@code weights[m][i]}: weight of FFT bin {@code first[m] + i} in filter {@code m}. */
    private final double[][] weights;

    public MelFilterBank(int sampleRate, int nFft, MelParams params) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be > 0, got " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.nFft = nFft;
        this.params = params;
        this.nBins = nFft / 2 + 1;
        int nMels = params.nMels();
        this.first = new int[nMels];
        this.weights = new double[nMels][];

        double[] fftFreqs = new double[nBins];
        for (int k = 0; k < nBins; k++) {
            fftFreqs[k] = (double) k * sampleRate / nFft;
        }
        double[] melF = melFrequencies(nMels + 2, params.fmin(), params.fmaxFor(sampleRate), params.htk());
        double[] dense = new double[nBins];
        for (int m = 0; m < nMels; m++) {
            // Same operation order as librosa: ramps = mel_f - fftfreqs, lower = -ramps[m] / fdiff[m],
            // upper = ramps[m + 2] / fdiff[m + 1].
            double fdiffLo = melF[m + 1] - melF[m];
            double fdiffHi = melF[m + 2] - melF[m + 1];
            double enorm = params.slaneyNorm() ? 2.0 / (melF[m + 2] - melF[m]) : 1.0;
            int lo = -1;
            int hi = -2;
            for (int k = 0; k < nBins; k++) {
                double lower = -(melF[m] - fftFreqs[k]) / fdiffLo;
                double upper = (melF[m + 2] - fftFreqs[k]) / fdiffHi;
                double w = Math.max(0.0, Math.min(lower, upper)) * enorm;
                dense[k] = w;
                if (w > 0.0) {
                    if (lo < 0) {
                        lo = k;
                    }
                    hi = k;
                }
            }
            if (lo < 0) {
                // An empty channel (librosa only warns): it yields zero power, hence the dB floor.
                first[m] = 0;
                weights[m] = new double[0];
            } else {
                first[m] = lo;
                double[] run = new double[hi - lo + 1];
                System.arraycopy(dense, lo, run, 0, run.length);
                weights[m] = run;
            }
        }
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int nFft() {
        return nFft;
    }

    public MelParams params() {
        return params;
    }

    public int nMels() {
        return weights.length;
    }

    public int nBins() {
        return nBins;
    }

    /** First FFT bin where filter {@code m} is non-zero. */
    public int firstBin(int m) {
        return first[m];
    }

    /** Last FFT bin where filter {@code m} is non-zero ({@code firstBin(m) - 1} for an empty filter). */
    public int lastBin(int m) {
        return first[m] + weights[m].length - 1;
    }

    /** Weight of FFT bin {@code k} in filter {@code m}. */
    public double weight(int m, int k) {
        int i = k - first[m];
        return i >= 0 && i < weights[m].length ? weights[m][i] : 0.0;
    }

    /** The full {@code [n_mels][1 + n_fft/2]} matrix librosa returns. */
    public double[][] dense() {
        double[][] out = new double[weights.length][nBins];
        for (int m = 0; m < weights.length; m++) {
            System.arraycopy(weights[m], 0, out[m], first[m], weights[m].length);
        }
        return out;
    }

    /**
     * One frame of {@code mel_basis @ power}: {@code out[outOffset + m] = sum_k w[m][k] * power[k]}.
     * No allocation.
     */
    public void apply(double[] powerFrame, double[] out, int outOffset) {
        for (int m = 0; m < weights.length; m++) {
            double[] w = weights[m];
            int k0 = first[m];
            double acc = 0.0;
            for (int i = 0; i < w.length; i++) {
                acc += w[i] * powerFrame[k0 + i];
            }
            out[outOffset + m] = acc;
        }
    }

    /** {@code librosa.hz_to_mel(hz, htk)}. */
    public static double hzToMel(double hz, boolean htk) {
        if (htk) {
            return HTK_SCALE * Math.log10(1.0 + hz / HTK_BREAK_HZ);
        }
        if (hz >= SLANEY_MIN_LOG_HZ) {
            return SLANEY_MIN_LOG_MEL + Math.log(hz / SLANEY_MIN_LOG_HZ) / SLANEY_LOG_STEP;
        }
        return hz / SLANEY_F_SP;
    }

    /** {@code librosa.mel_to_hz(mel, htk)}. */
    public static double melToHz(double mel, boolean htk) {
        if (htk) {
            return HTK_BREAK_HZ * (Math.pow(10.0, mel / HTK_SCALE) - 1.0);
        }
        if (mel >= SLANEY_MIN_LOG_MEL) {
            return SLANEY_MIN_LOG_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_MIN_LOG_MEL));
        }
        return SLANEY_F_SP * mel;
    }

    /** {@code librosa.mel_frequencies(n, fmin, fmax, htk)}: {@code n} frequencies evenly spaced in mel. */
    public static double[] melFrequencies(int n, double fmin, double fmax, boolean htk) {
        double minMel = hzToMel(fmin, htk);
        double maxMel = hzToMel(fmax, htk);
        double[] hz = new double[n];
        // np.linspace: start + i * step, with the last point set to stop exactly
        double step = n > 1 ? (maxMel - minMel) / (n - 1) : 0.0;
        for (int i = 0; i < n; i++) {
            double mel = i == n - 1 && n > 1 ? maxMel : i * step + minMel;
            hz[i] = melToHz(mel, htk);
        }
        return hz;
    }
}
