package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.serspark.GoldenFixture;
import org.serspark.spectrum.PowerSpectrogram;
import org.serspark.spectrum.Stft;
import org.serspark.spectrum.StftParams;

/** Parity with librosa 0.10.1's chroma_stft and estimate_tuning on the golden inputs. */
class ChromaGoldenTest {
    /** The golden README's bound for chroma (librosa's own float32 noise is about 1e-6). */
    private static final double CHROMA_TOLERANCE = 1e-4;
    /** Tunings are histogram edges, so equal means the same 0.01 bin. */
    private static final double TUNING_TOLERANCE = 1e-9;
    private static final int N_FFT = StftParams.N_FFT_DEFAULT;

    /** Each golden block: native rate for every input, plus 22050 Hz resampled audio for the 48 kHz one. */
    static List<Arguments> blocks() {
        List<Arguments> out = new ArrayList<>();
        for (String name : GoldenFixture.NAMES) {
            out.add(Arguments.of(name, false));
            if (GoldenFixture.load(name).hasResampled()) {
                out.add(Arguments.of(name, true));
            }
        }
        return out;
    }

    @Test
    void testReaderDecodesLikeLibrosa() {
        for (String name : GoldenFixture.NAMES) {
            GoldenFixture g = GoldenFixture.load(name);
            TestWav wav = TestWav.decode(g.wavBytes());
            GoldenFixture.Features f = g.nativeFeatures();
            assertEquals(f.sampleRate(), wav.sampleRate(), name);
            assertEquals(f.nSamples(), wav.samples().length, name);
            double[] head = g.decodedHead();
            for (int i = 0; i < head.length; i++) {
                assertEquals(head[i], wav.samples()[i], 1e-9, name + " sample " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0} resampled={1}")
    @MethodSource("blocks")
    void estimatedTuningMatchesLibrosa(String name, boolean resampled) {
        Case c = load(name, resampled);
        Chroma chroma = new Chroma(c.power.sampleRate(), N_FFT, ChromaParams.LIBROSA_DEFAULT);
        assertEquals(c.golden.estimatedTuning(), chroma.estimateTuning(c.power), TUNING_TOLERANCE);
        assertEquals(c.golden.estimatedTuning(), chroma.tuningFor(c.power), TUNING_TOLERANCE);
    }

    @ParameterizedTest(name = "{0} resampled={1}")
    @MethodSource("blocks")
    void chromaWithEstimatedTuningMatchesLibrosa(String name, boolean resampled) {
        Case c = load(name, resampled);
        Chroma chroma = new Chroma(c.power.sampleRate(), N_FFT, ChromaParams.LIBROSA_DEFAULT);
        assertMatches(c.golden.matrix("chroma"), chroma.compute(c.power), name);
    }

    @ParameterizedTest(name = "{0} resampled={1}")
    @MethodSource("blocks")
    void chromaWithTuningZeroMatchesLibrosa(String name, boolean resampled) {
        Case c = load(name, resampled);
        Chroma chroma = new Chroma(c.power.sampleRate(), N_FFT, new ChromaParams(12, 0.0));
        assertEquals(0.0, chroma.tuningFor(c.power));
        assertMatches(c.golden.matrix("chroma_tuning0"), chroma.compute(c.power, 0.0), name);
        assertMatches(c.golden.matrix("chroma_tuning0"), chroma.compute(c.power), name);
    }

    @Test
    void silenceGivesTuningZeroAndAllZeroChroma() {
        Case c = load("silence", false);
        Chroma chroma = new Chroma(c.power.sampleRate(), N_FFT, ChromaParams.LIBROSA_DEFAULT);
        assertEquals(0.0, chroma.estimateTuning(c.power));
        double[][] out = chroma.compute(c.power);
        assertEquals(c.golden.nFrames(), out.length);
        for (double[] frame : out) {
            assertArrayEquals(new double[12], frame);
        }
    }

    private record Case(PowerSpectrogram power, GoldenFixture.Features golden) {
    }

    private static Case load(String name, boolean resampled) {
        GoldenFixture g = GoldenFixture.load(name);
        float[] y;
        int sr;
        GoldenFixture.Features golden;
        if (resampled) {
            double[] samples = g.resampledSamples();
            y = new float[samples.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) samples[i];
            }
            golden = g.resampledFeatures();
            sr = golden.sampleRate();
        } else {
            TestWav wav = TestWav.decode(g.wavBytes());
            y = wav.samples();
            sr = wav.sampleRate();
            golden = g.nativeFeatures();
        }
        assertEquals(golden.nSamples(), y.length, name);
        PowerSpectrogram power = new Stft(StftParams.LIBROSA_DEFAULT).power(y, sr);
        assertEquals(golden.nFrames(), power.nFrames(), name);
        return new Case(power, golden);
    }

    /** golden is librosa's {@code [n_chroma][frames]}, actual ours {@code [frames][n_chroma]}. */
    private static void assertMatches(double[][] golden, double[][] actual, String name) {
        assertEquals(12, golden.length, name);
        assertEquals(golden[0].length, actual.length, name + " frames");
        double maxErr = 0.0;
        for (int t = 0; t < actual.length; t++) {
            assertEquals(golden.length, actual[t].length);
            for (int c = 0; c < golden.length; c++) {
                double want = golden[c][t];
                double got = actual[t][c];
                assertEquals(Double.isNaN(want), Double.isNaN(got), name + " NaN at chroma " + c + " frame " + t);
                if (!Double.isNaN(want)) {
                    maxErr = Math.max(maxErr, Math.abs(want - got));
                }
            }
        }
        assertTrue(maxErr <= CHROMA_TOLERANCE, name + " max abs error " + maxErr);
    }
}
