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
                () -> FeatureSelection.parse("mfcc+energy", C));
        assertEquals("feature block 'energy' is not one of [mfcc, chroma, mel, zcr, centroid], all, delta or delta2",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FeatureSelection.parse("mfcc+pitch", C));
        assertEquals("feature block 'pitch' is not in these features: extract them with features.pitch: true",
                e.getMessage());
    }

    @Test
    void thePitchBlockIsTheLastTwoColumnsOfFeaturesThatHaveIt() {
        FeatureConfig p = C.withPitch(Yin.SPEECH_DEFAULT);
        assertArrayEquals(new int[] {182, 183}, FeatureSelection.parse("pitch", p).columns());
        assertArrayEquals(new int[] {181}, FeatureSelection.parse("centroid", p).columns(), "the centroid alone");
        FeatureSelection all = FeatureSelection.parse("all", p);
        assertTrue(all.isAll());
        assertEquals(184, all.size());
        assertTrue(FeatureSelection.parse("mfcc+chroma+mel+zcr+centroid+pitch", p).isAll());
        FeatureSelection noPitch = FeatureSelection.parse("mfcc+chroma+mel+zcr+centroid", p);
        assertEquals("mfcc+chroma+mel+zcr+centroid", noPitch.spec(), "without pitch it is not all of these features");
        assertEquals(182, noPitch.size());
        assertEquals(2 * 3, FeatureSelection.parse("pitch+delta+delta2", p).size());
    }

    @Test
    void deltasFollowTheSelectedColumns() {
        FeatureSelection s = FeatureSelection.parse("delta2 + mfcc", C);
        assertEquals("mfcc+delta+delta2", s.spec(), "canonical: blocks, then deltas in order");
        assertEquals(2, s.deltaOrder());
        assertEquals(120, s.size());
        assertEquals(s.spec(), FeatureSelection.parse(s.spec(), C).spec(), "the spec parses back to itself");
        FeatureSelection all = FeatureSelection.parse("all", C).withDeltas(1);
        assertEquals("all+delta", all.spec());
        assertEquals(364, all.size());
        assertEquals("all", all.withDeltas(0).spec());
        assertTrue(!all.isAll(), "deltas change what the network reads");

        float[][] frames = new float[12][182];
        for (int t = 0; t < 12; t++) {
            frames[t][0] = 2 * t;       // an MFCC with slope 2
            frames[t][52] = 7;          // a constant mel band
        }
        float[][] mfccDeltas = s.apply(frames);
        assertEquals(120, mfccDeltas[0].length);
        assertEquals(10, mfccDeltas[5][0], 1e-6);
        assertEquals(2, mfccDeltas[5][40], 1e-5);
        assertEquals(0, mfccDeltas[5][80], 1e-5);
        float[][] allDeltas = all.apply(frames);
        assertEquals(364, allDeltas[0].length);
        assertEquals(7, allDeltas[3][52]);
        assertEquals(0, allDeltas[3][182 + 52], 1e-6);
        assertEquals(2, allDeltas[3][182], 1e-5);
    }

    @Test
    void deltasWithoutBlocksOrOfAnUnknownOrderAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureSelection.parse("delta", C));
        assertTrue(e.getMessage().contains("no feature block"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureSelection.parse("all", C).withDeltas(3));
    }
}
