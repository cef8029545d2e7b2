package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.serspark.GoldenFixture;

class FeatureExtractorTest {

    @Test
    void oneNativeRateExtractorServesClipsOfDifferentRates() {
        FeatureExtractor extractor = new FeatureExtractor(FeatureGoldenParityTest.nativeConfig());
        // alternate rates so a kernel cached for the wrong rate would be caught
        for (String name : new String[] {"speech_stereo_48000", "tone_chirp_noise", "speech_stereo_48000"}) {
            GoldenFixture g = GoldenFixture.load(name);
            TestWav wav = TestWav.decode(g.wavBytes());
            FeatureBlocks b = extractor.blocks(wav.mono(), wav.sampleRate(), false);
            assertEquals(wav.sampleRate(), b.sampleRate());
            FeatureGoldenParityTest.assertMatrix(name + " mel_db", g.nativeFeatures().matrix("mel_db"), b.melDb(),
                    FeatureGoldenParityTest.DB_TOLERANCE, 0.0);
            FeatureGoldenParityTest.assertMatrix(name + " spectral_centroid",
                    g.nativeFeatures().matrix("spectral_centroid"), b.spectralCentroid(), 0.0,
                    FeatureGoldenParityTest.CENTROID_RELATIVE_TOLERANCE);
        }
    }

    @Test
    void withPitchEachFrameEndsWithTheLog2PitchContourAndAperiodicityAndTheRestIsUnchanged() {
        float[] y = YinTest.tone(0.4, 180, 360);
        FeatureConfig plain = FeatureConfig.librosaDefault();
        FeatureConfig pitched = plain.withPitch(Yin.SPEECH_DEFAULT);
        float[][] a = new FeatureExtractor(plain).extract(y, 22050).frames();
        float[][] b = new FeatureExtractor(pitched).extract(y, 22050).frames();
        double[][] yin = Yin.SPEECH_DEFAULT.compute(y, 22050, 2048, 512, true);
        assertEquals(a.length, b.length);
        for (int t = 0; t < a.length; t++) {
            assertEquals(184, b[t].length);
            assertArrayEquals(a[t], java.util.Arrays.copyOf(b[t], 182), 0f);
            assertEquals((float) yin[1][t], b[t][183], 0f);
        }
        double[] contour = Yin.SPEECH_DEFAULT.log2F0(yin[0], yin[1]);
        for (int t = 0; t < a.length; t++) {
            assertEquals((float) contour[t], b[t][182], 0f);
        }
        assertEquals(Math.log(180.0) / Math.log(2), b[a.length / 2][182], 0.002);
        FeatureBlocks blocks = new FeatureExtractor(pitched).blocks(y, 22050);
        assertArrayEquals(yin[0], blocks.pitch()[0], 0);
        assertArrayEquals(contour, blocks.pitch()[2], 0);
        assertEquals(null, new FeatureExtractor(plain).blocks(y, 22050).pitch());
    }

    @Test
    void rejectsEmptyClipsAndBadRates() {
        FeatureExtractor extractor = new FeatureExtractor(FeatureGoldenParityTest.nativeConfig());
        assertThrows(IllegalArgumentException.class, () -> extractor.blocks(new float[0], 22050, false));
        assertThrows(IllegalArgumentException.class, () -> extractor.blocks(new float[100], 0, false));
        assertThrows(IllegalArgumentException.class, () -> extractor.extract(new float[0], 22050));
    }
}
