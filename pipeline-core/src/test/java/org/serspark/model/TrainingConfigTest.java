package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    /** Every component away from its default, so a setting the builder drops shows. */
    static TrainingConfig everySettingChanged() {
        return TrainingConfig.builder().batchSize(16).epochs(7).averagingFrequency(2).workerPrefetch(3)
                .stoppingMetric(TrainingConfig.StoppingMetric.LOSS).patience(4).maxFrames(500).seed(9).bucketPool(3)
                .normalization(TrainingConfig.Normalization.SPEAKER).trimSilenceDb(35)
                .lrSchedule(LearningRateSchedule.COSINE).classWeights(ClassWeights.BALANCED)
                .speedPerturbation(List.of(0.9, 1.1)).levelNormalization(LevelNormalization.CLIP)
                .speedCopies(SpeedCopies.ONE).mixup(0.2).weightAveraging(0.5).pitchPerturbation(List.of(0.95)).build();
    }

    @Test
    void theBuildersDefaultsAreConfsValuesAndEveryLaterSettingOff() {
        Map<String, Object> expected = new TreeMap<>();
        expected.put("batch_size", 32);
        expected.put("epochs", 30);
        expected.put("averaging_frequency", 5);
        expected.put("worker_prefetch", 0);
        expected.put("early_stopping_metric", "uar");
        expected.put("patience", 0);
        expected.put("max_frames", 0);
        expected.put("seed", 42L);
        expected.put("length_bucket_pool", 8);
        expected.put("normalization", "global");
        expected.put("trim_silence_db", 0.0);
        expected.put("lr_schedule", "constant");
        expected.put("class_weights", "none");
        expected.put("speed_perturbation", List.of());
        expected.put("level_normalization", "none");
        expected.put("speed_copies", "all");
        expected.put("copies_per_epoch", 0);
        expected.put("mixup", 0.0);
        expected.put("weight_averaging", 0.0);
        expected.put("pitch_perturbation", List.of());
        assertEquals(expected, TrainingConfig.builder().build().toMap());
    }

    @Test
    void toBuilderKeepsEverySettingAndWithChangesOnlyItsOwn() {
        TrainingConfig c = everySettingChanged();
        assertEquals(c, c.toBuilder().build());
        assertNotEquals(TrainingConfig.builder().build().toMap().get("mixup"), c.toMap().get("mixup"));

        TrainingConfig seeded = c.withSeed(11);
        assertEquals(11, seeded.seed());
        assertEquals(c, seeded.withSeed(9));
        TrainingConfig longer = c.withEpochs(40);
        assertEquals(40, longer.epochs());
        assertEquals(c, longer.withEpochs(7));

        // copies_per_epoch goes with speed_copies all, so not in everySettingChanged
        TrainingConfig drawn = c.toBuilder().speedCopies(SpeedCopies.ALL).copiesPerEpoch(2).build();
        assertEquals(drawn, drawn.toBuilder().build());
        assertEquals(2, drawn.toMap().get("copies_per_epoch"));
        assertEquals(drawn, drawn.withSeed(11).withSeed(9));
    }

    @Test
    void buildChecksTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder().batchSize(0).build());
        assertEquals("batch_size, epochs, averaging_frequency, length_bucket_pool must be >= 1 and worker_prefetch, "
                + "patience, max_frames >= 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().trimSilenceDb(-1).build());
        assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder().mixup(Double.POSITIVE_INFINITY).build());
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().speedPerturbation(List.of(1.0))
                .build());
        assertThrows(NullPointerException.class, () -> TrainingConfig.builder().normalization(null).build());
    }

    @Test
    void copiesPerEpochDrawsFewerThanTheCopiesAndOnlyBesideEveryRecording() {
        TrainingConfig.Builder four = TrainingConfig.builder().speedPerturbation(List.of(0.9, 1.1))
                .pitchPerturbation(List.of(0.9, 1.1));
        assertEquals(3, four.copiesPerEpoch(3).build().copiesPerEpoch());
        IllegalArgumentException all = assertThrows(IllegalArgumentException.class,
                () -> four.copiesPerEpoch(4).build());
        assertEquals("copies_per_epoch must be 0 (every copy every epoch) or between 1 and the number of copies less "
                + "one (3 for the 4 of speed_perturbation and pitch_perturbation), got 4", all.getMessage());
        assertThrows(IllegalArgumentException.class, () -> four.copiesPerEpoch(-1).build());
        assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder().copiesPerEpoch(1).build(), "no copies to draw from");
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> four.copiesPerEpoch(2).speedCopies(SpeedCopies.ONE).build());
        assertEquals("copies_per_epoch 2 needs speed_copies: all (with speed_copies: one an epoch reads one version of "
                + "each clip)", one.getMessage());
    }
}
