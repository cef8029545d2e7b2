package org.serspark.model;

import java.util.List;
import java.util.Locale;

/**
 * How a clip's class is read from a network's probabilities ({@code training.decision}). A network trained with
 * cross-entropy estimates p(class | clip) under the training set's class shares, and the most probable class is the
 * best guess for accuracy. UAR (balanced accuracy) counts every class alike, and the guess that maximises it is the
 * class of highest p(class | clip) / share(class) (Menon et al., "Long-tail learning via logit adjustment", ICLR
 * 2021): RAVDESS has half as many neutral clips as clips of any other emotion, so the network says neutral less often
 * than UAR would have it.
 */
public enum DecisionRule {
    /** The most probable class (the paper). */
    ARGMAX,
    /**
     * Each probability divided by its class's share of the training clips, renormalised to sum to 1: the
     * probabilities a network trained on every class equally often would give, and their most probable class.
     */
    BALANCED;

    /** Bundle metadata key: the network's training clips per class, in label order (recordings, not copies). */
    public static final String CLIPS_PER_CLASS = "train_clips_per_class";

    public static DecisionRule of(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("decision must be argmax or balanced, got '" + s + "'");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code probabilities} as this rule reads them, a new array ({@link #ARGMAX}: a copy). A class without training
     * clips keeps probability 0 under {@link #BALANCED}: the network never learnt it.
     *
     * @throws IllegalArgumentException if the two arrays differ in length, or {@link #BALANCED} is given no clips
     */
    public float[] apply(float[] probabilities, long[] clipsPerClass) {
        if (this == ARGMAX) {
            return probabilities.clone();
        }
        if (clipsPerClass == null || clipsPerClass.length != probabilities.length) {
            throw new IllegalArgumentException("the balanced decision needs the training clips of each of the "
                    + probabilities.length + " classes, got " + (clipsPerClass == null ? "none"
                    : clipsPerClass.length + " counts"));
        }
        long n = 0;
        for (long c : clipsPerClass) {
            n += c;
        }
        if (n == 0) {
            throw new IllegalArgumentException("the balanced decision needs training clips, got none");
        }
        float[] out = new float[probabilities.length];
        double sum = 0;
        double[] q = new double[probabilities.length];
        for (int k = 0; k < q.length; k++) {
            q[k] = clipsPerClass[k] == 0 ? 0 : probabilities[k] * (double) n / clipsPerClass[k];
            sum += q[k];
        }
        for (int k = 0; k < q.length; k++) {
            // all-zero probabilities (not a softmax) stay zero rather than becoming NaN
            out[k] = sum > 0 ? (float) (q[k] / sum) : 0f;
        }
        return out;
    }

    /**
     * The training clips per class a bundle records ({@link #CLIPS_PER_CLASS}), or null when it records none (trained
     * before serspark recorded them).
     */
    public static long[] clipsPerClass(ModelBundle bundle) {
        Object v = bundle.metadata().get(CLIPS_PER_CLASS);
        if (!(v instanceof List<?> list)) {
            return null;
        }
        long[] out = new long[list.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = ((Number) list.get(k)).longValue();
        }
        return out;
    }
}
