package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.serspark.GoldenFixture;

/**
 * librosa 0.10.1 parity of every non-chroma block on the five golden inputs at their native rates, plus the
 * 48 kHz input after scipy's resample_poly to 22050 Hz (samples taken from the fixture, so this does not depend
 * on the resampler). Chroma parity lives in {@link FeatureChromaParityTest}.
 */
class FeatureGoldenParityTest {
    static final double DB_TOLERANCE = 1e-3;
    static final double MFCC_TOLERANCE = 1e-3;
    static final double ZCR_TOLERANCE = 1e-6;
    static final double CENTROID_RELATIVE_TOLERANCE = 1e-5;
    /** float32 STFT noise in librosa: relative to the value, plus an absolute part relative to the clip's maximum. */
    static final double MEL_POWER_RELATIVE_TOLERANCE = 1e-4;
    static final double MEL_POWER_FLOOR_RELATIVE_TO_MAX = 1e-7;

    /** One golden case: audio at some rate plus librosa's features for it. */
    record Case(String label, float[] y, int sampleRate, GoldenFixture.Features expected) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (String name : GoldenFixture.NAMES) {
            GoldenFixture g = GoldenFixture.load(name);
            TestWav wav = TestWav.decode(g.wavBytes());
            out.add(new Case(name, wav.mono(), wav.sampleRate(), g.nativeFeatures()));
            if (g.hasResampled()) {
                double[] s = g.resampledSamples();
                float[] y = new float[s.length];
                for (int i = 0; i < s.length; i++) {
                    y[i] = (float) s[i];
                }
                out.add(new Case(name + "@22050", y, FeatureConfig.LIBROSA_SAMPLE_RATE, g.resampledFeatures()));
            }
        }
        return out.stream();
    }

    static FeatureConfig nativeConfig() {
        return FeatureConfig.librosaDefault().withTargetSampleRate(FeatureConfig.NATIVE_RATE);
    }

    @Test
    void testReaderDecodesLikeLibrosa() {
        for (String name : GoldenFixture.NAMES) {
            GoldenFixture g = GoldenFixture.load(name);
            TestWav wav = TestWav.decode(g.wavBytes());
            double[] head = g.decodedHead();
            for (int i = 0; i < head.length; i++) {
                assertEquals(head[i], wav.mono()[i], 1e-7, name + " sample " + i);
            }
            assertEquals(g.nativeFeatures().nSamples(), wav.mono().length, name);
            assertEquals(g.nativeFeatures().sampleRate(), wav.sampleRate(), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nonChromaBlocksMatchLibrosa(Case c) {
        FeatureExtractor extractor = new FeatureExtractor(nativeConfig());
        FeatureBlocks b = extractor.blocks(c.y(), c.sampleRate(), false);
        GoldenFixture.Features e = c.expected();

        assertEquals(e.nFrames(), b.nFrames(), "n_frames");
        assertEquals(e.sampleRate(), b.sampleRate(), "sample rate");
        assertMelPower(e.matrix("mel_power"), b.melPower());
        assertMatrix("mel_db", e.matrix("mel_db"), b.melDb(), DB_TOLERANCE, 0.0);
        assertMatrix("mfcc", e.matrix("mfcc"), b.mfcc(), MFCC_TOLERANCE, 0.0);
        assertMatrix("zcr", e.matrix("zcr"), b.zcr(), ZCR_TOLERANCE, 0.0);
        assertMatrix("spectral_centroid", e.matrix("spectral_centroid"), b.spectralCentroid(), 0.0,
                CENTROID_RELATIVE_TOLERANCE);
    }

    @Test
    void silenceGivesLibrosasFloorValuesNotNaN() {
        GoldenFixture g = GoldenFixture.load("silence");
        TestWav wav = TestWav.decode(g.wavBytes());
        FeatureBlocks b = new FeatureExtractor(nativeConfig()).blocks(wav.mono(), wav.sampleRate(), false);
        double amin = 1e-10;
        double floorDb = 10 * Math.log10(amin);
        for (double[] row : b.melDb()) {
            for (double v : row) {
                assertEquals(floorDb, v, 0.0);
            }
        }
        // DCT-II ortho of a constant column: only c0 = sqrt(n_mels) * value
        assertEquals(Math.sqrt(128) * floorDb, b.mfcc()[0][0], 1e-9);
        assertEquals(0.0, b.mfcc()[1][0], 1e-9);
        for (double v : b.spectralCentroid()[0]) {
            assertEquals(0.0, v, 0.0, "librosa leaves an all-zero frame un-normalised: centroid 0, not NaN");
        }
        for (double v : b.zcr()[0]) {
            assertEquals(0.0, v, 0.0);
        }
    }

    @Test
    void veryShortClipHasLibrosasFrameCount() {
        GoldenFixture g = GoldenFixture.load("very_short");
        TestWav wav = TestWav.decode(g.wavBytes());
        assertTrue(wav.mono().length < 2048);
        FeatureBlocks b = new FeatureExtractor(nativeConfig()).blocks(wav.mono(), wav.sampleRate(), false);
        assertEquals(1 + wav.mono().length / 512, b.nFrames());
        assertEquals(g.nativeFeatures().nFrames(), b.nFrames());
        assertEquals(b.nFrames(), b.zcr()[0].length);
    }

    static void assertMelPower(double[][] expected, double[][] actual) {
        double max = 0;
        for (double[] row : expected) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        double floor = MEL_POWER_FLOOR_RELATIVE_TO_MAX * max;
        assertEquals(expected.length, actual.length, "mel_power rows");
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length, "mel_power frames");
            for (int t = 0; t < expected[r].length; t++) {
                double e = expected[r][t];
                double a = actual[r][t];
                if (Math.abs(a - e) > MEL_POWER_RELATIVE_TOLERANCE * Math.abs(e) + floor) {
                    fail("mel_power[" + r + "][" + t + "] expected " + e + " got " + a);
                }
            }
        }
    }

    /** Element-wise: |a - e| <= abs + rel * |e|; NaN (JSON null) must match NaN. */
    static void assertMatrix(String name, double[][] expected, double[][] actual, double abs, double rel) {
        assertEquals(expected.length, actual.length, name + " rows");
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length, name + " frames");
            for (int t = 0; t < expected[r].length; t++) {
                double e = expected[r][t];
                double a = actual[r][t];
                if (Double.isNaN(e)) {
                    assertTrue(Double.isNaN(a), name + "[" + r + "][" + t + "] expected NaN (null) got " + a);
                    continue;
                }
                double err = Math.abs(a - e);
                if (!(err <= abs + rel * Math.abs(e))) {
                    fail(name + "[" + r + "][" + t + "] expected " + e + " got " + a + " (error " + err + ")");
                }
            }
        }
    }
}
