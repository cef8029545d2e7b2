package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.serspark.GoldenFixture;
import org.serspark.audio.WavDecoder;
import org.serspark.features.FeatureConfig;
import org.serspark.features.FeatureExtractor;

class LevelNormalizationTest {
    static final FeatureConfig C = FeatureConfig.librosaDefault();

    static float[][] features(float[] samples, int sr) {
        return new FeatureExtractor(C).extract(samples, sr).frames();
    }

    static float[][] clip(float[][] f) {
        return LevelNormalization.CLIP.apply(f, C.mfccOffset(), C.nMfcc(), C.melOffset(), C.nMels());
    }

    @Test
    void aClipRecorded26DbQuieterGetsTheSameFeatures() throws Exception {
        var audio = WavDecoder.decode(GoldenFixture.load("speech_espeak").wavBytes(), "speech_espeak.wav");
        float[] loud = audio.samples();
        float[] quiet = new float[loud.length];
        for (int i = 0; i < loud.length; i++) {
            quiet[i] = loud[i] * 0.05f; // -26 dB
        }
        float[][] a = features(loud, audio.sampleRate());
        float[][] b = features(quiet, audio.sampleRate());
        // as extracted, the mel bands sit 26 dB apart and the first MFCC 26 * sqrt(128) apart
        assertEquals(26.02, a[40][C.melOffset() + 20] - b[40][C.melOffset() + 20], 0.05);
        assertEquals(26.02 * Math.sqrt(128), a[40][C.mfccOffset()] - b[40][C.mfccOffset()], 0.5);
        float[][] na = clip(a);
        float[][] nb = clip(b);
        double worst = 0;
        for (int t = 0; t < a.length; t++) {
            for (int k = 0; k < C.nFeatures(); k++) {
                worst = Math.max(worst, Math.abs(na[t][k] - nb[t][k]) / Math.max(1, Math.abs(na[t][k])));
            }
        }
        assertTrue(worst < 1e-3, "largest relative difference after normalisation: " + worst);
        assertEquals(0, LevelNormalization.meanEnergyDb(na, C.melOffset(), C.nMels()), 1e-3);
        // scale-free features never move
        assertEquals(a[40][C.chromaOffset() + 3], na[40][C.chromaOffset() + 3]);
        assertEquals(a[40][C.centroidOffset()], na[40][C.centroidOffset()]);
        assertEquals(a[40][C.mfccOffset() + 1], na[40][C.mfccOffset() + 1]);
    }

    @Test
    void noneIsTheFramesThemselvesAndNamesAreChecked() {
        float[][] f = new float[3][182];
        assertSame(f, LevelNormalization.NONE.apply(f, 0, 40, 52, 128));
        assertEquals(LevelNormalization.CLIP, LevelNormalization.of(" Clip "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LevelNormalization.of("peak"));
        assertTrue(e.getMessage().contains("none or clip"), e.getMessage());
    }
}
