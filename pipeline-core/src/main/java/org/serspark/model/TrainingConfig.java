package org.serspark.model;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a network is trained (the network itself is a {@link ModelConfig}).
 *
 * @param batchSize          minibatch size per worker
 * @param epochs             maximum epochs
 * @param averagingFrequency minibatches each worker fits between parameter averages (1 = average after every one)
 * @param workerPrefetch     minibatches prefetched asynchronously per worker (0 = none)
 * @param stoppingMetric     what early stopping watches on the validation actors
 * @param patience           epochs without improvement before stopping; 0 = train all epochs and keep the last
 * @param maxFrames          clips longer than this keep their first frames (0 = no limit)
 * @param seed               data order and validation-actor choice
 * @param bucketPool         minibatches per length-sorting pool ({@link LengthBuckets}); 1 = random minibatches
 * @param normalization      what the features are standardised against before the training-set normaliser
 * @param trimSilenceDb      leading and trailing frames this many dB below the clip's loudest are dropped
 *                           ({@link SilenceTrim}); 0 keeps every frame
 * @param lrSchedule         the learning rate of each epoch ({@link LearningRateSchedule})
 * @param classWeights       how the loss weighs each class ({@link ClassWeights}), from the training clips' labels
 * @param speedPerturbation  the training clips are also read played this many times as fast (e.g. 0.9 and 1.1,
 *                           {@link org.serspark.audio.SpeedPerturbation}), each copy standardised as a speaker of
 *                           its own; validation and test clips never are. Empty: the clips as recorded only
 * @param levelNormalization  each clip brought to the same level after trimming ({@link LevelNormalization})
 * @param speedCopies        how many of a clip's versions (as recorded and each copy) an epoch reads
 * @param mixup              alpha of {@link Mixup} on the training minibatches; 0 = none
 * @param weightAveraging    decay of {@link WeightAverage}, the epochs' moving average of the parameters that is
 *                           validated and kept; 0 = none (the parameters themselves)
 * @param pitchPerturbation  the training clips are also read with their pitch made this many times as high at the
 *                           same duration (e.g. 0.9 and 1.1, {@link org.serspark.audio.PitchShift}), each copy a
 *                           speaker of its own as with {@code speedPerturbation}, after whose copies they come.
 *                           Empty: none
 * @param copiesPerEpoch     with {@code speedCopies} ALL: 0 = every copy every epoch; k = each clip as recorded and
 *                           k of its copies ({@link #copies()}), drawn per clip and epoch
 *                           ({@link SpeedCopies#drawnCopies}): more kinds of copies at the cost of fewer
 */
public record TrainingConfig(int batchSize, int epochs, int averagingFrequency, int workerPrefetch,
                             StoppingMetric stoppingMetric, int patience, int maxFrames, long seed, int bucketPool,
                             Normalization normalization, double trimSilenceDb, LearningRateSchedule lrSchedule,
                             ClassWeights classWeights, java.util.List<Double> speedPerturbation,
                             LevelNormalization levelNormalization, SpeedCopies speedCopies, double mixup,
                             double weightAveraging, java.util.List<Double> pitchPerturbation,
                             int copiesPerEpoch) {

    /**
     * {@code GLOBAL}: one per-feature mean and deviation from the training actors' frames (the paper's scaler).
     * {@code SPEAKER}: first each speaker's own per-feature mean and deviation over all of that speaker's clips
     * (labels unused, so test speakers are standardised with their own statistics too: unsupervised speaker
     * adaptation), then the global normaliser on top. Removes voice and recording level differences between actors,
     * but a speaker's mean is the middle of its emotions only when its clips span them evenly, as RAVDESS's do.
     * {@code CLIP}: first each clip's own per-feature mean and deviation over its frames, then the global normaliser:
     * no clip depends on any other (nothing assumed about a speaker's clips), at the cost of each clip's own mean
     * level, pitch and timbre, which carry emotion too.
     */
    public enum Normalization {
        GLOBAL, SPEAKER, CLIP;

        public static Normalization of(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("normalization must be global, speaker or clip, got '" + s + "'");
            }
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Early-stopping criterion. */
    public enum StoppingMetric {
        UAR, LOSS;

        public static StoppingMetric of(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("early_stopping.metric must be uar or loss, got '" + s + "'");
            }
        }

        /** True when {@code candidate} is better than {@code best}. */
        public boolean better(double candidate, double best) {
            return this == UAR ? candidate > best : candidate < best;
        }

        public double worst() {
            return this == UAR ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
    }

    public TrainingConfig {
        java.util.Objects.requireNonNull(normalization, "normalization");
        java.util.Objects.requireNonNull(lrSchedule, "lrSchedule");
        java.util.Objects.requireNonNull(classWeights, "classWeights");
        java.util.Objects.requireNonNull(levelNormalization, "levelNormalization");
        java.util.Objects.requireNonNull(speedCopies, "speedCopies");
        speedPerturbation = org.serspark.audio.SpeedPerturbation.copies("speed_perturbation",
                "the copies added to the clips as recorded", speedPerturbation);
        pitchPerturbation = org.serspark.audio.PitchShift.copies(pitchPerturbation);
        if (!(trimSilenceDb >= 0)) {
            throw new IllegalArgumentException("trim_silence_db must be >= 0 (0 = keep every frame), got "
                    + trimSilenceDb);
        }
        if (!(mixup >= 0) || Double.isInfinite(mixup)) {
            throw new IllegalArgumentException("mixup must be >= 0 (the Beta(alpha, alpha) parameter; 0 = none), got "
                    + mixup);
        }
        if (!(weightAveraging >= 0 && weightAveraging < 1)) {
            throw new IllegalArgumentException("weight_averaging must be >= 0 and < 1 (the weight of the previous "
                    + "epochs' average; 0 = none), got " + weightAveraging);
        }
        int nCopies = org.serspark.audio.Perturbation.copies(speedPerturbation, pitchPerturbation).size();
        if (copiesPerEpoch < 0 || copiesPerEpoch > 0 && copiesPerEpoch >= nCopies) {
            throw new IllegalArgumentException("copies_per_epoch must be 0 (every copy every epoch) or between 1 and "
                    + "the number of copies less one (" + (nCopies - 1) + " for the " + nCopies
                    + " of speed_perturbation and pitch_perturbation), got " + copiesPerEpoch);
        }
        if (copiesPerEpoch > 0 && speedCopies != SpeedCopies.ALL) {
            throw new IllegalArgumentException("copies_per_epoch " + copiesPerEpoch + " needs speed_copies: all (with "
                    + "speed_copies: " + speedCopies.id() + " an epoch reads one version of each clip)");
        }
        if (batchSize < 1 || epochs < 1 || averagingFrequency < 1 || workerPrefetch < 0 || patience < 0
                || maxFrames < 0 || bucketPool < 1) {
            throw new IllegalArgumentException("batch_size, epochs, averaging_frequency, length_bucket_pool must be "
                    + ">= 1 and worker_prefetch, patience, max_frames >= 0");
        }
    }

    public TrainingConfig withEpochs(int n) {
        return toBuilder().epochs(n).build();
    }

    /** The same training with another data-order seed (members of a seed ensemble). */
    public TrainingConfig withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    /**
     * Every setting at its default: conf/serspark.yaml's for the ones every configuration states, and for each
     * setting added since, the value that trains as before it existed (no trimming, no schedule, no copies...).
     */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().batchSize(batchSize).epochs(epochs).averagingFrequency(averagingFrequency)
                .workerPrefetch(workerPrefetch).stoppingMetric(stoppingMetric).patience(patience).maxFrames(maxFrames)
                .seed(seed).bucketPool(bucketPool).normalization(normalization).trimSilenceDb(trimSilenceDb)
                .lrSchedule(lrSchedule).classWeights(classWeights).speedPerturbation(speedPerturbation)
                .levelNormalization(levelNormalization).speedCopies(speedCopies).mixup(mixup)
                .weightAveraging(weightAveraging).pitchPerturbation(pitchPerturbation)
                .copiesPerEpoch(copiesPerEpoch);
    }

    /** The copies of each training clip an epoch may read besides the recording: speeds first, then pitches. */
    public java.util.List<org.serspark.audio.Perturbation> copies() {
        return org.serspark.audio.Perturbation.copies(speedPerturbation, pitchPerturbation);
    }

    /** Builds a {@link TrainingConfig}; {@link #build()} checks the values. Setters are named as the components. */
    public static final class Builder {
        private int batchSize = 32;
        private int epochs = 30;
        private int averagingFrequency = 5;
        private int workerPrefetch = 0;
        private StoppingMetric stoppingMetric = StoppingMetric.UAR;
        private int patience = 0;
        private int maxFrames = 0;
        private long seed = 42;
        private int bucketPool = 8;
        private Normalization normalization = Normalization.GLOBAL;
        private double trimSilenceDb = 0;
        private LearningRateSchedule lrSchedule = LearningRateSchedule.CONSTANT;
        private ClassWeights classWeights = ClassWeights.NONE;
        private java.util.List<Double> speedPerturbation = java.util.List.of();
        private LevelNormalization levelNormalization = LevelNormalization.NONE;
        private SpeedCopies speedCopies = SpeedCopies.ALL;
        private double mixup = 0;
        private double weightAveraging = 0;
        private java.util.List<Double> pitchPerturbation = java.util.List.of();
        private int copiesPerEpoch = 0;

        private Builder() {
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder averagingFrequency(int v) {
            averagingFrequency = v;
            return this;
        }

        public Builder workerPrefetch(int v) {
            workerPrefetch = v;
            return this;
        }

        public Builder stoppingMetric(StoppingMetric v) {
            stoppingMetric = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder maxFrames(int v) {
            maxFrames = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder bucketPool(int v) {
            bucketPool = v;
            return this;
        }

        public Builder normalization(Normalization v) {
            normalization = v;
            return this;
        }

        public Builder trimSilenceDb(double v) {
            trimSilenceDb = v;
            return this;
        }

        public Builder lrSchedule(LearningRateSchedule v) {
            lrSchedule = v;
            return this;
        }

        public Builder classWeights(ClassWeights v) {
            classWeights = v;
            return this;
        }

        public Builder speedPerturbation(java.util.List<Double> v) {
            speedPerturbation = v;
            return this;
        }

        public Builder pitchPerturbation(java.util.List<Double> v) {
            pitchPerturbation = v;
            return this;
        }

        public Builder levelNormalization(LevelNormalization v) {
            levelNormalization = v;
            return this;
        }

        public Builder speedCopies(SpeedCopies v) {
            speedCopies = v;
            return this;
        }

        public Builder mixup(double v) {
            mixup = v;
            return this;
        }

        public Builder weightAveraging(double v) {
            weightAveraging = v;
            return this;
        }

        public Builder copiesPerEpoch(int v) {
            copiesPerEpoch = v;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(batchSize, epochs, averagingFrequency, workerPrefetch, stoppingMetric,
                    patience, maxFrames, seed, bucketPool, normalization, trimSilenceDb, lrSchedule, classWeights,
                    speedPerturbation, levelNormalization, speedCopies, mixup, weightAveraging, pitchPerturbation,
                    copiesPerEpoch);
        }
    }

    /** The minibatch mixup, or null without it. */
    public Mixup mixupOrNull() {
        return mixup > 0 ? new Mixup(mixup) : null;
    }

    /** The epochs' average of the parameters, or null without it. */
    public WeightAverage weightAverageOrNull() {
        return weightAveraging > 0 ? new WeightAverage(weightAveraging) : null;
    }

    public boolean earlyStopping() {
        return patience > 0;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new TreeMap<>();
        m.put("batch_size", batchSize);
        m.put("epochs", epochs);
        m.put("averaging_frequency", averagingFrequency);
        m.put("worker_prefetch", workerPrefetch);
        m.put("early_stopping_metric", stoppingMetric.name().toLowerCase(Locale.ROOT));
        m.put("patience", patience);
        m.put("max_frames", maxFrames);
        m.put("seed", seed);
        m.put("length_bucket_pool", bucketPool);
        m.put("normalization", normalization.id());
        m.put("trim_silence_db", trimSilenceDb);
        m.put("lr_schedule", lrSchedule.id());
        m.put("class_weights", classWeights.id());
        m.put("speed_perturbation", speedPerturbation);
        m.put("pitch_perturbation", pitchPerturbation);
        m.put("level_normalization", levelNormalization.id());
        m.put("speed_copies", speedCopies.id());
        m.put("copies_per_epoch", copiesPerEpoch);
        m.put("mixup", mixup);
        m.put("weight_averaging", weightAveraging);
        return m;
    }
}
