package org.serspark.features;

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
    void rejectsEmptyClipsAndBadRates() {
        FeatureExtractor extractor = new FeatureExtractor(FeatureGoldenParityTest.nativeConfig());
        assertThrows(IllegalArgumentException.class, () -> extractor.blocks(new float[0], 22050, false));
        assertThrows(IllegalArgumentException.class, () -> extractor.blocks(new float[100], 0, false));
        assertThrows(IllegalArgumentException.class, () -> extractor.extract(new float[0], 22050));
    }
}
