package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.serspark.spectrum.PowerSpectrogram;
import org.serspark.spectrum.Stft;
import org.serspark.spectrum.StftParams;

class ChromaTest {
    private static final int SR = 22050;
    private static final int N_FFT = StftParams.N_FFT_DEFAULT;

    private static PowerSpectrogram tone(double hz) {
        float[] y = new float[SR];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / SR));
        }
        return new Stft(StftParams.LIBROSA_DEFAULT).power(y, SR);
    }

    @Test
    void pureTonesPeakAtTheirPitchClassWithRowZeroC() {
        Chroma chroma = new Chroma(SR, N_FFT, new ChromaParams(12, 0.0));
        double c5 = 440.0 * Math.pow(2.0, 3.0 / 12);
        double[][] forC = chroma.compute(tone(c5));
        double[][] forA = chroma.compute(tone(440.0));
        double[][] forE = chroma.compute(tone(440.0 * Math.pow(2.0, 7.0 / 12)));
        int mid = forC.length / 2;
        assertEquals(0, argmax(forC[mid]));
        assertEquals(9, argmax(forA[mid]));
        assertEquals(4, argmax(forE[mid]));
        assertEquals(1.0, forA[mid][9], 0.0); // norm=inf: the largest bin is exactly 1
        assertTrue(forA[mid][0] < 0.1);
    }

    @Test
    void fixedTuningSkipsEstimation() {
        PowerSpectrogram p = tone(446.4);
        assertEquals(0.37, new Chroma(SR, N_FFT, new ChromaParams(12, 0.37)).tuningFor(p));
        assertEquals(0.22, new Chroma(SR, N_FFT, ChromaParams.LIBROSA_DEFAULT).tuningFor(p), 1e-9);
    }

    @Test
    void rejectsASpectrogramOfAnotherRate() {
        Chroma chroma = new Chroma(16000, N_FFT, ChromaParams.LIBROSA_DEFAULT);
        assertThrows(IllegalArgumentException.class, () -> chroma.compute(tone(440.0), 0.0));
        assertThrows(IllegalArgumentException.class, () -> new ChromaParams(0, null));
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
