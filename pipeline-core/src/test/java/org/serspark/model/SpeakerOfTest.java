package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpeakerOfTest {

    @Test
    void ravdessActorElseFolderElseFile() {
        assertEquals("actor 7", SpeakerOf.path("Actor_07/03-01-05-01-02-01-07.wav"));
        assertEquals("actor 12", SpeakerOf.path("03-01-05-01-02-01-12.wav"));
        assertEquals("folder interviews/anna", SpeakerOf.path("interviews/anna/take3.wav"));
        assertEquals("file take3.wav", SpeakerOf.path("take3.wav"));
    }

    @Test
    void normalizeIsApplyOnEveryFrameAndLeavesTheInputAlone() {
        FeatureNormalizer n = new FeatureNormalizer(new double[] {1, -2}, new double[] {2, 0.5}, 10);
        float[][] clip = {{3, -2}, {1, -1}};
        float[][] out = n.normalize(clip);
        assertArrayEquals(new float[] {1, 0}, out[0], 1e-7f);
        assertArrayEquals(new float[] {0, 2}, out[1], 1e-7f);
        assertArrayEquals(new float[] {3, -2}, clip[0], 0f);
    }
}
