package org.serspark.train;

import java.io.Serializable;

/**
 * One clip as training and scoring see it: label index 0..7 (RAVDESS code - 1) and {@code [frames][features]} as
 * extracted (not normalised). A class rather than a record because Spark's Kryo 4 cannot serialise records.
 */
public final class Clip implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final int actor;
    private final int label;
    private final float[][] frames;

    public Clip(String path, int actor, int label, float[][] frames) {
        this.path = path;
        this.actor = actor;
        this.label = label;
        this.frames = frames;
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

    public float[][] frames() {
        return frames;
    }
}
