package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.serspark.spectrum.PowerSpectrogram;
import org.serspark.spectrum.Stft;
import org.serspark.spectrum.StftParams;

class TuningEstimatorTest {
    private static final int SR = 22050;
    private static final double EXACT = 1e-9;

    private final TuningEstimator estimator = TuningEstimator.librosaDefault(SR, StftParams.N_FFT_DEFAULT, 12);

    /** Frequency {@code detune} semitones above A440 shifted by whole semitones. */
    private static double pitch(int semitonesFromA4, double detune) {
        return 440.0 * Math.pow(2.0, (semitonesFromA4 + detune) / 12);
    }

    @Test
    void pitchTuningReturnsTheLeftEdgeOfTheFullestBin() {
        double[] f = {pitch(0, 0.255), pitch(3, 0.257), pitch(-14, 0.251), pitch(7, -0.1)};
        assertEquals(0.25, estimator.pitchTuning(f, f.length), EXACT);
    }

    @Test
    void pitchTuningFoldsResidualsAboveHalfToNegative() {
        double[] f = {pitch(2, 0.955), pitch(-5, -0.045)};
        // 0.955 above D is 0.045 below D#: both land in [-0.05, -0.04)
        assertEquals(-0.05, estimator.pitchTuning(f, f.length), EXACT);
    }

    @Test
    void pitchTuningBreaksTiesTowardTheLowerBin() {
        double[] f = {pitch(0, 0.305), pitch(0, -0.205), pitch(12, 0.305), pitch(12, -0.205)};
        assertEquals(-0.21, estimator.pitchTuning(f, f.length), EXACT);
    }

    @Test
    void pitchTuningIgnoresNonPositiveFrequenciesAndIsZeroWhenNothingIsLeft() {
        assertEquals(0.0, estimator.pitchTuning(new double[0], 0));
        assertEquals(0.0, estimator.pitchTuning(new double[] {0.0, -440.0}, 2));
        double[] f = {0.0, pitch(0, 0.333), -3.0};
        assertEquals(0.33, estimator.pitchTuning(f, f.length), EXACT);
        // only the first count entries are read
        assertEquals(0.0, estimator.pitchTuning(f, 1));
    }

    /**
     * End to end through the STFT on float32 tones. Expected values were computed with a numpy transcription of
     * librosa 0.10.1's piptrack/estimate_tuning: high tones come out within 0.01 of their true detuning, while
     * at A4 the parabolic interpolation on the power spectrum biases the estimate (0.25 reads as 0.22), which
     * librosa does and so must we.
     */
    @Test
    void detunedTonesEstimateAsLibrosaDoes() {
        assertEquals(0.25, estimate(pitch(24, 0.25)), EXACT);   // A6 + 0.25 = 1785.6 Hz
        assertEquals(-0.31, estimate(pitch(36, -0.3)), EXACT);  // A7 - 0.3 = 3459.5 Hz
        assertEquals(0.24, estimate(pitch(21, 0.25)), EXACT);   // F#6 + 0.25 = 1501.5 Hz
        assertEquals(0.22, estimate(pitch(0, 0.25)), EXACT);    // A4 + 0.25 = 446.4 Hz
        assertEquals(-0.34, estimate(pitch(0, -0.3)), EXACT);   // A4 - 0.3 = 432.4 Hz
    }

    /**
     * RAVDESS 03-01-03-02-02-01-16 in miniature: a strong A4 + 0.26 (100 frames), a rising A4 - 0.05 (116 frames)
     * that outnumbers it, then one LSB impulse in digital silence. The median peak magnitude falls inside the rising
     * tone, so how many of its frames are kept depends on how many (tiny) peaks the impulse frames contribute, and
     * those depend on the spectrum's last bits. librosa 0.10.1 on float32 audio: 0.23 (histogram 99 against 90);
     * the float64 spectrum (librosa's or the old double one here) gives 0.05.
     */
    @Test
    void impulseFramesMoveTheMedianAsInLibrosa() {
        int sr = 48000;
        int hop = StftParams.HOP_DEFAULT;
        int strong = 100 * hop;
        int rising = 116 * hop;
        int gap = 4096;
        float[] y = new float[strong + rising + 2 * gap];
        for (int i = 0; i < strong + rising; i++) {
            boolean first = i < strong;
            double amp = first ? 0.5 : 0.05 + 0.3 * (i - strong) / (double) rising;
            double hz = pitch(0, first ? 0.26 : -0.05);
            // 16-bit quantisation, as in a WAV file, also makes the samples immune to last-bit differences of sin
            y[i] = (float) (Math.rint(amp * StrictMath.sin(2 * Math.PI * hz * i / sr) * 32768) / 32768);
        }
        y[strong + rising + gap / 2 + 301] = 1f / 32768;
        PowerSpectrogram p = new Stft(StftParams.LIBROSA_DEFAULT).power(y, sr);
        assertEquals(0.23, TuningEstimator.librosaDefault(sr, StftParams.N_FFT_DEFAULT, 12).estimate(p.power()),
                EXACT);
    }

    private double estimate(double hz) {
        float[] y = new float[2 * SR];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / SR));
        }
        PowerSpectrogram p = new Stft(StftParams.LIBROSA_DEFAULT).power(y, SR);
        double viaEstimator = estimator.estimate(p.power());
        assertEquals(viaEstimator, new Chroma(SR, StftParams.N_FFT_DEFAULT, ChromaParams.LIBROSA_DEFAULT)
                .estimateTuning(p));
        return viaEstimator;
    }
}
