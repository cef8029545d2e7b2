package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeatureStatsTest {

    @Test
    void aClipStandardisedWithItsOwnStatistics() {
        // column 0: 1, 3 (mean 2, population deviation 1); column 1: 10, 30 (mean 20, deviation 10)
        float[][] clip = {{1f, 10f}, {3f, 30f}};
        float[][] out = FeatureStats.standardize(clip);
        assertArrayEquals(new float[] {-1f, -1f}, out[0], 1e-6f);
        assertArrayEquals(new float[] {1f, 1f}, out[1], 1e-6f);
        assertArrayEquals(new float[] {1f, 10f}, clip[0], 0f, "the input is left as it was");
        assertEquals(0, FeatureStats.standardize(new float[0][]).length);
    }

    @Test
    void clipIsANormalizationSetting() {
        assertEquals(TrainingConfig.Normalization.CLIP, TrainingConfig.Normalization.of(" Clip "));
        assertEquals("clip", TrainingConfig.Normalization.CLIP.id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.Normalization.of("actor"));
        assertTrue(e.getMessage().equals("normalization must be global, speaker or clip, got 'actor'"),
                e.getMessage());
    }
}
