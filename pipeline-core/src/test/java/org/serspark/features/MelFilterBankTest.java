package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MelFilterBankTest {
    private static final int SR = 22050;
    private static final int N_FFT = 2048;
    private final MelFilterBank bank = new MelFilterBank(SR, N_FFT, MelParams.LIBROSA_DEFAULT);

    @Test
    void shapeIsNMelsByBins() {
        double[][] w = bank.dense();
        assertEquals(128, w.length);
        for (double[] row : w) {
            assertEquals(1025, row.length);
        }
    }

    @Test
    void weightsAreNonNegativeAndEveryFilterIsNonEmpty() {
        double[][] w = bank.dense();
        for (int m = 0; m < w.length; m++) {
            double max = 0;
            for (double v : w[m]) {
                assertTrue(v >= 0.0);
                max = Math.max(max, v);
            }
            assertTrue(max > 0.0, "filter " + m + " is empty");
            assertTrue(bank.firstBin(m) <= bank.lastBin(m));
            assertTrue(w[m][bank.firstBin(m)] > 0 && w[m][bank.lastBin(m)] > 0, "sparse run is tight");
        }
    }

    @Test
    void slaneyNormalisationGivesUnitAreaTriangles() {
        double[] melF = MelFilterBank.melFrequencies(130, 0.0, SR / 2.0, false);
        double binHz = (double) SR / N_FFT;
        double[][] w = bank.dense();
        for (int m = 0; m < 128; m++) {
            double width = melF[m + 2] - melF[m];
            double peak = 0;
            double sum = 0;
            for (double v : w[m]) {
                peak = Math.max(peak, v);
                sum += v;
            }
            // the continuous triangle peaks at 2 / width, so its area 0.5 * width * peak is 1
            assertTrue(peak <= 2.0 / width + 1e-12, "filter " + m + " peak above 2/width");
            if (width > 20 * binHz) {
                // wide triangles are well sampled: the Riemann sum of the area is close to 1
                assertEquals(1.0, sum * binHz, 0.01, "filter " + m + " area");
            }
        }
    }

    @Test
    void weightsMatchLibrosaFormulaComputedWithNumpy() {
        // values from librosa.filters.mel's formula evaluated in float64 with numpy (sr=22050, n_fft=2048)
        assertEquals(1, bank.firstBin(0));
        assertEquals(4, bank.lastBin(0));
        assertEquals(0.016182853208219942, bank.weight(0, 1), 1e-15);
        assertEquals(0.032365706416439884, bank.weight(0, 2), 1e-15);
        assertEquals(12, bank.firstBin(5));
        assertEquals(16, bank.lastBin(5));
        assertEquals(0.00034761934353982145, bank.weight(5, 12), 1e-15);
        assertEquals(0.03271332575997968, bank.weight(5, 14), 1e-15);
        assertEquals(164, bank.firstBin(60));
        assertEquals(172, bank.lastBin(60));
        assertEquals(0.019793451703970906, bank.weight(60, 168), 1e-15);
        assertEquals(971, bank.firstBin(127));
        assertEquals(1023, bank.lastBin(127));
        assertEquals(0.003485250551646776, bank.weight(127, 997), 1e-15);
    }

    @Test
    void melScaleConversions() {
        assertEquals(15.0, MelFilterBank.hzToMel(1000.0, false), 1e-12);
        assertEquals(6.6, MelFilterBank.hzToMel(440.0, false), 1e-12);
        assertEquals(49.91059448, MelFilterBank.hzToMel(11025.0, false), 1e-8);
        assertEquals(2595.0 * Math.log10(2.0), MelFilterBank.hzToMel(700.0, true), 1e-12);
        for (double hz : new double[] {0.0, 123.4, 999.9, 1000.0, 4321.0, 11025.0}) {
            assertEquals(hz, MelFilterBank.melToHz(MelFilterBank.hzToMel(hz, false), false), 1e-9);
            assertEquals(hz, MelFilterBank.melToHz(MelFilterBank.hzToMel(hz, true), true), 1e-9);
        }
        double[] f = MelFilterBank.melFrequencies(130, 0.0, 11025.0, false);
        assertEquals(0.0, f[0], 0.0);
        assertEquals(11025.0, f[129], 1e-9);
        assertEquals(25.793588878635166, f[1], 1e-12);
    }

    @Test
    void sparseApplyEqualsDenseProduct() {
        double[] power = new double[1025];
        java.util.Random r = new java.util.Random(7);
        for (int k = 0; k < power.length; k++) {
            power[k] = r.nextDouble();
        }
        double[] out = new double[3 + 128];
        bank.apply(power, out, 3);
        double[][] w = bank.dense();
        for (int m = 0; m < 128; m++) {
            double expected = 0;
            for (int k = 0; k < 1025; k++) {
                expected += w[m][k] * power[k];
            }
            assertEquals(expected, out[3 + m], 1e-12 * Math.abs(expected) + 1e-15);
        }
    }

    @Test
    void withoutNormTrianglesPeakAtOne() {
        MelFilterBank plain = new MelFilterBank(SR, N_FFT, new MelParams(40, 0.0, null, true, false));
        for (double[] row : plain.dense()) {
            double peak = 0;
            for (double v : row) {
                peak = Math.max(peak, v);
            }
            assertTrue(peak <= 1.0 + 1e-12 && peak > 0.0);
        }
    }
}
