package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.serspark.GoldenFixture;

class DeltaFeaturesTest {

    /** librosa's [rows][frames] as frame-major floats. */
    static float[][] frames(double[][] rows, int nFrames) {
        float[][] out = new float[nFrames][rows.length];
        for (int r = 0; r < rows.length; r++) {
            for (int t = 0; t < nFrames; t++) {
                out[t][r] = (float) rows[r][t];
            }
        }
        return out;
    }

    static void assertMatches(JsonNode expected, float[][] actual, String what) {
        assertEquals(expected.get(0).size(), actual.length, what + ": frames");
        double worst = 0;
        for (int r = 0; r < expected.size(); r++) {
            for (int t = 0; t < actual.length; t++) {
                double e = expected.get(r).get(t).asDouble();
                worst = Math.max(worst, Math.abs(e - actual[t][r]) / Math.max(1, Math.abs(e)));
            }
        }
        // float32 input and output: librosa's own rounding is about 1e-6 of these values
        assertEquals(0, worst, 1e-5, what + ": worst relative difference");
    }

    @Test
    void matchesLibrosaDeltaOfTheMfccOfAGoldenClip() throws Exception {
        double[][] mfcc = GoldenFixture.load("tone_chirp_noise").nativeFeatures().matrix("mfcc");
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/delta.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        float[][] x = frames(mfcc, mfcc[0].length);
        assertMatches(golden.get("delta1_width9"), DeltaFeatures.delta(x, 1, 9), "order 1");
        assertMatches(golden.get("delta2_width9"), DeltaFeatures.delta(x, 2, 9), "order 2");
        // a clip shorter than the window: librosa refuses width 9, serspark uses width 7, librosa's answer for it
        float[][] seven = frames(mfcc, 7);
        assertMatches(golden.get("first7_delta1_width7"), DeltaFeatures.delta(seven, 1, 9), "7 frames, order 1");
        assertMatches(golden.get("first7_delta2_width7"), DeltaFeatures.delta(seven, 2, 9), "7 frames, order 2");
    }

    @Test
    void slopeAndCurvatureOfPolynomialsAreExactEvenAtTheEdges() {
        float[][] x = new float[20][2];
        for (int t = 0; t < 20; t++) {
            x[t][0] = 3 * t - 5;            // slope 3, curvature 0
            x[t][1] = 0.5f * t * t;         // slope t, curvature 1
        }
        float[][] d1 = DeltaFeatures.delta(x, 1, 9);
        float[][] d2 = DeltaFeatures.delta(x, 2, 9);
        for (int t = 0; t < 20; t++) {
            assertEquals(3, d1[t][0], 1e-5);
            assertEquals(0, d2[t][0], 1e-5);
            assertEquals(1, d2[t][1], 1e-5);
            // the fitted line's slope at the centre of the nearest full window
            assertEquals(Math.min(Math.max(t, 4), 15), d1[t][1], 1e-4, "frame " + t);
        }
    }

    @Test
    void appendKeepsTheColumnsThenDeltasThenSecondOrder() {
        float[][] x = new float[12][2];
        for (int t = 0; t < 12; t++) {
            x[t][0] = t;
            x[t][1] = t * t;
        }
        float[][] a = DeltaFeatures.append(x, 2, 9);
        assertEquals(6, a[5].length);
        assertArrayEquals(new float[] {5, 25, 1, 10, 0, 2}, a[5], 1e-4f);
        assertEquals(x, DeltaFeatures.append(x, 0, 9), "order 0 is the frames themselves");
    }

    @Test
    void clipsOfFewerThanThreeFramesGetZeroDeltasAndBadArgumentsAreRefused() {
        float[][] two = {{1, 2}, {5, 9}};
        assertArrayEquals(new float[] {0, 0}, DeltaFeatures.delta(two, 1, 9)[1]);
        assertEquals(0, DeltaFeatures.delta(new float[0][], 2, 9).length);
        assertThrows(IllegalArgumentException.class, () -> DeltaFeatures.delta(two, 3, 9));
        assertThrows(IllegalArgumentException.class, () -> DeltaFeatures.delta(two, 1, 8));
    }
}
