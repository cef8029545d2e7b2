package org.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.serspark.audio.SpeedPerturbationTest.SR;
import static org.serspark.audio.SpeedPerturbationTest.frequency;
import static org.serspark.audio.SpeedPerturbationTest.tone;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeStretchTest {

    /** A 440 Hz burst from {@code from} to {@code to} seconds in silence, {@code seconds} long. */
    static float[] burst(double from, double to, double seconds) {
        float[] x = new float[(int) (seconds * SR)];
        float[] t = tone(440, x.length);
        for (int i = (int) (from * SR); i < (int) (to * SR); i++) {
            x[i] = t[i];
        }
        return x;
    }

    /** Where the energy is, in seconds (its centre of mass). */
    static double energyCentre(float[] x) {
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * x[i];
            weighted += (double) i * x[i] * x[i];
        }
        return weighted / sum / SR;
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    static void assertLevel(float[] before, float[] after) {
        double ratio = rms(after, SR / 4, SR * 3 / 4) / rms(before, SR / 4, SR * 3 / 4);
        assertTrue(ratio > 0.84 && ratio < 1.02, "level ratio " + ratio);
    }

    @Test
    void rateOneGivesTheClipBack() {
        // the phase vocoder at rate 1 keeps every frame's phase, so STFT then ISTFT must rebuild the samples
        Random r = new Random(7);
        float[] x = new float[SR];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 311 * i / SR) + 0.1 * r.nextGaussian());
        }
        float[] y = new TimeStretch().apply(x, 1.0, x.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        assertTrue(worst < 1e-5, "largest difference " + worst);
    }

    @Test
    void stretchingChangesDurationNotPitch() {
        float[] x = tone(440, SR);
        TimeStretch ts = new TimeStretch();
        // Python's round is half to even: 22050 / 0.8 = 27562.5 -> 27562
        assertEquals(27562, TimeStretch.stretchedLength(SR, 0.8));
        float[] slow = ts.apply(x, 0.8, TimeStretch.stretchedLength(SR, 0.8));
        float[] fast = ts.apply(x, 1.25, TimeStretch.stretchedLength(SR, 1.25));
        assertEquals(27562, slow.length);
        assertEquals(17640, fast.length);
        assertEquals(440.0, frequency(slow), 1.0);
        assertEquals(440.0, frequency(fast), 1.0);
        // a stationary tone keeps its level within 1.5 dB (the vocoder's edge bins lose some coherence: about -0.8 dB
        // here); without the ISTFT's window normalisation it would be 1.5 times as loud
        assertLevel(x, slow);
    }

    @Test
    void eventsMoveWithTheStretch() {
        float[] x = burst(0.5, 0.6, 2.0);
        assertEquals(0.55, energyCentre(x), 0.005);
        float[] slow = new TimeStretch().apply(x, 0.5, TimeStretch.stretchedLength(x.length, 0.5));
        assertEquals(4 * SR, slow.length);
        assertEquals(1.10, energyCentre(slow), 0.02);
    }

    @Test
    void badRatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TimeStretch().apply(new float[10], 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new TimeStretch().apply(new float[10], Double.NaN, 10));
    }

    @Test
    void pitchShiftMovesThePitchAndKeepsTheTiming() {
        float[] x = tone(220, SR);
        float[] up = PitchShift.apply(x, 1.1);
        float[] down = PitchShift.apply(x, 0.9);
        assertEquals(SR, up.length);
        assertEquals(SR, down.length);
        assertEquals(242.0, frequency(up), 1.0);
        assertEquals(198.0, frequency(down), 1.0);
        assertLevel(x, up);

        // the burst stays where it was (within a frame: the vocoder's frames interfere unevenly at rates between
        // whole and half frames); played faster instead, it moves to 0.55 / 1.1 = 0.5 s
        float[] b = burst(0.5, 0.6, 2.0);
        assertEquals(0.55, energyCentre(PitchShift.apply(b, 1.1)), 0.02);
        assertEquals(0.50, energyCentre(SpeedPerturbation.apply(b, 1.1)), 0.01);
        assertSame(x, PitchShift.apply(x, 1.0), "factor 1 is the clip as recorded");
    }

    @Test
    void pitchFactorsAreCheckedAndNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PitchShift.hundredths(1.234));
        assertTrue(e.getMessage().startsWith("pitch may have at most two decimals"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PitchShift.hundredths(0.2));
        assertTrue(e.getMessage().startsWith("pitch must be between"), e.getMessage());
        assertEquals(112, PitchShift.hundredths(1.12));
    }
}
