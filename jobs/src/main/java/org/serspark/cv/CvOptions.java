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
 * @param featureBlocks  feature blocks the models read ({@code all}, or e.g. {@code mfcc+chroma}; see
 *                       {@link org.serspark.features.FeatureSelection})
 */
public record CvOptions(String features, Path output, FoldScheme scheme, List<ModelArchitecture> models,
                        Map<ModelArchitecture, ModelConfig> modelConfigs, TrainingConfig training,
                        int validationActors, long seed, Map<String, Object> provenance, String featureBlocks) {

    /** Every feature block. */
    public CvOptions(String features, Path output, FoldScheme scheme, List<ModelArchitecture> models,
                     Map<ModelArchitecture, ModelConfig> modelConfigs, TrainingConfig training,
                     int validationActors, long seed, Map<String, Object> provenance) {
        this(features, output, scheme, models, modelConfigs, training, validationActors, seed, provenance,
                org.serspark.features.FeatureSelection.ALL);
    }
}
