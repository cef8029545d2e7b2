package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class MixupTest {

    /** Clips of 3 features; clip i's frame k holds (i+1, k, (i+1)^2) until its length, then padding (0, mask 0). */
    private static DataSet batch(int[] lengths, int[] labels) {
        int n = lengths.length;
        int t = java.util.Arrays.stream(lengths).max().orElse(0);
        float[] x = new float[n * 3 * t];
        float[] m = new float[n * t];
        float[] y = new float[n * 8];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < lengths[i]; k++) {
                x[(i * 3) * t + k] = i + 1;
                x[(i * 3 + 1) * t + k] = k;
                x[(i * 3 + 2) * t + k] = (i + 1) * (i + 1);
                m[i * t + k] = 1;
            }
            y[i * 8 + labels[i]] = 1;
        }
        return new DataSet(Nd4j.create(x, new long[] {n, 3, t}, 'c'), Nd4j.create(y, new long[] {n, 8}, 'c'),
                Nd4j.create(m, new long[] {n, t}, 'c'), null);
    }

    @Test
    void eachClipIsAConvexMixOfItselfAndAnotherClipWithLabelsAndMasksToMatch() {
        int[] lengths = {10, 12, 9, 12, 11};
        int[] labels = {0, 3, 3, 7, 5};
        DataSet in = batch(lengths, labels);
        DataSet out = new Mixup(0.4).apply(in, new Random(1));
        INDArray x = out.getFeatures();
        INDArray y = out.getLabels();
        INDArray m = out.getFeaturesMaskArray();
        assertArrayEquals(in.getFeatures().shape(), x.shape());
        boolean[] partnered = new boolean[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            // features 0 and 2 (i+1 and its square) at frame 0 give lambda and the partner
            double v = x.getDouble(i, 0, 0);
            double v2 = x.getDouble(i, 2, 0);
            int partner = -1;
            double lambda = Double.NaN;
            for (int j = 0; j < lengths.length; j++) {
                if (j == i) {
                    continue;
                }
                double l = (v - (j + 1)) / ((i + 1) - (j + 1));
                if (l >= 0 && l <= 1 && Math.abs(v2 - ((i + 1) * (i + 1) * l + (j + 1) * (j + 1) * (1 - l))) < 1e-4) {
                    partner = j;
                    lambda = l;
                }
            }
            assertTrue(partner >= 0, "clip " + i + " is no mix of itself and another clip: " + v);
            partnered[partner] = true;
            for (int k = 0; k < x.size(2); k++) {
                double a = k < lengths[i] ? 1 : 0;
                double b = k < lengths[partner] ? 1 : 0;
                assertEquals(Math.max(a, b), m.getDouble(i, k), "mask of clip " + i + " at frame " + k);
                assertEquals(lambda * a * (i + 1) + (1 - lambda) * b * (partner + 1), x.getDouble(i, 0, k), 1e-5);
                assertEquals(lambda * a * k + (1 - lambda) * b * k, x.getDouble(i, 1, k), 1e-4);
            }
            double[] expected = new double[8];
            expected[labels[i]] += lambda;
            expected[labels[partner]] += 1 - lambda;
            for (int c = 0; c < 8; c++) {
                assertEquals(expected[c], y.getDouble(i, c), 1e-6, "label " + c + " of clip " + i);
            }
        }
        for (boolean p : partnered) {
            assertTrue(p, "every clip is some clip's partner (a permutation)");
        }
        // the input is left alone
        assertEquals(1.0, in.getFeatures().getDouble(0, 0, 0));
    }

    @Test
    void theSameGeneratorStateMixesTheSameWayAndAnotherDifferently() {
        DataSet in = batch(new int[] {5, 6, 7, 8}, new int[] {0, 1, 2, 3});
        Mixup mixup = new Mixup(0.4);
        assertEquals(mixup.apply(in, new Random(7)).getFeatures(), mixup.apply(in, new Random(7)).getFeatures());
        assertNotEquals(mixup.apply(in, new Random(7)).getFeatures(), mixup.apply(in, new Random(8)).getFeatures());
    }

    @Test
    void lambdaFollowsBetaAlphaAlpha() {
        // Beta(a, a) has mean 1/2 and variance 1 / (4 (2a + 1)): 0.139 at a = 0.4, 1/12 at a = 1 (uniform)
        for (double alpha : new double[] {0.4, 1.0}) {
            Mixup mixup = new Mixup(alpha);
            Random rnd = new Random(5);
            double sum = 0;
            double sumSq = 0;
            int n = 0;
            for (int r = 0; r < 400; r++) {
                DataSet out = mixup.apply(batch(new int[] {1, 1}, new int[] {0, 1}), rnd);
                // clip 0 mixed with clip 1: its label 0 holds lambda
                double l = out.getLabels().getDouble(0, 0);
                sum += l;
                sumSq += l * l;
                n++;
            }
            double mean = sum / n;
            double var = sumSq / n - mean * mean;
            assertEquals(0.5, mean, 0.05, "alpha " + alpha);
            assertEquals(1 / (4 * (2 * alpha + 1)), var, 0.02, "alpha " + alpha);
        }
    }

    @Test
    void partnersAreADerangement() {
        Random rnd = new Random(3);
        for (int n = 2; n < 40; n++) {
            for (int rep = 0; rep < 20; rep++) {
                int[] p = Mixup.derangement(n, rnd);
                boolean[] seen = new boolean[n];
                for (int i = 0; i < n; i++) {
                    assertNotEquals(i, p[i], "clip " + i + " mixed with itself");
                    seen[p[i]] = true;
                }
                for (boolean s : seen) {
                    assertTrue(s);
                }
            }
        }
    }

    @Test
    void aMinibatchOfOneIsLeftAloneAndAlphaMustBePositive() {
        DataSet one = batch(new int[] {4}, new int[] {2});
        assertSame(one, new Mixup(0.4).apply(one, new Random(1)));
        assertEquals("mixup must be > 0 (the Beta(alpha, alpha) parameter), got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Mixup(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Mixup(Double.NaN));
    }
}
