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
        return (int) Math.floorMod(mix(path, epoch, seed), (long) n);
    }

    /**
     * Which of a clip's {@code nCopies} copies epoch {@code epoch} reads under {@code training.copies_per_epoch}
     * {@code k}: {@code k} distinct ones, each copy alike likely, as a pure function of the clip's path, the epoch and
     * the seed like {@link #drawn}. Element {@code j} is copy {@code j + 1} (tag 0 is the recording, always read).
     */
    public static boolean[] drawnCopies(String path, int epoch, long seed, int nCopies, int k) {
        if (k < 1 || k > nCopies) {
            throw new IllegalArgumentException("cannot draw " + k + " of " + nCopies + " copies");
        }
        int[] order = new int[nCopies];
        for (int j = 0; j < nCopies; j++) {
            order[j] = j;
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(mix(path, epoch, seed) ^ 0x636F70696573L);
        boolean[] read = new boolean[nCopies];
        // the first k places of a Fisher-Yates shuffle: a uniform draw of k without replacement
        for (int j = 0; j < k; j++) {
            int r = j + rnd.nextInt(nCopies - j);
            int t = order[r];
            order[r] = order[j];
            order[j] = t;
            read[t] = true;
        }
        return read;
    }

    private static long mix(String path, int epoch, long seed) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + path.hashCode();
        // SplitMix64's finaliser: neighbouring epochs and paths give unrelated draws
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
