package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

public class YinTest {
    static final int SR = 22050;
    static final Yin YIN = Yin.SPEECH_DEFAULT;

    public static float[] tone(double seconds, double... harmonicsHz) {
        float[] y = new float[(int) (seconds * SR)];
        for (int i = 0; i < y.length; i++) {
            double v = 0;
            for (double f : harmonicsHz) {
                v += 0.2 * Math.sin(2 * Math.PI * f * i / SR);
            }
            y[i] = (float) v;
        }
        return y;
    }

    @Test
    void theFftDifferenceFunctionIsTheSumOfSquaredDifferences() {
        Random r = new Random(3);
        int n = 2048;
        int win = 1024;
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = r.nextGaussian() * 0.3 + 0.2 * Math.sin(k * 0.05);
        }
        double[] d = new double[400];
        Yin.differenceFunction(new DoubleFFT_1D(n), x, win, new double[n], new double[n], new double[n + 1], d);
        for (int tau = 0; tau < d.length; tau++) {
            double direct = 0;
            for (int j = 1; j <= win; j++) {
                direct += (x[j] - x[j + tau]) * (x[j] - x[j + tau]);
            }
            assertEquals(direct, d[tau], 1e-9 * Math.max(1, direct), "lag " + tau);
        }
        assertEquals(0, d[0], 1e-9);
    }

    @Test
    void aToneIsFoundWithinATenthOfAPercentAndIsPeriodic() {
        for (double f0 : new double[] {82.0, 147.3, 220.0, 415.0, 880.0}) {
            double[][] p = YIN.compute(tone(0.5, f0), SR, 2048, 512, true);
            // frames 2.. see only the tone (the first two overlap the zero padding)
            for (int t = 2; t < p[0].length - 2; t++) {
                // parabolic interpolation on the normalised difference is biased by up to ~0.1% at short periods
                assertEquals(f0, p[0][t], 1e-3 * f0, f0 + " Hz, frame " + t);
                assertTrue(p[1][t] < 0.01, f0 + " Hz, frame " + t + ": aperiodicity " + p[1][t]);
            }
        }
    }

    @Test
    void aHarmonicToneWithoutItsFundamentalHasTheFundamentalsPitch() {
        double[][] p = YIN.compute(tone(0.5, 300, 450, 600, 750), SR, 2048, 512, true);
        for (int t = 2; t < p[0].length - 2; t++) {
            assertEquals(150.0, p[0][t], 0.1, "frame " + t);
        }
    }

    @Test
    void noiseIsAperiodicAndSilenceIsMarkedSo() {
        Random r = new Random(5);
        float[] noise = new float[SR / 2];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.3 * r.nextGaussian());
        }
        double[][] p = YIN.compute(noise, SR, 2048, 512, true);
        int aperiodic = 0;
        for (double a : p[1]) {
            aperiodic += a > 0.3 ? 1 : 0;
        }
        assertTrue(aperiodic >= p[1].length - 2, aperiodic + " of " + p[1].length + " noise frames above 0.3");

        double[][] s = YIN.compute(new float[SR / 4], SR, 2048, 512, true);
        for (int t = 0; t < s[0].length; t++) {
            assertEquals(1.0, s[1][t], 0.0);
            // librosa's value for a silent frame: every normalised difference is 0, the first lag wins
            assertEquals(SR / 21.0, s[0][t], 1e-9);
        }
    }

    @Test
    void theContourIsLog2PitchOnVoicedFramesInterpolatedAcrossTheRest() {
        double[] f0 = {500, 100, 300, 999, 999, 200, 700};
        double[] ap = {0.9, 0.05, 0.2, 0.8, 1.0, 0.1, 0.5};
        double l100 = Math.log(100) / Math.log(2);
        double l300 = Math.log(300) / Math.log(2);
        double l200 = Math.log(200) / Math.log(2);
        double[] c = YIN.log2F0(f0, ap);
        assertEquals(l100, c[0], 1e-12, "held before the first voiced frame");
        assertEquals(l100, c[1], 1e-12);
        assertEquals(l300, c[2], 1e-12);
        assertEquals(l300 + (l200 - l300) / 3, c[3], 1e-12, "interpolated across unvoiced frames");
        assertEquals(l300 + 2 * (l200 - l300) / 3, c[4], 1e-12);
        assertEquals(l200, c[5], 1e-12);
        assertEquals(l200, c[6], 1e-12, "held after the last");
        double[] none = YIN.log2F0(new double[] {400, 500}, new double[] {0.9, 1.0});
        assertEquals(Math.log(YIN.fmin()) / Math.log(2), none[0], 1e-12, "no voiced frame: log2(fmin)");
        assertEquals(none[0], none[1], 0);
        assertEquals(0, YIN.log2F0(new double[0], new double[0]).length);
    }

    @Test
    void framesLineUpWithTheStft() {
        for (int n : new int[] {1, 100, 511, 512, 2048, 22050, 33333}) {
            double[][] p = YIN.compute(tone((double) n / SR + 1e-9, 200), SR, 2048, 512, true);
            assertEquals(1 + n / 512, p[0].length, n + " samples");
            assertEquals(p[0].length, p[1].length);
        }
    }

    @Test
    void theFirstTroughUnderTheThresholdWinsOverALowerOneLater() {
        double[] c = {0.9, 0.5, 0.08, 0.3, 0.6, 0.02, 0.7};
        assertEquals(2, Yin.pick(c, 0.1));
        assertEquals(5, Yin.pick(c, 0.05));
        // none under the threshold: the global minimum
        assertEquals(5, Yin.pick(c, 0.01));
        // lag 0 is a trough when below lag 1
        assertEquals(0, Yin.pick(new double[] {0.05, 0.5, 0.01}, 0.1));
        // the parabola through (1, 0.5), (2, 0.08), (3, 0.3) has its vertex at 2 + 0.1/0.64
        assertEquals(0.15625, Yin.parabolicShift(c, 2), 1e-12);
        assertEquals(0, Yin.parabolicShift(c, 0));
    }

    @Test
    void impossibleRangesAreRefusedWithTheNumbers() {
        assertThrows(IllegalArgumentException.class, () -> new Yin(200, 100, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Yin(65, 1000, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Yin(10, 1000, 0.1).compute(new float[4096], SR, 2048, 512, true));
        assertEquals("pitch fmin 10.0 Hz needs periods of 2205 samples at 22050 Hz; frames of 2048 hold at most 1023",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Yin(65, 12000, 0.1).compute(new float[4096], SR, 2048, 512, true));
        assertEquals("pitch fmax 12000.0 Hz is above the Nyquist frequency, 11025.0 Hz at 22050 Hz", e.getMessage());
    }
}
