package org.serspark.model;

import java.util.Locale;

/**
 * How many of a training clip's speed-perturbed copies an epoch reads ({@code training.speed_copies}, with
 * {@code training.speed_perturbation}).
 */
public enum SpeedCopies {
    /** Every copy every epoch (Kaldi's recipe): an epoch reads 1 + (number of speeds) times the clips. */
    ALL,
    /**
     * One per clip and epoch, drawn alike among the recording and its copies: an epoch costs what it costs without
     * perturbation, and over the epochs each clip is still heard at every speed.
     */
    ONE;

    public static SpeedCopies of(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("speed_copies must be all or one, got '" + s + "'");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Which of {@code n} versions of a clip (0: as recorded, k: the k-th speed) epoch {@code epoch} reads under
     * {@link #ONE}: a pure function of the clip's path, the epoch and the seed, so every worker and every rerun draws
     * the same.
     */
    public static int drawn(String path, int epoch, long seed, int n) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + path.hashCode();
        // SplitMix64's finaliser: neighbouring epochs and paths give unrelated draws
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h = h ^ (h >>> 31);
        return (int) Math.floorMod(h, (long) n);
    }
}
