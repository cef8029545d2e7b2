package org.serspark.cv;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.serspark.folds.FoldScheme;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;

/**
 * One cross-validation run.
 *
 * @param models         the architectures to compare; every one sees the same folds, seeds and epochs
 * @param modelConfigs   network settings per architecture (from the profile)
 * @param validationActors how many of each fold's training actors validate (learning curve, early stopping)
 * @param provenance     recorded in metrics.json (resolved configuration, profile)
 */
public record CvOptions(String features, Path output, FoldScheme scheme, List<ModelArchitecture> models,
                        Map<ModelArchitecture, ModelConfig> modelConfigs, TrainingConfig training,
                        int validationActors, long seed, Map<String, Object> provenance) {
}
