package org.serspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EpochLineTest {

    @Test
    void validationFiguresOnlyWhenThereAreValidationActors() {
        EpochRecord e1 = new EpochRecord(1, 1.5, 1.25, 0.5, 0.375, 10);
        EpochRecord e2 = new EpochRecord(2, 1.0, 1.125, 0.625, 0.5, 20);
        assertEquals("train f1: epoch 2/5  loss 1.000  val loss 1.125  val acc 0.625  val UAR 0.500  20.0 s  ETA 45 s",
                ParameterAveragingTrainer.epochLine("f1", e2, 5, List.of(e1, e2), 1));
        EpochRecord n1 = new EpochRecord(1, 1.5, Double.NaN, Double.NaN, Double.NaN, 10);
        EpochRecord n2 = new EpochRecord(2, 1.0, Double.NaN, Double.NaN, Double.NaN, 20);
        assertEquals("train f1: epoch 2/5  loss 1.000  20.0 s  ETA 60 s",
                ParameterAveragingTrainer.epochLine("f1", n2, 5, List.of(n1, n2), 2),
                "no NaN figures; the ETA from this run's epochs only (resumed at 2)");
    }
}
