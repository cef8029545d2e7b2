package org.serspark.train;

import java.io.Serializable;
import java.util.List;
import org.serspark.metrics.ClassificationMetrics;
import org.serspark.model.DecisionRule;
import org.serspark.ravdess.Emotion;

/**
 * A scored clip: its true label (-1 when unknown) and the class probabilities in label order. A class rather than
 * a record because Spark's Kryo 4 cannot serialise records.
 */
public final class Prediction implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final int actor;
    private final int label;
    private final float[] probabilities;

    public Prediction(String path, int actor, int label, float[] probabilities) {
        this.path = path;
        this.actor = actor;
        this.label = label;
        this.probabilities = probabilities;
    }

    public String path() {
        return path;
    }

    public int actor() {
        return actor;
    }

    public int label() {
        return label;
    }

    public float[] probabilities() {
        return probabilities;
    }

    /** Accuracy, UAR and the rest over these predictions, in the emotion label order. */
    public static ClassificationMetrics metrics(List<Prediction> preds) {
        int[] t = new int[preds.size()];
        int[] p = new int[preds.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = preds.get(i).label();
            p[i] = preds.get(i).predicted();
        }
        return ClassificationMetrics.of(Emotion.labels(), t, p);
    }

    /**
     * The ensemble of several models' predictions of the same clips: per clip the mean of their probabilities, in the
     * order of the first list.
     *
     * @throws IllegalArgumentException if the lists are empty or do not score the same clips with the same labels
     */
    public static List<Prediction> mean(List<List<Prediction>> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        java.util.Map<String, float[]> sums = new java.util.LinkedHashMap<>();
        java.util.Map<String, Integer> labels = new java.util.HashMap<>();
        for (Prediction p : members.get(0)) {
            sums.put(p.path(), new float[p.probabilities().length]);
            labels.put(p.path(), p.label());
        }
        for (int m = 0; m < members.size(); m++) {
            List<Prediction> list = members.get(m);
            if (list.size() != sums.size()) {
                throw new IllegalArgumentException("ensemble member " + (m + 1) + " scored " + list.size()
                        + " clips, member 1 scored " + sums.size());
            }
            for (Prediction p : list) {
                float[] s = sums.get(p.path());
                if (s == null || s.length != p.probabilities().length || labels.get(p.path()) != p.label()) {
                    throw new IllegalArgumentException("ensemble member " + (m + 1) + " scored " + p.path()
                            + (s == null ? ", which member 1 did not"
                            : s.length != p.probabilities().length ? " over another number of classes"
                            : " with another true label"));
                }
                for (int k = 0; k < s.length; k++) {
                    s[k] += p.probabilities()[k];
                }
            }
        }
        List<Prediction> out = new java.util.ArrayList<>(sums.size());
        for (Prediction p : members.get(0)) {
            float[] s = sums.get(p.path());
            for (int k = 0; k < s.length; k++) {
                s[k] /= members.size();
            }
            out.add(new Prediction(p.path(), p.actor(), p.label(), s));
        }
        return out;
    }

    /**
     * {@code preds} with their probabilities as {@code rule} reads them, given the training clips per class (ignored
     * by {@link DecisionRule#ARGMAX}, which returns {@code preds} itself).
     */
    public static List<Prediction> decided(List<Prediction> preds, DecisionRule rule, long[] clipsPerClass) {
        if (rule == DecisionRule.ARGMAX) {
            return preds;
        }
        List<Prediction> out = new java.util.ArrayList<>(preds.size());
        for (Prediction p : preds) {
            out.add(new Prediction(p.path(), p.actor(), p.label(), rule.apply(p.probabilities(), clipsPerClass)));
        }
        return out;
    }

    public int predicted() {
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        return best;
    }
}
