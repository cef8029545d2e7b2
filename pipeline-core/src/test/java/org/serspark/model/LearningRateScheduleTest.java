package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void cosineFallsFromTheBaseRateTowardsZeroAfterTheLastEpoch() {
        LearningRateSchedule c = LearningRateSchedule.COSINE;
        assertEquals(1e-3, c.rate(1e-3, 1, 40), 1e-15);
        assertEquals(0.5e-3, c.rate(1e-3, 21, 40), 1e-15, "half way");
        assertEquals(1e-3 * (1 + Math.cos(Math.PI * 39 / 40)) / 2, c.rate(1e-3, 40, 40), 1e-15);
        assertTrue(c.rate(1e-3, 40, 40) > 0, "the last epoch still learns");
        for (int e = 2; e <= 40; e++) {
            assertTrue(c.rate(1e-3, e, 40) < c.rate(1e-3, e - 1, 40), "epoch " + e);
        }
        assertEquals(1e-3, LearningRateSchedule.CONSTANT.rate(1e-3, 40, 40));
    }

    @Test
    void rejectsEpochsOutsideTheRunAndUnknownNames() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.COSINE.rate(1e-3, 0, 40));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.COSINE.rate(1e-3, 41, 40));
        assertEquals(LearningRateSchedule.COSINE, LearningRateSchedule.of(" Cosine "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.of("linear"));
        assertTrue(e.getMessage().contains("constant or cosine"), e.getMessage());
    }
}
