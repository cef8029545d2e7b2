package org.serspark.model;

import java.io.Serializable;

/**
 * Per-feature frame counts, sums and sums of squares: mergeable, so a distributed job can fit a
 * {@link FeatureNormalizer} with one aggregate over the training clips.
 */
public final class FeatureStats implements Serializable {
    private static final long serialVersionUID = 1L;

    private long frames;
    private final double[] sum;
    private final double[] sumSq;

    public FeatureStats(int nFeatures) {
        this.sum = new double[nFeatures];
        this.sumSq = new double[nFeatures];
    }

    /** Adds every frame of one clip ({@code [frames][features]}). */
    public FeatureStats add(float[][] clip) {
        for (float[] frame : clip) {
            if (frame.length != sum.length) {
                throw new IllegalArgumentException("frame has " + frame.length + " features, expected " + sum.length);
            }
            for (int k = 0; k < frame.length; k++) {
                double v = frame[k];
                sum[k] += v;
                sumSq[k] += v * v;
            }
        }
        frames += clip.length;
        return this;
    }

    public FeatureStats merge(FeatureStats other) {
        if (other.sum.length != sum.length) {
            throw new IllegalArgumentException("cannot merge stats of " + other.sum.length + " and " + sum.length
                    + " features");
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] += other.sum[k];
            sumSq[k] += other.sumSq[k];
        }
        frames += other.frames;
        return this;
    }

    public long frames() {
        return frames;
    }

    /** One clip standardised with its own per-feature mean and deviation ({@code training.normalization: clip}). */
    public static float[][] standardize(float[][] clip) {
        if (clip.length == 0) {
            return clip;
        }
        return new FeatureStats(clip[0].length).add(clip).toNormalizer().normalize(clip);
    }

    /** Mean and population standard deviation over all frames. */
    public FeatureNormalizer toNormalizer() {
        if (frames == 0) {
            throw new IllegalStateException("no frames to fit a normaliser on");
        }
        double[] mean = new double[sum.length];
        double[] std = new double[sum.length];
        for (int k = 0; k < sum.length; k++) {
            mean[k] = sum[k] / frames;
            double var = Math.max(0.0, sumSq[k] / frames - mean[k] * mean[k]);
            std[k] = Math.sqrt(var);
        }
        return new FeatureNormalizer(mean, std, frames);
    }
}
