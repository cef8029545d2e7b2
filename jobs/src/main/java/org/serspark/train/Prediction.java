package org.serspark.train;

import java.io.Serializable;
import java.util.List;
import org.serspark.metrics.ClassificationMetrics;
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
