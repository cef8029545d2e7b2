package org.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpeedPerturbationTest {
    static final int SR = 22050;

    static float[] tone(double hz, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / SR));
        }
        return x;
    }

    /** Frequency from the upward zero crossings between the first and the last one (away from the filter edges). */
    static double frequency(float[] x) {
        int first = -1;
        int last = -1;
        int crossings = 0;
        for (int i = SR / 10; i < x.length - SR / 10; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                if (first < 0) {
                    first = i;
                } else {
                    crossings++;
                }
                last = i;
            }
        }
        return (double) crossings * SR / (last - first);
    }

    @Test
    void playingFasterRaisesPitchAndShortensTheClipByTheFactor() {
        float[] x = tone(440, SR);
        float[] fast = SpeedPerturbation.apply(x, 1.1);
        float[] slow = SpeedPerturbation.apply(x, 0.9);
        assertEquals((int) Math.ceil(SR / 1.1), fast.length);
        assertEquals((int) Math.ceil(SR / 0.9), slow.length);
        assertEquals(484.0, frequency(fast), 0.5);
        assertEquals(396.0, frequency(slow), 0.5);
        assertEquals(440.0, frequency(x), 0.5);
        // the level is kept: the resampling filter passes the tone at unit gain
        double peak = 0;
        for (int i = SR / 10; i < fast.length - SR / 10; i++) {
            peak = Math.max(peak, Math.abs(fast[i]));
        }
        assertEquals(0.5, peak, 0.01);
        assertSame(x, SpeedPerturbation.apply(x, 1.0), "speed 1 is the clip as recorded");
    }

    @Test
    void factorsAreCheckedAndLabelledCanonically() {
        assertEquals("0.9", SpeedPerturbation.label(0.9));
        assertEquals("1.05", SpeedPerturbation.label(1.05));
        assertEquals("1", SpeedPerturbation.label(1.0));
        assertEquals(110, SpeedPerturbation.hundredths(1.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpeedPerturbation.hundredths(0.955));
        assertTrue(e.getMessage().contains("two decimals"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpeedPerturbation.hundredths(3));
        assertThrows(IllegalArgumentException.class, () -> SpeedPerturbation.hundredths(Double.NaN));
    }
}
