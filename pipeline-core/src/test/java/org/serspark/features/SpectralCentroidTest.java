package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.serspark.spectrum.PowerSpectrogram;
import org.serspark.spectrum.StftParams;

class SpectralCentroidTest {
    private static final int SR = 22050;
    private final SpectralCentroid centroid = new SpectralCentroid(SR, 2048);

    @Test
    void singleBinGivesThatBinsFrequencyAndSilenceGivesZero() {
        double[][] power = new double[2][1025];
        power[0][100] = 4.0;
        PowerSpectrogram ps = new PowerSpectrogram(power, SR, StftParams.LIBROSA_DEFAULT);
        double[] c = centroid.compute(ps);
        assertEquals(100.0 * SR / 2048, c[0], 1e-9);
        assertEquals(0.0, c[1], 0.0);
    }

    @Test
    void usesMagnitudeNotPower() {
        double[][] power = new double[1][1025];
        power[0][10] = 1.0;
        power[0][20] = 4.0; // magnitudes 1 and 2: centroid at bin (10 + 40) / 3, not (10 + 80) / 5
        double[] c = centroid.compute(new PowerSpectrogram(power, SR, StftParams.LIBROSA_DEFAULT));
        assertEquals(50.0 / 3.0 * SR / 2048, c[0], 1e-9);
    }

    @Test
    void powerPathEqualsMagnitudePath() {
        Random r = new Random(11);
        double[][] power = new double[5][1025];
        for (double[] row : power) {
            for (int k = 0; k < row.length; k++) {
                row[k] = r.nextDouble() * r.nextDouble();
            }
        }
        PowerSpectrogram ps = new PowerSpectrogram(power, SR, StftParams.LIBROSA_DEFAULT);
        assertArrayEquals(centroid.computeFromMagnitude(ps.magnitude()), centroid.compute(ps), 0.0);
    }
}
