package org.serspark.features;

/**
 * {@code librosa.feature.delta} (0.10.1, {@code mode='interp'}) along time for frame-major features: per column, the
 * Savitzky-Golay estimate of the first (order 1) or second (order 2) derivative over a window of {@code width} frames,
 * computed from the features themselves (order 2 is not the delta of the delta, as in librosa).
 *
 * <p>With the polynomial order equal to the derivative order, as librosa uses it, the derivative of the polynomial
 * fitted to the first (last) window is a constant, so the {@code width / 2} frames at each end repeat the nearest
 * fully-windowed value; that is what scipy's {@code interp} mode computes. librosa refuses clips shorter than the
 * window; here the window shrinks to the longest odd length the clip has (at least 3), and clips of fewer than three
 * frames get zero deltas, so a short clip never stops a training run.
 */
public final class DeltaFeatures {
    /** librosa's default window. */
    public static final int DEFAULT_WIDTH = 9;

    private DeltaFeatures() {
    }

    /** The delta of {@code order} (1 or 2) of each column of {@code frames} ({@code [frames][features]}). */
    public static float[][] delta(float[][] frames, int order, int width) {
        if (order != 1 && order != 2) {
            throw new IllegalArgumentException("delta order must be 1 or 2, got " + order);
        }
        if (width < 3 || width % 2 == 0) {
            throw new IllegalArgumentException("delta width must be odd and >= 3, got " + width);
        }
        int n = frames.length;
        int f = n == 0 ? 0 : frames[0].length;
        float[][] out = new float[n][f];
        int w = Math.min(width, n % 2 == 1 ? n : n - 1);
        if (w < 3) {
            return out;
        }
        double[] c = coefficients(order, w);
        int h = w / 2;
        double[] acc = new double[f];
        for (int t = h; t < n - h; t++) {
            java.util.Arrays.fill(acc, 0);
            for (int k = -h; k <= h; k++) {
                double ck = c[k + h];
                if (ck == 0) {
                    continue;
                }
                float[] x = frames[t + k];
                for (int j = 0; j < f; j++) {
                    acc[j] += ck * x[j];
                }
            }
            for (int j = 0; j < f; j++) {
                out[t][j] = (float) acc[j];
            }
        }
        for (int t = 0; t < h; t++) {
            System.arraycopy(out[h], 0, out[t], 0, f);
            System.arraycopy(out[n - 1 - h], 0, out[n - 1 - t], 0, f);
        }
        return out;
    }

    /**
     * Least-squares derivative weights over offsets {@code -w/2..w/2}: the slope {@code k / sum k^2} (order 1), or
     * twice the quadratic coefficient {@code 2 (k^2 - mean k^2) / sum (k^2 - mean k^2)^2} (order 2).
     */
    static double[] coefficients(int order, int w) {
        int h = w / 2;
        double[] c = new double[w];
        double sumK2 = 0;
        for (int k = -h; k <= h; k++) {
            sumK2 += (double) k * k;
        }
        if (order == 1) {
            for (int k = -h; k <= h; k++) {
                c[k + h] = k / sumK2;
            }
            return c;
        }
        double mean = sumK2 / w;
        double norm = 0;
        for (int k = -h; k <= h; k++) {
            double d = (double) k * k - mean;
            norm += d * d;
        }
        for (int k = -h; k <= h; k++) {
            c[k + h] = 2 * ((double) k * k - mean) / norm;
        }
        return c;
    }

    /**
     * {@code frames} with their deltas up to {@code order} appended after the columns: {@code [x, delta]} for order
     * 1, {@code [x, delta, delta2]} for order 2 (order 0 returns {@code frames}).
     */
    public static float[][] append(float[][] frames, int order, int width) {
        if (order == 0) {
            return frames;
        }
        float[][] d1 = delta(frames, 1, width);
        float[][] d2 = order == 2 ? delta(frames, 2, width) : null;
        int f = frames.length == 0 ? 0 : frames[0].length;
        float[][] out = new float[frames.length][f * (1 + order)];
        for (int t = 0; t < frames.length; t++) {
            System.arraycopy(frames[t], 0, out[t], 0, f);
            System.arraycopy(d1[t], 0, out[t], f, f);
            if (d2 != null) {
                System.arraycopy(d2[t], 0, out[t], 2 * f, f);
            }
        }
        return out;
    }
}
