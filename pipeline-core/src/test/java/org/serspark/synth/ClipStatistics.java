package org.serspark.synth;

/**
 * Simple per-clip statistics for checking the synthetic corpus, deliberately cruder than the real feature pipeline:
 * if even these separate emotions across speakers, the corpus carries learnable emotion cues. The signal is box-
 * averaged down to {@value #ANALYSIS_RATE} Hz, cut into 32 ms frames, and frames within 30 dB of the loudest count
 * as active; voiced frames are those whose normalised autocorrelation peak over 60-400 Hz exceeds 0.6.
 */
final class ClipStatistics {
    static final String[] NAMES = {"rmsDb", "zeroCrossingRate", "log2F0", "f0Sd", "voicedFraction",
        "activeFraction", "differenceDb"};
    static final int RMS_DB = 0;
    static final int ZERO_CROSSING_RATE = 1;
    static final int LOG2_F0 = 2;
    static final int COUNT = NAMES.length;

    private static final int ANALYSIS_RATE = 8000;
    private static final int FRAME = 256;
    private static final int HOP = 128;
    private static final double ACTIVE_BELOW_MAX = 1e-3;
    private static final double VOICING_THRESHOLD = 0.6;
    private static final int MIN_F0 = 60;
    private static final int MAX_F0 = 400;

    private ClipStatistics() {
    }

    static double[] of(float[] x, int fs) {
        int decimation = fs / ANALYSIS_RATE;
        int n = x.length / decimation;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < decimation; k++) {
                s += x[i * decimation + k];
            }
            y[i] = s / decimation;
        }
        int frames = (n - FRAME) / HOP + 1;
        double[] energy = new double[frames];
        double maxEnergy = 0;
        for (int f = 0; f < frames; f++) {
            double s = 0;
            for (int k = 0; k < FRAME; k++) {
                s += y[f * HOP + k] * y[f * HOP + k];
            }
            energy[f] = s / FRAME;
            maxEnergy = Math.max(maxEnergy, energy[f]);
        }
        int minLag = ANALYSIS_RATE / MAX_F0;
        int maxLag = ANALYSIS_RATE / MIN_F0;
        int span = FRAME - maxLag;
        int active = 0;
        int voiced = 0;
        double activeEnergy = 0;
        double sumLogF0 = 0;
        double sumLogF0Sq = 0;
        for (int f = 0; f < frames; f++) {
            if (energy[f] < maxEnergy * ACTIVE_BELOW_MAX) {
                continue;
            }
            active++;
            activeEnergy += energy[f];
            int o = f * HOP;
            double e0 = 0;
            for (int k = 0; k < span; k++) {
                e0 += y[o + k] * y[o + k];
            }
            double best = 0;
            int bestLag = -1;
            for (int lag = minLag; lag <= maxLag; lag++) {
                double c = 0;
                double el = 0;
                for (int k = 0; k < span; k++) {
                    c += y[o + k] * y[o + k + lag];
                    el += y[o + k + lag] * y[o + k + lag];
                }
                double r = c / Math.sqrt(e0 * el + 1e-20);
                if (r > best) {
                    best = r;
                    bestLag = lag;
                }
            }
            if (best > VOICING_THRESHOLD) {
                voiced++;
                double l = Math.log((double) ANALYSIS_RATE / bestLag) / Math.log(2);
                sumLogF0 += l;
                sumLogF0Sq += l * l;
            }
        }
        double meanLogF0 = voiced > 0 ? sumLogF0 / voiced : 0;
        double sdLogF0 = voiced > 0 ? Math.sqrt(Math.max(0, sumLogF0Sq / voiced - meanLogF0 * meanLogF0)) : 0;
        long crossings = 0;
        double diffEnergy = 0;
        double signalEnergy = 0;
        for (int i = 1; i < x.length; i++) {
            if ((x[i] >= 0) != (x[i - 1] >= 0)) {
                crossings++;
            }
            double d = x[i] - x[i - 1];
            diffEnergy += d * d;
            signalEnergy += (double) x[i] * x[i];
        }
        return new double[] {
            10 * Math.log10(activeEnergy / Math.max(1, active) + 1e-12),
            (double) crossings / x.length,
            meanLogF0,
            sdLogF0,
            (double) voiced / Math.max(1, active),
            (double) active / frames,
            10 * Math.log10(diffEnergy / signalEnergy)};
    }
}
