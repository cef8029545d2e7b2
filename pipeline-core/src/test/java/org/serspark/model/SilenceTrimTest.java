package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SilenceTrimTest {
    static final int MEL_OFFSET = 2;
    static final int N_MELS = 4;

    /** Frames with 2 other features then 4 mel bands at {@code db} each (band sum = db + 6.02 dB). */
    static float[][] frames(double... db) {
        float[][] f = new float[db.length][MEL_OFFSET + N_MELS];
        for (int t = 0; t < db.length; t++) {
            f[t][0] = 100 + t; // other features: not looked at
            for (int k = 0; k < N_MELS; k++) {
                f[t][MEL_OFFSET + k] = (float) db[t];
            }
        }
        return f;
    }

    @Test
    void cutsQuietEndsButNotAQuietMiddle() {
        float[][] f = frames(-80, -75, -20, -10, -70, -12, -65, -80);
        assertArrayEquals(new int[] {2, 6}, SilenceTrim.bounds(f, MEL_OFFSET, N_MELS, 40));
        float[][] t = SilenceTrim.trim(f, MEL_OFFSET, N_MELS, 40);
        assertEquals(4, t.length);
        assertEquals(102f, t[0][0]);
        assertEquals(105f, t[3][0]);
        // 60 dB keeps the frame at -65 (55 below the peak) and the one at -70 inside
        assertArrayEquals(new int[] {2, 7}, SilenceTrim.bounds(f, MEL_OFFSET, N_MELS, 60));
    }

    @Test
    void energyIsTheSumOfBandPowersNotTheMeanOfDecibels() {
        float[][] f = frames(-10, -10);
        // one band 9 dB louder, the rest silent: power sum about 3 dB below four bands at -10
        for (int k = 1; k < N_MELS; k++) {
            f[0][MEL_OFFSET + k] = -80;
        }
        f[0][MEL_OFFSET] = -7;
        assertArrayEquals(new int[] {0, 2}, SilenceTrim.bounds(f, MEL_OFFSET, N_MELS, 3.5));
        assertArrayEquals(new int[] {1, 2}, SilenceTrim.bounds(f, MEL_OFFSET, N_MELS, 2.5));
    }

    @Test
    void nothingToCutReturnsTheSameArrayAndTheLoudestFrameAlwaysStays() {
        float[][] f = frames(-20, -21, -22);
        assertSame(f, SilenceTrim.trim(f, MEL_OFFSET, N_MELS, 60));
        assertArrayEquals(new int[] {1, 2}, SilenceTrim.bounds(frames(-80, -5, -80), MEL_OFFSET, N_MELS, 1));
        assertArrayEquals(new int[] {0, 1}, SilenceTrim.bounds(frames(-5), MEL_OFFSET, N_MELS, 0));
    }
}
