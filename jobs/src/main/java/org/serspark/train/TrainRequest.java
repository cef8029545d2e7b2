package org.serspark.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.SortedSet;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;

/**
 * One training run.
 *
 * @param output     run folder on the driver: checkpoints, learning curve, {@code model.zip}, {@code _SUCCESS}
 * @param mode       what to do when {@code output} already holds a run
 * @param provenance extra facts recorded in the bundle and metrics (resolved configuration, fold, ...)
 */
public record TrainRequest(FeatureDataset data, ClipSelection train, ClipSelection validation,
                           ModelConfig model, TrainingConfig training, Path output, Mode mode,
                           Map<String, Object> provenance) {

    /** What to do with an existing run folder. */
    public enum Mode { FAIL_IF_EXISTS, RESUME, OVERWRITE }

    public TrainRequest {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training clips");
        }
        if (train.include() == null && validation.include() == null) {
            for (int a : validation.actors()) {
                if (train.actors().contains(a)) {
                    throw new IllegalArgumentException("actor " + a + " is both a training and a validation actor");
                }
            }
        }
    }

    /** Speaker-independent runs: training and validation by actor. */
    public static TrainRequest byActors(FeatureDataset data, SortedSet<Integer> trainActors,
                                        SortedSet<Integer> valActors, ModelConfig model, TrainingConfig training,
                                        Path output, Mode mode, Map<String, Object> provenance) {
        return new TrainRequest(data, ClipSelection.actors(trainActors), ClipSelection.actors(valActors), model,
                training, output, mode, provenance);
    }
}
