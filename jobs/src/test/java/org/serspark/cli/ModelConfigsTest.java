package org.serspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.serspark.conf.ConfigException;
import org.serspark.conf.SersparkConf;
import org.serspark.model.ClassWeights;
import org.serspark.model.LearningRateSchedule;
import org.serspark.model.LevelNormalization;
import org.serspark.model.SpeedCopies;
import org.serspark.model.TrainingConfig;

class ModelConfigsTest {

    @Test
    void everyTrainingKeyReachesItsSetting() {
        SersparkConf conf = SersparkConf.defaults().with("training.batch_size", 16).with("training.epochs", 7)
                .with("training.averaging_frequency", 2).with("training.worker_prefetch", 3)
                .with("training.early_stopping.metric", "loss").with("training.early_stopping.patience", 4)
                .with("training.max_frames", 500).with("training.seed", 9).with("training.length_bucket_pool", 3)
                .with("training.normalization", "speaker").with("training.trim_silence_db", 35)
                .with("training.lr_schedule", "cosine").with("training.class_weights", "balanced")
                .with("training.speed_perturbation", List.of(0.9, 1.1))
                .with("training.level_normalization", "clip").with("training.speed_copies", "one")
                .with("training.mixup", 0.2).with("training.weight_averaging", 0.5);
        assertEquals(TrainingConfig.builder().batchSize(16).epochs(7).averagingFrequency(2).workerPrefetch(3)
                .stoppingMetric(TrainingConfig.StoppingMetric.LOSS).patience(4).maxFrames(500).seed(9).bucketPool(3)
                .normalization(TrainingConfig.Normalization.SPEAKER).trimSilenceDb(35)
                .lrSchedule(LearningRateSchedule.COSINE).classWeights(ClassWeights.BALANCED)
                .speedPerturbation(List.of(0.9, 1.1)).levelNormalization(LevelNormalization.CLIP)
                .speedCopies(SpeedCopies.ONE).mixup(0.2).weightAveraging(0.5).build(), ModelConfigs.training(conf));
        // with speed_copies all only
        assertEquals(1, ModelConfigs.training(conf.with("training.speed_copies", "all")
                .with("training.copies_per_epoch", 1)).copiesPerEpoch());
    }

    @Test
    void theShippedDefaultsAreTheBuildersAndABadValueNamesTheFile() {
        assertEquals(TrainingConfig.builder().build(), ModelConfigs.training(SersparkConf.defaults()));

        ConfigException e = assertThrows(ConfigException.class,
                () -> ModelConfigs.training(SersparkConf.defaults().with("training.mixup", -1)));
        assertTrue(e.getMessage().startsWith("training: mixup must be >= 0"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(" + SersparkConf.defaults().source() + ")"), e.getMessage());
    }
}
