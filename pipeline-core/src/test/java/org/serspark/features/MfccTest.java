package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MfccTest {
    private static final int N = 128;

    @Test
    void constantColumnHasOnlyTheOrthoScaledDcTerm() {
        double[] x = new double[N];
        java.util.Arrays.fill(x, -100.0);
        double[] c = new double[40];
        new Mfcc(N, 40).apply(x, 0, c, 0);
        assertEquals(-100.0 * Math.sqrt(N), c[0], 1e-9);
        for (int k = 1; k < 40; k++) {
            assertEquals(0.0, c[k], 1e-9);
        }
    }

    @Test
    void cosineOfOrderKMapsToCoefficientK() {
        int k0 = 3;
        double[] x = new double[N];
        for (int n = 0; n < N; n++) {
            x[n] = Math.cos(Math.PI * k0 * (2 * n + 1) / (2.0 * N));
        }
        double[] c = new double[40];
        new Mfcc(N, 40).apply(x, 0, c, 0);
        for (int k = 0; k < 40; k++) {
            assertEquals(k == k0 ? Math.sqrt(N / 2.0) : 0.0, c[k], 1e-9, "coefficient " + k);
        }
    }

    @Test
    void fullOrthoDctPreservesEnergy() {
        Random r = new Random(3);
        double[] x = new double[5 + N];
        double energy = 0;
        for (int n = 0; n < N; n++) {
            x[5 + n] = r.nextGaussian();
            energy += x[5 + n] * x[5 + n];
        }
        double[] c = new double[N];
        new Mfcc(N, N).apply(x, 5, c, 0);
        double out = 0;
        for (double v : c) {
            out += v * v;
        }
        assertEquals(energy, out, 1e-9 * energy);
    }

    @Test
    void rejectsMoreCoefficientsThanBands() {
        assertThrows(IllegalArgumentException.class, () -> new Mfcc(20, 21));
    }
}
