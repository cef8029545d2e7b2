package org.serspark.conf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSettingsTest {

    @Test
    void aSettingAddedSinceIsTheSameRunOnlyAtItsOldBehaviour() {
        Map<String, Object> before = Map.of("training", Map.of("epochs", 30, "length_bucket_pool", 8),
                "model_configs", List.of(Map.of("dropout", 0.3)));
        Map<String, Object> now = Map.of("training", Map.of("epochs", 30, "length_bucket_pool", 8,
                "normalization", "global", "trim_silence_db", 0), "model_configs",
                List.of(Map.of("dropout", 0.3, "pooling", "last")));
        assertTrue(RunSettings.same(before, now));
        assertFalse(RunSettings.same(before, Map.of("training", Map.of("epochs", 30, "length_bucket_pool", 8,
                "normalization", "speaker"), "model_configs", List.of(Map.of("dropout", 0.3)))));
        // minibatches were random before length buckets existed: the new default 8 is another run
        assertFalse(RunSettings.same(Map.of("epochs", 30), Map.of("epochs", 30, "length_bucket_pool", 8)));
        assertTrue(RunSettings.same(Map.of("epochs", 30), Map.of("epochs", 30, "length_bucket_pool", 1)));
    }

    @Test
    void theLstmKernelNeverTellsRunsApart() {
        Map<String, Object> dl4j = Map.of("dropout", 0.3, "lstm_kernel", "dl4j");
        Map<String, Object> fused = Map.of("dropout", 0.3, "lstm_kernel", "fused");
        Map<String, Object> before = Map.of("dropout", 0.3);
        assertTrue(RunSettings.same(dl4j, fused));
        assertTrue(RunSettings.same(before, fused), "a run from before the kernel existed resumes fused");
        assertTrue(RunSettings.same(fused, before));
        assertFalse(RunSettings.same(dl4j, Map.of("dropout", 0.5, "lstm_kernel", "dl4j")), "other settings still count");
    }

    @Test
    void aRunThatPrefetchedResumesWithoutPrefetching() {
        // runs before 2026-12-06's fourth session prefetched two minibatches; the default is now none
        Map<String, Object> before = Map.of("training_config", Map.of("batch_size", 32, "worker_prefetch", 2));
        Map<String, Object> now = Map.of("training_config", Map.of("batch_size", 32, "worker_prefetch", 0));
        assertTrue(RunSettings.same(before, now));
        assertFalse(RunSettings.same(before, Map.of("training_config", Map.of("batch_size", 16, "worker_prefetch", 0))));
    }

    @Test
    void aRunFromBeforeWeightAveragingResumesWithoutItOnly() {
        // what TrainingConfig records today, less weight_averaging: a run of 2026-12-06's fourth session
        org.serspark.model.TrainingConfig off = org.serspark.model.TrainingConfig.builder().epochs(40)
                .patience(8).build();
        Map<String, Object> before = new java.util.TreeMap<>(off.toMap());
        before.remove("weight_averaging");
        assertTrue(RunSettings.same(before, off.toMap()));
        Map<String, Object> averaged = new java.util.TreeMap<>(off.toMap());
        averaged.put("weight_averaging", 0.5);
        assertFalse(RunSettings.same(before, averaged));
    }

    @Test
    void aBidirectionalRunFromBeforeMaskedLstmIsAnotherRunAForwardOneIsNot() {
        org.serspark.model.ModelConfig forward = new org.serspark.model.ModelConfig(
                org.serspark.model.ModelArchitecture.DUAL_LSTM, List.of(8, 4), 0.3, 6, 1e-3, 0, 7, 6, 8,
                org.serspark.model.ModelConfig.Pooling.MEAN, 0, org.serspark.model.ModelConfig.InputMasks.NONE,
                org.serspark.model.ModelConfig.LstmKernel.FUSED, false);
        org.serspark.model.ModelConfig bidirectional = new org.serspark.model.ModelConfig(
                org.serspark.model.ModelArchitecture.DUAL_LSTM, List.of(8, 4), 0.3, 6, 1e-3, 0, 7, 6, 8,
                org.serspark.model.ModelConfig.Pooling.MEAN, 0, org.serspark.model.ModelConfig.InputMasks.NONE,
                org.serspark.model.ModelConfig.LstmKernel.FUSED, true);
        Map<String, Object> oldBidirectional = new java.util.TreeMap<>(bidirectional.toMap());
        oldBidirectional.remove("bidirectional_padding");
        assertFalse(RunSettings.same(oldBidirectional, bidirectional.toMap()));
        assertTrue(RunSettings.same(bidirectional.toMap(), bidirectional.toMap()));
        assertFalse(forward.toMap().containsKey("bidirectional_padding"), "forward runs resume as before");
    }

    @Test
    void changedRemovedOrUnknownSettingsAreAnotherRun() {
        assertFalse(RunSettings.same(Map.of("epochs", 30), Map.of("epochs", 20)));
        assertFalse(RunSettings.same(Map.of("epochs", 30, "l2", 0.0), Map.of("epochs", 30)));
        assertFalse(RunSettings.same(Map.of("epochs", 30), Map.of("epochs", 30, "something_new", 0)));
        assertFalse(RunSettings.same(List.of(1, 2), List.of(1)));
        assertTrue(RunSettings.same(Map.of("lr", 1e-3, "units", List.of(128, 64)),
                Map.of("lr", 0.001, "units", List.of(128, 64))));
        assertTrue(RunSettings.same(Map.of("trim_silence_db", 0), Map.of("trim_silence_db", 0.0)));
    }
}
