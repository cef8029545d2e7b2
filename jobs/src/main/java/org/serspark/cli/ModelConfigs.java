package org.serspark.cli;

import java.util.ArrayList;
import java.util.List;
import org.serspark.conf.ConfigException;
import org.serspark.conf.SersparkConf;
import org.serspark.features.FeatureConfig;
import org.serspark.features.FeatureSelection;
import org.serspark.model.ClassWeights;
import org.serspark.model.DecisionRule;
import org.serspark.model.LearningRateSchedule;
import org.serspark.model.LevelNormalization;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelConfig;
import org.serspark.model.SpeedCopies;
import org.serspark.model.TrainingConfig;
import org.serspark.ravdess.Emotion;

/** The {@code model:} and {@code training:} sections of the configuration as records. */
public final class ModelConfigs {
    private ModelConfigs() {
    }

    public static ModelConfig model(SersparkConf conf, ModelArchitecture arch, int nFeatures) {
        try {
            List<Integer> units = new ArrayList<>();
            conf.node("model.lstm_units").forEach(n -> units.add(n.asInt()));
            if (units.size() < arch.lstmLayers()) {
                throw new IllegalArgumentException("model.lstm_units " + units + " has fewer than the "
                        + arch.lstmLayers() + " layers of " + arch);
            }
            return new ModelConfig(arch, units.subList(0, arch.lstmLayers()), conf.number("model.dropout"),
                    conf.integer("model.dense_units"), conf.number("training.learning_rate"),
                    conf.number("training.l2"), conf.integer("training.seed"), nFeatures, Emotion.COUNT,
                    conf.has("model.pooling") ? ModelConfig.Pooling.of(conf.string("model.pooling"))
                            : ModelConfig.Pooling.LAST,
                    conf.has("model.input_noise") ? conf.number("model.input_noise") : 0.0,
                    new ModelConfig.InputMasks(intOr(conf, "model.time_masks"), intOr(conf, "model.time_mask_width"),
                            intOr(conf, "model.feature_masks"), intOr(conf, "model.feature_mask_width")),
                    conf.has("model.lstm_kernel") ? ModelConfig.LstmKernel.of(conf.string("model.lstm_kernel"))
                            : ModelConfig.LstmKernel.FUSED,
                    conf.has("model.bidirectional") && conf.bool("model.bidirectional"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("model: " + e.getMessage() + " (" + conf.source() + ")");
        }
    }

    /**
     * {@code model.feature_blocks}: the feature blocks the network reads ({@code all}, or e.g.
     * {@code mfcc+chroma+zcr+centroid}) as columns of frames made with {@code features}, followed by their deltas
     * when {@code model.deltas} is 1 or 2 (or the blocks name {@code +delta}; the larger order wins).
     */
    public static FeatureSelection featureBlocks(SersparkConf conf, FeatureConfig features) {
        String spec = conf.has("model.feature_blocks") ? conf.string("model.feature_blocks") : FeatureSelection.ALL;
        FeatureSelection blocks;
        try {
            blocks = FeatureSelection.parse(spec, features);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("model.feature_blocks: " + e.getMessage() + " (" + conf.source() + ")");
        }
        int deltas = intOr(conf, "model.deltas");
        try {
            return deltas > blocks.deltaOrder() ? blocks.withDeltas(deltas) : blocks;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("model." + e.getMessage() + " (" + conf.source() + ")");
        }
    }

    private static int intOr(SersparkConf conf, String key) {
        return conf.has(key) ? conf.integer(key) : 0;
    }

    public static TrainingConfig training(SersparkConf conf) {
        try {
            // the settings every configuration states; the later ones keep the builder's off state when absent
            TrainingConfig.Builder b = TrainingConfig.builder().batchSize(conf.integer("training.batch_size"))
                    .epochs(conf.integer("training.epochs"))
                    .averagingFrequency(conf.integer("training.averaging_frequency"))
                    .workerPrefetch(conf.integer("training.worker_prefetch"))
                    .stoppingMetric(TrainingConfig.StoppingMetric.of(conf.string("training.early_stopping.metric")))
                    .patience(conf.integer("training.early_stopping.patience"))
                    .maxFrames(conf.integer("training.max_frames")).seed(conf.integer("training.seed"))
                    .speedPerturbation(speeds(conf, "training.speed_perturbation"))
                    .pitchPerturbation(speeds(conf, "training.pitch_perturbation"));
            if (conf.has("training.length_bucket_pool")) {
                b.bucketPool(conf.integer("training.length_bucket_pool"));
            }
            if (conf.has("training.normalization")) {
                b.normalization(TrainingConfig.Normalization.of(conf.string("training.normalization")));
            }
            if (conf.has("training.trim_silence_db")) {
                b.trimSilenceDb(conf.number("training.trim_silence_db"));
            }
            if (conf.has("training.lr_schedule")) {
                b.lrSchedule(LearningRateSchedule.of(conf.string("training.lr_schedule")));
            }
            if (conf.has("training.class_weights")) {
                b.classWeights(ClassWeights.of(conf.string("training.class_weights")));
            }
            if (conf.has("training.level_normalization")) {
                b.levelNormalization(LevelNormalization.of(conf.string("training.level_normalization")));
            }
            if (conf.has("training.speed_copies")) {
                b.speedCopies(SpeedCopies.of(conf.string("training.speed_copies")));
            }
            if (conf.has("training.copies_per_epoch")) {
                b.copiesPerEpoch(conf.integer("training.copies_per_epoch"));
            }
            if (conf.has("training.mixup")) {
                b.mixup(conf.number("training.mixup"));
            }
            if (conf.has("training.weight_averaging")) {
                b.weightAveraging(conf.number("training.weight_averaging"));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("training: " + e.getMessage() + " (" + conf.source() + ")");
        }
    }

    /**
     * training.test_speeds, checked ({@link org.serspark.cv.CvOptions#checkTestSpeeds}): the speeds cv and predict
     * also score each test clip at.
     */
    static List<Double> testSpeeds(SersparkConf conf) {
        try {
            return org.serspark.cv.CvOptions.checkTestSpeeds(speeds(conf, "training.test_speeds"));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage() + " (" + conf.source() + ")");
        }
    }

    /**
     * training.with_last_epoch (absent: false): cv and predict average each network's probabilities with its last
     * epoch's network's.
     */
    static boolean withLastEpoch(SersparkConf conf) {
        return conf.has("training.with_last_epoch") && conf.bool("training.with_last_epoch");
    }

    /**
     * training.with_later_epochs (absent: false) and training.later_epochs_mean (absent: probabilities): whether cv
     * and predict also score with the networks of every epoch after the kept one, and whether their probabilities or
     * their parameters are averaged.
     */
    static org.serspark.cv.LaterEpochs laterEpochs(SersparkConf conf) {
        boolean with = conf.has("training.with_later_epochs") && conf.bool("training.with_later_epochs");
        String mean = conf.has("training.later_epochs_mean") ? conf.string("training.later_epochs_mean")
                : "probabilities";
        try {
            return org.serspark.cv.LaterEpochs.of(with, mean);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage() + " (" + conf.source() + ")");
        }
    }

    /** training.decision (absent: argmax): how cv and predict read a clip's emotion from its probabilities. */
    static DecisionRule decision(SersparkConf conf) {
        try {
            return conf.has("training.decision") ? DecisionRule.of(conf.string("training.decision"))
                    : DecisionRule.ARGMAX;
        } catch (IllegalArgumentException e) {
            throw new UserException("training." + e.getMessage() + " (" + conf.source() + ")");
        }
    }

    /** A list of factors, e.g. training.speed_perturbation or pitch_perturbation (absent: none). */
    static List<Double> speeds(SersparkConf conf, String key) {
        List<Double> out = new ArrayList<>();
        if (!conf.has(key)) {
            return out;
        }
        com.fasterxml.jackson.databind.JsonNode node = conf.node(key);
        for (com.fasterxml.jackson.databind.JsonNode n : node.isArray() ? node : List.of(node)) {
            if (!n.isNumber()) {
                throw new IllegalArgumentException(key.substring(key.indexOf('.') + 1)
                        + " must list factors such as [0.9, 1.1], got " + node);
            }
            out.add(n.asDouble());
        }
        return out;
    }

    public static ModelArchitecture architecture(SersparkConf conf, String flag) {
        try {
            return ModelArchitecture.of(flag != null ? flag : conf.string("model.architecture"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
