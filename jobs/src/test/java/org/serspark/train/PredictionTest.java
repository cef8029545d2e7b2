package org.serspark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionTest {
    static Prediction p(String path, int label, float... probs) {
        return new Prediction(path, 1, label, probs);
    }

    @Test
    void meanAveragesProbabilitiesPerClipWhateverTheMemberOrder() {
        List<Prediction> a = List.of(p("x.wav", 0, 0.6f, 0.4f), p("y.wav", 1, 0.2f, 0.8f));
        List<Prediction> b = List.of(p("y.wav", 1, 0.6f, 0.4f), p("x.wav", 0, 0.2f, 0.8f));
        List<Prediction> mean = Prediction.mean(List.of(a, b));
        assertEquals("x.wav", mean.get(0).path());
        assertArrayEquals(new float[] {0.4f, 0.6f}, mean.get(0).probabilities(), 1e-7f);
        assertArrayEquals(new float[] {0.4f, 0.6f}, mean.get(1).probabilities(), 1e-7f);
        assertEquals(1, mean.get(0).predicted(), "the ensemble's vote, not member 1's");
        assertArrayEquals(new float[] {0.6f, 0.4f}, a.get(0).probabilities(), "members are left as they were");
    }

    @Test
    void membersMustScoreTheSameClipsWithTheSameLabels() {
        List<Prediction> a = List.of(p("x.wav", 0, 0.6f, 0.4f));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> Prediction.mean(List.of(a, List.of(p("z.wav", 0, 0.5f, 0.5f)))));
        assertTrue(other.getMessage().contains("z.wav"), other.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> Prediction.mean(List.of(a, List.of(p("x.wav", 1, 0.5f, 0.5f)))));
        assertTrue(label.getMessage().contains("true label"), label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Prediction.mean(List.of(a, List.of())));
        assertThrows(IllegalArgumentException.class, () -> Prediction.mean(List.of()));
    }
}
