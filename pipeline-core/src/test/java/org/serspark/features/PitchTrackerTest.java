package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PitchTrackerTest {
    private static final int SR = 22050;
    private static final int N_FFT = 2048;
    private static final double BIN_HZ = (double) SR / N_FFT;

    private final PitchTracker tracker = new PitchTracker(SR, N_FFT, PitchTrackerParams.LIBROSA_DEFAULT);
    private final double[] pitches = new double[tracker.maxPeaksPerFrame()];
    private final double[] mags = new double[tracker.maxPeaksPerFrame()];

    @Test
    void interpolatesThePeakParabolically() {
        double[] s = new double[N_FFT / 2 + 1];
        s[99] = 1.0;
        s[100] = 2.0;
        s[101] = 1.5;
        assertEquals(1, tracker.track(s, pitches, mags, 0));
        // parabola through (-1, 1), (0, 2), (1, 1.5): a = -1.5, b = 0.25, vertex at -b/a = 1/6
        double shift = 1.0 / 6;
        assertEquals((100 + shift) * BIN_HZ, pitches[0], 1e-9);
        // peak magnitude = S + 0.5 * gradient * shift with gradient (1.5 - 1) / 2
        assertEquals(2.0 + 0.5 * 0.25 * shift, mags[0], 1e-12);
    }

    @Test
    void keepsOnlyLocalMaximaAboveTenPercentOfTheFrameMaximumInsideFminFmax() {
        double[] s = new double[N_FFT / 2 + 1];
        s[5] = 100.0;  // 54 Hz: the frame maximum sets the threshold but lies below fmin=150 Hz
        s[50] = 10.5;  // above 10% of 100: a peak
        s[60] = 9.5;   // below it: zeroed before the local-max test
        s[200] = 20.0; // a plateau: only its first bin counts (strictly above the left, at least the right)
        s[201] = 20.0;
        s[380] = 50.0; // 4091 Hz: at or above fmax=4000 Hz
        int n = tracker.track(s, pitches, mags, 0);
        assertEquals(2, n);
        // isolated bins next to zeros are symmetric, so no shift
        assertEquals(50 * BIN_HZ, pitches[0], 1e-9);
        assertEquals(10.5, mags[0], 1e-12);
        // plateau (0, 20, 20): a = -20, b = 10, |b| < |a| so the vertex moves half a bin right
        assertEquals(200.5 * BIN_HZ, pitches[1], 1e-9);
        assertEquals(20.0 + 0.5 * 10.0 * 0.5, mags[1], 1e-12);
    }

    @Test
    void shiftIsZeroWhenTheVertexWouldLeaveTheNeighbourhood() {
        assertEquals(0.0, PitchTracker.parabolicShift(1.0, 1.0, 1.0)); // flat: 0/0 avoided
        assertEquals(0.0, PitchTracker.parabolicShift(0.0, 1.0, 3.0)); // rising: |b| = 1.5 >= |a| = 1
        // (3, 4, 2): a = -3, b = -0.5, vertex at -1/6
        assertEquals(-1.0 / 6, PitchTracker.parabolicShift(3.0, 4.0, 2.0), 1e-15);
    }

    @Test
    void silentFrameHasNoPeaks() {
        assertEquals(0, tracker.track(new double[N_FFT / 2 + 1], pitches, mags, 0));
    }
}
