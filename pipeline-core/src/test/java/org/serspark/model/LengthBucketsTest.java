package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LengthBucketsTest {

    static int[] ravdessLikeLengths(int n, long seed) {
        Random r = new Random(seed);
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = 127 + r.nextInt(102);
        }
        return l;
    }

    static long paddedSteps(List<int[]> batches, int[] lengths) {
        long steps = 0;
        for (int[] b : batches) {
            int max = 0;
            for (int i : b) {
                max = Math.max(max, lengths[i]);
            }
            steps += (long) max * b.length;
        }
        return steps;
    }

    @Test
    void everyClipExactlyOnceInBatchesOfTheRequestedSize() {
        int[] lengths = ravdessLikeLengths(1001, 1);
        List<int[]> batches = LengthBuckets.batches(lengths, 32, 8, new Random(7));
        int[] seen = new int[lengths.length];
        for (int i = 0; i < batches.size(); i++) {
            int[] b = batches.get(i);
            assertEquals(i == batches.size() - 1 ? 1001 % 32 : 32, b.length, "minibatch " + i);
            for (int clip : b) {
                seen[clip]++;
            }
        }
        int[] ones = new int[lengths.length];
        java.util.Arrays.fill(ones, 1);
        assertArrayEquals(ones, seen);
        assertEquals(32, batches.size());
    }

    @Test
    void bucketingCutsPaddingAgainstRandomBatches() {
        int[] lengths = ravdessLikeLengths(1080, 2);
        long real = 0;
        for (int l : lengths) {
            real += l;
        }
        double random = (double) paddedSteps(LengthBuckets.batches(lengths, 32, 1, new Random(3)), lengths) / real;
        double bucketed = (double) paddedSteps(LengthBuckets.batches(lengths, 32, 8, new Random(3)), lengths) / real;
        assertTrue(random > 1.15, "random minibatches pad " + random);
        assertTrue(bucketed < 1.06, "bucketed minibatches pad " + bucketed);
    }

    @Test
    void eachEpochSeedGivesAnotherGroupingAndTheSameSeedTheSame() {
        int[] lengths = ravdessLikeLengths(300, 4);
        List<int[]> a = LengthBuckets.batches(lengths, 16, 4, new Random(1));
        List<int[]> b = LengthBuckets.batches(lengths, 16, 4, new Random(1));
        List<int[]> c = LengthBuckets.batches(lengths, 16, 4, new Random(2));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
        assertNotEquals(java.util.Arrays.toString(a.get(0)), java.util.Arrays.toString(c.get(0)));
    }

    @Test
    void poolOfOneIsPlainShuffledMinibatches() {
        int[] lengths = {5, 4, 3, 2, 1};
        List<int[]> batches = LengthBuckets.batches(lengths, 2, 1, new Random(9));
        assertEquals(3, batches.size());
        assertEquals(1, batches.get(2).length, "without sorting the short minibatch stays last");
    }
}
