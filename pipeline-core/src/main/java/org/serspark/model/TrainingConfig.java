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
 * @param speedCopies        how many of a clip's versions (as recorded and at each speed) an epoch reads
 * @param mixup              alpha of {@link Mixup} on the training minibatches; 0 = none
 * @param weightAveraging    decay of {@link WeightAverage}, the epochs' moving average of the parameters that is
 *                           validated and kept; 0 = none (the parameters themselves)
 */
public record TrainingConfig(int batchSize, int epochs, int averagingFrequency, int workerPrefetch,
                             StoppingMetric stoppingMetric, int patience, int maxFrames, long seed, int bucketPool,
                             Normalization normalization, double trimSilenceDb, LearningRateSchedule lrSchedule,
                             ClassWeights classWeights, java.util.List<Double> speedPerturbation,
                             LevelNormalization levelNormalization, SpeedCopies speedCopies, double mixup,
                             double weightAveraging) {

    /** No weight averaging. */
    public TrainingConfig(int batchSize, int epochs, int averagingFrequency, int workerPrefetch,
                          StoppingMetric stoppingMetric, int patience, int maxFrames, long seed, int bucketPool,
                          Normalization normalization, double trimSilenceDb, LearningRateSchedule lrSchedule,
                          ClassWeights classWeights, java.util.List<Double> speedPerturbation,
                          LevelNormalization levelNormalization, SpeedCopies speedCopies, double mixup) {
        this(batchSize, epochs, averagingFrequency, workerPrefetch, stoppingMetric, patience, maxFrames, seed,
                bucketPool, normalization, trimSilenceDb, lrSchedule, classWeights, speedPerturbation,
                levelNormalization, speedCopies, mixup, 0);
    }

    /** No mixup. */
    public TrainingConfig(int batchSize, int epochs, int averagingFrequency, int workerPrefetch,
                          StoppingMetric stoppingMetric, int patience, int maxFrames, long seed, int bucketPool,
                          Normalization normalization, double trimSilenceDb, LearningRateSchedule lrSchedule,
                          ClassWeights classWeights, java.util.List<Double> speedPerturbation,
                          LevelNormalization levelNormalization, SpeedCopies speedCopies) {
        this(batchSize, epochs, averagingFrequency, workerPrefetch, stoppingMetric, patience, maxFrames, seed,
                bucketPool, normalization, trimSilenceDb, lrSchedule, classWeights, speedPerturbation,
                levelNormalization, speedCopies, 0);
    }

    /** Every speed copy every epoch. */
    public TrainingConfig(int batchSize, int epochs, int averagingFrequency, int workerPrefetch,
                          StoppingMetric stoppingMetric, int patience, int maxFrames, long seed, int bucketPool,
                          Normalization normalization, double trimSilenceDb, LearningRateSchedule lrSchedule,
                          ClassWeights classWeights, java.util.List<Double> speedPerturbation,
                          LevelNormalization levelNormalization) {
        this(batchSize, epochs, averagingFrequency, workerPrefetch, stoppingMetric, patience, maxFrames, seed,
                bucketPool, normalization, trimSilenceDb, lrSchedule, classWeights, speedPerturbation,
                levelNormalization, SpeedCopies.ALL);
    }

    /** Levels as recorded. */
    public TrainingConfig(int batchSize, int epochs, int averagingFrequency, int workerPrefetch,
                          StoppingMetric stoppingMetric, int patience, int maxFrames, long seed, int bucketPool,
                          Normalization normalization, double trimSilenceDb, LearningRateSchedule lrSchedule,
                          ClassWeights classWeights, java.util.List<Double> speedPerturbation) {
        this(batchSize, epochs, averagingFrequency, workerPrefetch, stoppingMetric, patience, maxFrames, seed,
                bucketPool, normalization, trimSilenceDb, lrSchedule, classWeights, speedPerturbation,
                LevelNormalization.NONE);
    }

    /** The clips as recorded only. */
    public TrainingConfig(int batchSize, int epochs, int averagingFrequency, int workerPrefetch,
                          StoppingMetric stoppingMetric, int patience, int maxFrames, long seed, int bucketPool,
                          Normalization normalization, double trimSilenceDb, LearningRateSchedule lrSchedule,
                          ClassWeights classWeights) {
        this(batchSize, epochs, averagingFrequency, workerPrefetch, stoppingMetric, patience, maxFrames, seed,
                bucketPool, normalization, trimSilenceDb, lrSchedule, classWeights, java.util.List.of());
    }

    /**
     * {@code GLOBAL}: one per-feature mean and deviation from the training actors' frames (the paper's scaler).
     * {@code SPEAKER}: first each speaker's own per-feature mean and deviation over all of that speaker's clips
     * (labels unused, so test speakers are standardised with their own statistics too: unsupervised speaker
     * adaptation), then the global normaliser on top. Removes voice and recording level differences between actors.
     */
    public enum Normalization {
        GLOBAL, SPEAKER;

        public static Normalization of(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("normalization must be global or speaker, got '" + s + "'");
            }
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An unweighted loss. */
    public TrainingConfig(int batchSize, int epochs, int averagingFrequency, int workerPrefetch,
                          StoppingMetric stoppingMetric, int patience, int maxFrames, long seed, int bucketPool,
                          Normalization normalization, double trimSilenceDb, LearningRateSchedule lrSchedule) {
        this(batchSize, epochs, averagingFrequency, workerPrefetch, stoppingMetric, patience, maxFrames, seed,
                bucketPool, normalization, trimSilenceDb, lrSchedule, ClassWeights.NONE);
    }

    /** A constant learning rate. */
    public TrainingConfig(int batchSize, int epochs, int averagingFrequency, int workerPrefetch,
                          StoppingMetric stoppingMetric, int patience, int maxFrames, long seed, int bucketPool,
                          Normalization normalization, double trimSilenceDb) {
        this(batchSize, epochs, averagingFrequency, workerPrefetch, stoppingMetric, patience, maxFrames, seed,
                bucketPool, normalization, trimSilenceDb, LearningRateSchedule.CONSTANT);
    }

    /** Minibatches per length-sorting pool when the configuration does not say. */
    public static final int DEFAULT_BUCKET_POOL = 8;

    /** The defaults of every setting added since: length buckets, global normalisation, no trimming. */
    public TrainingConfig(int batchSize, int epochs, int averagingFrequency, int workerPrefetch,
                          StoppingMetric stoppingMetric, int patience, int maxFrames, long seed) {
        this(batchSize, epochs, averagingFrequency, workerPrefetch, stoppingMetric, patience, maxFrames, seed,
                DEFAULT_BUCKET_POOL, Normalization.GLOBAL, 0);
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
        if (batchSize < 1 || epochs < 1 || averagingFrequency < 1 || workerPrefetch < 0 || patience < 0
                || maxFrames < 0 || bucketPool < 1) {
            throw new IllegalArgumentException("batch_size, epochs, averaging_frequency, length_bucket_pool must be "
                    + ">= 1 and worker_prefetch, patience, max_frames >= 0");
        }
    }

    public TrainingConfig withEpochs(int n) {
        return new TrainingConfig(batchSize, n, averagingFrequency, workerPrefetch, stoppingMetric, patience,
                maxFrames, seed, bucketPool, normalization, trimSilenceDb, lrSchedule, classWeights,
                speedPerturbation, levelNormalization, speedCopies, mixup, weightAveraging);
    }

    /** The same training with another data-order seed (members of a seed ensemble). */
    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(batchSize, epochs, averagingFrequency, workerPrefetch, stoppingMetric, patience,
                maxFrames, newSeed, bucketPool, normalization, trimSilenceDb, lrSchedule, classWeights,
                speedPerturbation, levelNormalization, speedCopies, mixup, weightAveraging);
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
        m.put("level_normalization", levelNormalization.id());
        m.put("speed_copies", speedCopies.id());
        m.put("mixup", mixup);
        m.put("weight_averaging", weightAveraging);
        return m;
    }
}
