package org.serspark.model;

import java.util.Locale;

/**
 * How the training loss weighs each class ({@code training.class_weights}). RAVDESS has half as many neutral clips as
 * clips of any other emotion, and an unweighted loss learns to say "neutral" rarely (recall 0.09-0.17 in
 * docs/RESULTS.md section 9) although UAR counts every class alike.
 */
public enum ClassWeights {
    /** Every clip counts once (the paper). */
    NONE,
    /**
     * Each class weighs {@code n / (k * n_c)}: n training clips, k classes present, n_c clips of the class (sklearn's
     * {@code class_weight="balanced"}), so every class carries the same total weight.
     */
    BALANCED;

    public static ClassWeights of(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("class_weights must be none or balanced, got '" + s + "'");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The loss weight of each class given the training clips per class; classes without clips weigh 1 (they never
     * appear as a label, so their weight never counts). Null for {@link #NONE}.
     *
     * @throws IllegalArgumentException if no class has a clip
     */
    public double[] weights(long[] clipsPerClass) {
        if (this == NONE) {
            return null;
        }
        long n = 0;
        int present = 0;
        for (long c : clipsPerClass) {
            n += c;
            present += c > 0 ? 1 : 0;
        }
        if (n == 0) {
            throw new IllegalArgumentException("class weights need training clips, got none");
        }
        double[] w = new double[clipsPerClass.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = clipsPerClass[k] == 0 ? 1 : (double) n / ((double) present * clipsPerClass[k]);
        }
        return w;
    }
}
