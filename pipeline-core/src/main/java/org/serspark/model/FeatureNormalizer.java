package org.serspark.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;

/**
 * Per-feature standardisation {@code (x - mean) / std}, fitted on the training actors only and stored with the
 * model. Features with (near) zero spread are centred but not scaled, so a constant feature cannot blow up.
 * (A class, not a record: it is broadcast with Spark's Kryo 4, which cannot serialise records.)
 */
public final class FeatureNormalizer implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Below this spread a feature is treated as constant. */
    public static final double MIN_STD = 1e-8;

    private final double[] mean;
    private final double[] std;
    private final long frames;

    /**
     * @param mean   per-feature mean over all training frames
     * @param std    per-feature population standard deviation
     * @param frames how many frames it was fitted on
     */
    @JsonCreator
    public FeatureNormalizer(@JsonProperty("mean") double[] mean, @JsonProperty("std") double[] std,
                             @JsonProperty("frames") long frames) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std lengths differ: " + mean.length + " vs " + std.length);
        }
        this.mean = mean.clone();
        this.std = std.clone();
        this.frames = frames;
    }

    public static FeatureNormalizer fit(List<float[][]> clips, int nFeatures) {
        FeatureStats s = new FeatureStats(nFeatures);
        for (float[][] c : clips) {
            s.add(c);
        }
        return s.toNormalizer();
    }

    public int nFeatures() {
        return mean.length;
    }

    /** The normalised value of feature {@code k}. */
    public float apply(int k, float x) {
        double s = std[k] < MIN_STD ? 1.0 : std[k];
        return (float) ((x - mean[k]) / s);
    }

    /** A normalised copy of a clip ({@code [frames][features]}). */
    public float[][] normalize(float[][] clip) {
        float[][] out = new float[clip.length][];
        for (int t = 0; t < clip.length; t++) {
            float[] f = new float[clip[t].length];
            for (int k = 0; k < f.length; k++) {
                f[k] = apply(k, clip[t][k]);
            }
            out[t] = f;
        }
        return out;
    }

    @JsonProperty("mean")
    public double[] mean() {
        return mean.clone();
    }

    @JsonProperty("std")
    public double[] std() {
        return std.clone();
    }

    @JsonProperty("frames")
    public long frames() {
        return frames;
    }
}
