package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DecisionRuleTest {
    /** RAVDESS's shares: 4 neutral clips per actor, 8 of each other emotion. */
    static final long[] RAVDESS = {4, 8, 8, 8, 8, 8, 8, 8};
    static final float[] CALM_FIRST = {0.30f, 0.40f, 0.10f, 0.05f, 0.05f, 0.04f, 0.03f, 0.03f};

    @Test
    void balancedDividesByTheTrainingSharesSoTheRarerNeutralOvertakesCalm() {
        float[] q = DecisionRule.BALANCED.apply(CALM_FIRST, RAVDESS);
        // neutral's share is half the others': 0.30 * 2 against 0.40, 0.10, ... (sum 0.60 + 0.70 = 1.30)
        assertEquals(0.60 / 1.30, q[0], 1e-6);
        assertEquals(0.40 / 1.30, q[1], 1e-6);
        assertEquals(0.10 / 1.30, q[2], 1e-6);
        assertEquals(0.03 / 1.30, q[7], 1e-6);
        assertEquals(0, ClipPredictor.argmax(q));
        assertEquals(1, ClipPredictor.argmax(CALM_FIRST));
    }

    @Test
    void equalSharesChangeNothingAndCountsOnlyMatterAsShares() {
        assertArrayEquals(CALM_FIRST, DecisionRule.BALANCED.apply(CALM_FIRST, new long[] {5, 5, 5, 5, 5, 5, 5, 5}),
                1e-6f);
        assertArrayEquals(DecisionRule.BALANCED.apply(CALM_FIRST, RAVDESS),
                DecisionRule.BALANCED.apply(CALM_FIRST, new long[] {40, 80, 80, 80, 80, 80, 80, 80}), 1e-7f);
    }

    @Test
    void aClassWithoutTrainingClipsIsNeverChosen() {
        float[] q = DecisionRule.BALANCED.apply(new float[] {0.5f, 0.3f, 0.2f}, new long[] {0, 3, 6});
        // 0.3 / (3/9) = 0.9 and 0.2 / (6/9) = 0.3
        assertArrayEquals(new float[] {0f, 0.75f, 0.25f}, q, 1e-6f);
    }

    @Test
    void argmaxLeavesTheProbabilitiesAsTheyAreInACopy() {
        float[] q = DecisionRule.ARGMAX.apply(CALM_FIRST, null);
        assertArrayEquals(CALM_FIRST, q);
        assertNotSame(CALM_FIRST, q);
    }

    @Test
    void badCountsAndNamesAreRefused() {
        IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
                () -> DecisionRule.BALANCED.apply(CALM_FIRST, new long[] {4, 8}));
        assertEquals("the balanced decision needs the training clips of each of the 8 classes, got 2 counts",
                shorter.getMessage());
        assertEquals("the balanced decision needs training clips, got none", assertThrows(
                IllegalArgumentException.class, () -> DecisionRule.BALANCED.apply(CALM_FIRST, new long[8]))
                .getMessage());
        assertEquals(DecisionRule.BALANCED, DecisionRule.of(" Balanced"));
        assertEquals("argmax", DecisionRule.of("ARGMAX").id());
        assertEquals("decision must be argmax or balanced, got 'bayes'",
                assertThrows(IllegalArgumentException.class, () -> DecisionRule.of("bayes")).getMessage());
    }
}
