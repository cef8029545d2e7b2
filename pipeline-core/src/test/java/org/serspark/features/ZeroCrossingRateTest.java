package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ZeroCrossingRateTest {
    private static final ZeroCrossingRate ZCR4 = new ZeroCrossingRate(4, 1e-10, true);

    @Test
    void countsSignChangesWithinEachFrameExcludingItsFirstPosition() {
        // not centred, frames of 4 with hop 2: [1,-1,1,-1] -> 3 changes, [1,-1,2,2] -> 2 changes
        float[] y = {1, -1, 1, -1, 2, 2};
        assertArrayEquals(new double[] {3 / 4.0, 2 / 4.0}, ZCR4.compute(y, 2, false), 0.0);
    }

    @Test
    void zeroIsPositiveWithZeroPosAndItsOwnSignWithout() {
        float[] y = {1, 0, 1, 0, -1};
        // zero_pos: 1,0,1,0 are all "positive"; only 0 -> -1 changes
        assertArrayEquals(new double[] {0.0, 1 / 4.0}, ZCR4.compute(y, 1, false), 0.0);
        ZeroCrossingRate signed = new ZeroCrossingRate(4, 1e-10, false);
        assertArrayEquals(new double[] {3 / 4.0, 3 / 4.0}, signed.compute(y, 1, false), 0.0);
    }

    @Test
    void magnitudesUpToTheThresholdCountAsZero() {
        float[] y = {1, -1e-11f, 1, -1e-11f};
        assertArrayEquals(new double[] {0.0}, ZCR4.compute(y, 1, false), 0.0);
        ZeroCrossingRate coarse = new ZeroCrossingRate(4, 0.5, true);
        assertArrayEquals(new double[] {0.0}, coarse.compute(new float[] {1, -0.5f, 1, -0.4f}, 1, false), 0.0);
        assertArrayEquals(new double[] {2 / 4.0}, coarse.compute(new float[] {1, -0.6f, 1, 1}, 1, false), 0.0);
    }

    @Test
    void centringPadsWithEdgeValuesNotZeros() {
        // pad by 2 copies of y[0] = -1 and y[n-1] = 1: [-1,-1 | -1, 1, -1, 1 | 1, 1]
        float[] y = {-1, 1, -1, 1};
        double[] r = ZCR4.compute(y, 2, true);
        assertEquals(1 + y.length / 2, r.length);
        // frames: [-1,-1,-1,1] 1, [-1,1,-1,1] 3, [-1,1,1,1] 1
        assertArrayEquals(new double[] {1 / 4.0, 3 / 4.0, 1 / 4.0}, r, 0.0);
    }

    @Test
    void shortInputStillGivesLibrosasFrameCount() {
        float[] y = new float[1000];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.sin(0.3 * i);
        }
        double[] r = ZeroCrossingRate.LIBROSA_DEFAULT.compute(y, 512, true);
        assertEquals(2, r.length);
        // both 2048-sample frames cover the whole signal plus constant edge padding: same count
        assertEquals(r[0], r[1], 0.0);
        assertEquals(0.0, r[0] * 2048 % 1.0, 0.0);
    }
}
