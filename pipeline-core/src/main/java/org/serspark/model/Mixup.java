package org.serspark.model;

import java.util.Random;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mixup (Zhang et al., ICLR 2018) on a training minibatch ({@code training.mixup}): clip i becomes
 * {@code lambda x_i + (1 - lambda) x_j} with labels mixed the same way, j a random other clip of the same minibatch
 * and {@code lambda ~ Beta(alpha, alpha)} drawn per clip. Frames are mixed where they stand (clip starts aligned); a
 * frame is real where either clip's is, and a padded frame counts as 0, the training mean after standardisation. The
 * trainer's minibatches group clips of similar length ({@link LengthBuckets}), so little of a mixed clip is one clip
 * alone.
 *
 * <p>Why: the bidirectional networks reach a training loss of 0.03 while validation UAR stalls, memorising 18
 * speakers; mixup makes a network fit the line between two clips instead of each point. On RAVDESS it did not help
 * (docs/RESULTS.md section 9), so it is an option, off by default.
 */
public final class Mixup implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double alpha;

    /** {@code alpha > 0}: the Beta distribution's two parameters (0.2-0.4 is usual; 1 draws lambda uniformly). */
    public Mixup(double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("mixup must be > 0 (the Beta(alpha, alpha) parameter), got " + alpha);
        }
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    /**
     * The minibatch mixed: features {@code [batch, features, frames]}, feature mask {@code [batch, frames]} (or none),
     * labels {@code [batch, classes]}. The pairing and the lambdas come from {@code rnd} only. A minibatch of one clip
     * is returned as it is.
     */
    public DataSet apply(DataSet batch, Random rnd) {
        INDArray x = batch.getFeatures();
        INDArray y = batch.getLabels();
        INDArray mask = batch.getFeaturesMaskArray();
        int n = (int) x.size(0);
        if (n < 2) {
            return batch;
        }
        int[] partner = derangement(n, rnd);
        BetaDistribution beta = new BetaDistribution(new Well19937c(rnd.nextLong()), alpha, alpha);
        float[] lambda = new float[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = (float) beta.sample();
        }
        float[] xs = flat(x);
        float[] ys = flat(y);
        float[] ms = mask == null ? null : flat(mask);
        float[] xm = new float[xs.length];
        float[] ym = new float[ys.length];
        float[] mm = ms == null ? null : new float[ms.length];
        int xStride = xs.length / n;
        int yStride = ys.length / n;
        int mStride = ms == null ? 0 : ms.length / n;
        for (int i = 0; i < n; i++) {
            int j = partner[i];
            float l = lambda[i];
            mix(xs, i * xStride, j * xStride, xStride, l, xm);
            mix(ys, i * yStride, j * yStride, yStride, l, ym);
            for (int k = 0; k < mStride; k++) {
                mm[i * mStride + k] = Math.max(ms[i * mStride + k], ms[j * mStride + k]);
            }
        }
        return new DataSet(Nd4j.create(xm, x.shape(), 'c').castTo(x.dataType()),
                Nd4j.create(ym, y.shape(), 'c').castTo(y.dataType()),
                mm == null ? null : Nd4j.create(mm, mask.shape(), 'c').castTo(mask.dataType()),
                batch.getLabelsMaskArray());
    }

    /** The values in row-major order, copied once (reshaping a row-major array is a view). */
    private static float[] flat(INDArray a) {
        return a.castTo(DataType.FLOAT).reshape('c', new long[] {a.length()}).toFloatVector();
    }

    private static void mix(float[] src, int a, int b, int len, float l, float[] dst) {
        for (int k = 0; k < len; k++) {
            dst[a + k] = l * src[a + k] + (1 - l) * src[b + k];
        }
    }

    /** A random permutation of 0..n-1 with no fixed point (n >= 2), so no clip is mixed with itself. */
    static int[] derangement(int n, Random rnd) {
        // Sattolo's shuffle: a uniformly random n-cycle, which has no fixed point
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = rnd.nextInt(i);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }
}
