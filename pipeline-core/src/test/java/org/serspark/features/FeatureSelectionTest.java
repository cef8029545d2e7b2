package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeatureSelectionTest {
    static final FeatureConfig C = FeatureConfig.librosaDefault();

    @Test
    void blocksMapToTheirFrameColumnsInFrameOrder() {
        FeatureSelection s = FeatureSelection.parse("chroma + mfcc", C);
        assertEquals("mfcc+chroma", s.spec(), "canonical: frame order");
        assertEquals(52, s.size());
        assertEquals(0, s.columns()[0]);
        assertEquals(51, s.columns()[51]);

        FeatureSelection tail = FeatureSelection.parse("zcr+centroid", C);
        assertArrayEquals(new int[] {180, 181}, tail.columns());
        FeatureSelection all = FeatureSelection.parse("mfcc+chroma+mel+zcr+centroid", C);
        assertTrue(all.isAll());
        assertEquals(182, all.size());
        assertEquals("all", FeatureSelection.parse("all", C).spec());
    }

    @Test
    void projectionKeepsTheSelectedColumns() {
        float[][] frames = new float[3][182];
        for (int t = 0; t < 3; t++) {
            for (int k = 0; k < 182; k++) {
                frames[t][k] = t * 1000 + k;
            }
        }
        float[][] p = FeatureSelection.project(frames, FeatureSelection.parse("mel", C).columns());
        assertEquals(3, p.length);
        assertEquals(128, p[0].length);
        assertEquals(2000 + 52, p[2][0]);
        assertEquals(2000 + 179, p[2][127]);
    }

    @Test
    void unknownBlocksAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureSelection.parse("mfcc+pitch", C));
        assertTrue(e.getMessage().contains("'pitch'"), e.getMessage());
    }
}
