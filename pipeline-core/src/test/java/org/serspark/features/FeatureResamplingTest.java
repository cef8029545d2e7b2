package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.serspark.GoldenFixture;

/**
 * The extractor's resampling path (48 kHz input, 22050 Hz target) against librosa's features of
 * {@code scipy.signal.resample_poly(y, 147, 320)}. Fails with UnsupportedOperationException until the resampler
 * work item (audio/PolyphaseResampler.java) is merged. The tolerance is looser than the parity tests' because it
 * also absorbs the resampler's own error.
 */
class FeatureResamplingTest {
    static final double MEL_DB_TOLERANCE_THROUGH_RESAMPLER = 1e-2;

    @Test
    void resamplesToTheTargetRateBeforeAnalysis() {
        GoldenFixture g = GoldenFixture.load("speech_stereo_48000");
        TestWav wav = TestWav.decode(g.wavBytes());
        FeatureBlocks b = new FeatureExtractor(FeatureConfig.librosaDefault()).blocks(wav.mono(), wav.sampleRate(),
                false);
        GoldenFixture.Features e = g.resampledFeatures();
        assertEquals(FeatureConfig.LIBROSA_SAMPLE_RATE, b.sampleRate());
        assertEquals(e.nFrames(), b.nFrames());
        FeatureGoldenParityTest.assertMatrix("mel_db", e.matrix("mel_db"), b.melDb(),
                MEL_DB_TOLERANCE_THROUGH_RESAMPLER, 0.0);
    }
}
