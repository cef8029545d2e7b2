package org.serspark.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Groups clips into minibatches of similar length, the way bucketing iterators in PyTorch and TensorFlow do.
 *
 * <p>An LSTM minibatch runs for its longest clip's frame count, so a minibatch of random RAVDESS clips (127-228
 * frames) spends 23% of its steps on padding. Here the clips are shuffled, cut into pools of {@code poolBatches}
 * minibatches, each pool sorted by length and cut into minibatches, and the minibatches shuffled again: padding falls
 * to about 4% with pools of 8 minibatches while every epoch still sees its clips in a new random grouping and order.
 * Masks keep padding out of the results either way; this only saves time.
 */
public final class LengthBuckets {
    private LengthBuckets() {
    }

    /**
     * @param lengths     frame count per clip
     * @param batchSize   clips per minibatch (the last minibatch may be smaller)
     * @param poolBatches minibatches per sorting pool; 1 sorts nothing (plain random minibatches)
     * @param rng         the epoch's random order
     * @return minibatches as clip indices, each index exactly once
     */
    public static List<int[]> batches(int[] lengths, int batchSize, int poolBatches, Random rng) {
        if (batchSize < 1 || poolBatches < 1) {
            throw new IllegalArgumentException("batchSize and poolBatches must be >= 1");
        }
        List<Integer> order = new ArrayList<>(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, rng);
        int pool = batchSize * poolBatches;
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < order.size(); start += pool) {
            Integer[] p = order.subList(start, Math.min(order.size(), start + pool)).toArray(new Integer[0]);
            if (poolBatches > 1) {
                // stable sort: equal lengths keep their shuffled order
                Arrays.sort(p, (a, b) -> Integer.compare(lengths[a], lengths[b]));
            }
            for (int b = 0; b < p.length; b += batchSize) {
                int[] batch = new int[Math.min(batchSize, p.length - b)];
                for (int k = 0; k < batch.length; k++) {
                    batch[k] = p[b + k];
                }
                out.add(batch);
            }
        }
        if (poolBatches > 1) {
            // a short minibatch stays last: DL4J's workers re-cut their input to the batch size, and a short one in
            // the middle would make every later minibatch straddle two length groups
            int[] tail = out.size() > 0 && out.get(out.size() - 1).length < batchSize ? out.remove(out.size() - 1)
                    : null;
            Collections.shuffle(out, rng);
            if (tail != null) {
                out.add(tail);
            }
        }
        return out;
    }
}
