package org.serspark.cv;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.serspark.audio.SpeedPerturbation;
import org.serspark.folds.FoldScheme;
import org.serspark.model.DecisionRule;
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
 * @param ensemble       networks trained per fold and model, member k with seed {@code training.seed + k} (weights,
 *                       dropout, data order and the draw of validation actors: the pair of the run with that seed);
 *                       the fold's test predictions are the mean of their probabilities. 1 = one network, no member
 *                       folders
 * @param testSpeeds     test-time augmentation: each network also scores its test clips played at these speeds (the
 *                       {@code extract --speed} copies, each standardised as a speaker of its own, as in training),
 *                       and a clip's probabilities are the mean over the recording and its copies. Empty: the
 *                       recordings only
 * @param withLastEpoch  each network's test probabilities are the mean of the kept (best validation) epoch's network
 *                       and the last epoch's ({@code checkpoints/last.zip}, where early stopping stopped), each
 *                       scoring every version {@code testSpeeds} asks for. Needs early stopping: without it the two
 *                       are one network
 * @param laterEpochs    {@link LaterEpochs#PROBABILITIES}: each network's test probabilities are the mean of the kept
 *                       epoch's network and those of every epoch after it up to the last ({@code
 *                       checkpoints/epoch-N.zip}), each scoring every version {@code testSpeeds} asks for;
 *                       {@link LaterEpochs#PARAMETERS}: one network with the mean of their parameters scores instead.
 *                       Needs early stopping; includes the last epoch, so not with {@code withLastEpoch}
 * @param decision       how a test clip's emotion is read from each network's probabilities (after the means over
 *                       epochs and speeds, before an ensemble's mean over its networks); {@link DecisionRule#BALANCED}
 *                       divides by the emotions' shares of the fold's training clips. The fold's test_predictions.json
 *                       hold the probabilities as the rule reads them
 */
public record CvOptions(String features, Path output, FoldScheme scheme, List<ModelArchitecture> models,
                        Map<ModelArchitecture, ModelConfig> modelConfigs, TrainingConfig training,
                        int validationActors, long seed, Map<String, Object> provenance, String featureBlocks,
                        int ensemble, List<Double> testSpeeds, boolean withLastEpoch,
                        LaterEpochs laterEpochs, DecisionRule decision) {

    public CvOptions {
        if (ensemble < 1) {
            throw new IllegalArgumentException("training.ensemble must be >= 1 (1 = one network per fold and model), "
                    + "got " + ensemble);
        }
        testSpeeds = checkTestSpeeds(testSpeeds);
        if (withLastEpoch) {
            requireEarlyStopping("training.with_last_epoch", training);
        }
        if (laterEpochs != LaterEpochs.NONE) {
            requireEarlyStopping("training.with_later_epochs", training);
        }
        laterEpochs.checkBeside(withLastEpoch);
    }

    private static void requireEarlyStopping(String key, TrainingConfig training) {
        if (!training.earlyStopping()) {
            throw new IllegalArgumentException(key + " needs early stopping (early_stopping.patience > 0): without "
                    + "it the network kept is the last epoch's");
        }
    }

    /**
     * {@code training.test_speeds} as given, or why not: each a speed {@code extract --speed} can play, none 1, none
     * twice.
     */
    public static List<Double> checkTestSpeeds(List<Double> testSpeeds) {
        return SpeedPerturbation.copies("training.test_speeds", "the copies scored besides the recordings",
                testSpeeds);
    }

    /** Each clip's most probable emotion ({@link DecisionRule#ARGMAX}). */
    public CvOptions(String features, Path output, FoldScheme scheme, List<ModelArchitecture> models,
                     Map<ModelArchitecture, ModelConfig> modelConfigs, TrainingConfig training,
                     int validationActors, long seed, Map<String, Object> provenance, String featureBlocks,
                     int ensemble, List<Double> testSpeeds, boolean withLastEpoch, LaterEpochs laterEpochs) {
        this(features, output, scheme, models, modelConfigs, training, validationActors, seed, provenance,
                featureBlocks, ensemble, testSpeeds, withLastEpoch, laterEpochs, DecisionRule.ARGMAX);
    }

    /** The kept epoch's network, with the last epoch's or not, and no other epochs. */
    public CvOptions(String features, Path output, FoldScheme scheme, List<ModelArchitecture> models,
                     Map<ModelArchitecture, ModelConfig> modelConfigs, TrainingConfig training,
                     int validationActors, long seed, Map<String, Object> provenance, String featureBlocks,
                     int ensemble, List<Double> testSpeeds, boolean withLastEpoch) {
        this(features, output, scheme, models, modelConfigs, training, validationActors, seed, provenance,
                featureBlocks, ensemble, testSpeeds, withLastEpoch, LaterEpochs.NONE);
    }

    /** The kept epoch's network alone. */
    public CvOptions(String features, Path output, FoldScheme scheme, List<ModelArchitecture> models,
                     Map<ModelArchitecture, ModelConfig> modelConfigs, TrainingConfig training,
                     int validationActors, long seed, Map<String, Object> provenance, String featureBlocks,
                     int ensemble, List<Double> testSpeeds) {
        this(features, output, scheme, models, modelConfigs, training, validationActors, seed, provenance,
                featureBlocks, ensemble, testSpeeds, false);
    }

    /** The recordings only, no test-time copies. */
    public CvOptions(String features, Path output, FoldScheme scheme, List<ModelArchitecture> models,
                     Map<ModelArchitecture, ModelConfig> modelConfigs, TrainingConfig training,
                     int validationActors, long seed, Map<String, Object> provenance, String featureBlocks,
                     int ensemble) {
        this(features, output, scheme, models, modelConfigs, training, validationActors, seed, provenance,
                featureBlocks, ensemble, List.of());
    }

    /** One network per fold and model. */
    public CvOptions(String features, Path output, FoldScheme scheme, List<ModelArchitecture> models,
                     Map<ModelArchitecture, ModelConfig> modelConfigs, TrainingConfig training,
                     int validationActors, long seed, Map<String, Object> provenance, String featureBlocks) {
        this(features, output, scheme, models, modelConfigs, training, validationActors, seed, provenance,
                featureBlocks, 1);
    }

    /** Every feature block. */
    public CvOptions(String features, Path output, FoldScheme scheme, List<ModelArchitecture> models,
                     Map<ModelArchitecture, ModelConfig> modelConfigs, TrainingConfig training,
                     int validationActors, long seed, Map<String, Object> provenance) {
        this(features, output, scheme, models, modelConfigs, training, validationActors, seed, provenance,
                org.serspark.features.FeatureSelection.ALL);
    }
}
