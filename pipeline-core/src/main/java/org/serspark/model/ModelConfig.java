package org.serspark.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that defines a network before training.
 *
 * @param architecture dual or single LSTM
 * @param lstmUnits    units of each LSTM layer, first to last (its size must equal the architecture's layer count)
 * @param dropout      dropout RATE after each LSTM layer (the fraction of activations dropped, 0.3 in the paper;
 *                     DL4J's own API takes the retain probability, 1 - rate)
 * @param denseUnits   units of the ReLU layer before the softmax
 * @param learningRate Adam learning rate
 * @param l2           L2 weight decay coefficient (0 = none)
 * @param seed         weight initialisation and dropout seed
 * @param nFeatures    features per frame (182)
 * @param nClasses     output classes (8 emotions)
 * @param pooling      how the last LSTM layer's frames become one vector per clip: {@link Pooling#LAST} (the paper)
 * @param inputNoise   standard deviation of Gaussian noise added to the (standardised) input frames while training,
 *                     a data augmentation; 0 (the paper) adds none, and prediction never does
 * @param inputMasks   SpecAugment-style masking of the input frames while training ({@link InputMasking}); none in
 *                     the paper
 * @param lstmKernel   how the LSTM layers compute: {@link LstmKernel#FUSED} (the default) or DL4J's own code; the
 *                     same network and results to float rounding, so it does not tell runs apart
 * @param bidirectional every LSTM layer reads the clip both ways (DL4J's {@code Bidirectional}, outputs of the two
 *                      directions concatenated, so a layer of {@code u} units emits {@code 2u}); the paper's are
 *                      forward only
 */
public record ModelConfig(ModelArchitecture architecture, List<Integer> lstmUnits, double dropout, int denseUnits,
                          double learningRate, double l2, long seed, int nFeatures, int nClasses, Pooling pooling,
                          double inputNoise, InputMasks inputMasks, LstmKernel lstmKernel, boolean bidirectional) {

    public static final long DEFAULT_SEED = 42L;

    /** How a clip's frames are summarised after the last LSTM layer; padded frames never count. */
    public enum Pooling {
        /** The output at the clip's last real frame (the paper; Keras {@code return_sequences=False}). */
        LAST,
        /** The mean over the clip's real frames. */
        MEAN,
        /** The per-unit maximum over the clip's real frames. */
        MAX,
        /** A weighted mean over the clip's real frames, weighted by a learned query ({@link AttentionPooling}). */
        ATTENTION,
        /** Each unit's mean and standard deviation over the clip's real frames ({@link StatisticsPooling}). */
        MEAN_STD;

        public static Pooling of(String s) {
            try {
                return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model.pooling must be last, mean, max, attention or mean_std, got '"
                        + s + "'");
            }
        }

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The code that computes the LSTM layers (docs/training.md). */
    public enum LstmKernel {
        /** {@link FusedLstm}: DL4J's LSTM with batched matrix products and Java gate arithmetic (faster on CPU). */
        FUSED,
        /** DL4J's own {@code LSTM} layer code. */
        DL4J;

        public static LstmKernel of(String s) {
            try {
                return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model.lstm_kernel must be fused or dl4j, got '" + s + "'");
            }
        }

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Per clip, {@code timeMasks} spans of up to {@code timeWidth} frames and {@code featureMasks} bands of up to
     * {@code featureWidth} feature columns masked while training.
     */
    public record InputMasks(int timeMasks, int timeWidth, int featureMasks, int featureWidth) {
        public static final InputMasks NONE = new InputMasks(0, 0, 0, 0);

        public InputMasks {
            if (timeMasks < 0 || timeWidth < 0 || featureMasks < 0 || featureWidth < 0) {
                throw new IllegalArgumentException("time_masks, time_mask_width, feature_masks and "
                        + "feature_mask_width must be >= 0");
            }
        }

        /** Whether any frame or feature can be masked. */
        public boolean any() {
            return timeMasks * timeWidth + featureMasks * featureWidth > 0;
        }
    }

    /** Forward LSTM layers (the paper). */
    public ModelConfig(ModelArchitecture architecture, List<Integer> lstmUnits, double dropout, int denseUnits,
                       double learningRate, double l2, long seed, int nFeatures, int nClasses, Pooling pooling,
                       double inputNoise, InputMasks inputMasks, LstmKernel lstmKernel) {
        this(architecture, lstmUnits, dropout, denseUnits, learningRate, l2, seed, nFeatures, nClasses, pooling,
                inputNoise, inputMasks, lstmKernel, false);
    }

    /** No input masks. */
    public ModelConfig(ModelArchitecture architecture, List<Integer> lstmUnits, double dropout, int denseUnits,
                       double learningRate, double l2, long seed, int nFeatures, int nClasses, Pooling pooling,
                       double inputNoise, LstmKernel lstmKernel) {
        this(architecture, lstmUnits, dropout, denseUnits, learningRate, l2, seed, nFeatures, nClasses, pooling,
                inputNoise, InputMasks.NONE, lstmKernel);
    }

    /** The default LSTM kernel, no input masks. */
    public ModelConfig(ModelArchitecture architecture, List<Integer> lstmUnits, double dropout, int denseUnits,
                       double learningRate, double l2, long seed, int nFeatures, int nClasses, Pooling pooling,
                       double inputNoise) {
        this(architecture, lstmUnits, dropout, denseUnits, learningRate, l2, seed, nFeatures, nClasses, pooling,
                inputNoise, LstmKernel.FUSED);
    }

    /** The paper's read-out: the last real frame. */
    public ModelConfig(ModelArchitecture architecture, List<Integer> lstmUnits, double dropout, int denseUnits,
                       double learningRate, double l2, long seed, int nFeatures, int nClasses) {
        this(architecture, lstmUnits, dropout, denseUnits, learningRate, l2, seed, nFeatures, nClasses, Pooling.LAST);
    }

    /** No input noise (the paper). */
    public ModelConfig(ModelArchitecture architecture, List<Integer> lstmUnits, double dropout, int denseUnits,
                       double learningRate, double l2, long seed, int nFeatures, int nClasses, Pooling pooling) {
        this(architecture, lstmUnits, dropout, denseUnits, learningRate, l2, seed, nFeatures, nClasses, pooling, 0.0);
    }

    public ModelConfig {
        lstmUnits = List.copyOf(lstmUnits);
        java.util.Objects.requireNonNull(pooling, "pooling");
        java.util.Objects.requireNonNull(lstmKernel, "lstmKernel");
        java.util.Objects.requireNonNull(inputMasks, "inputMasks");
        if (lstmUnits.size() != architecture.lstmLayers()) {
            throw new IllegalArgumentException(architecture + " has " + architecture.lstmLayers()
                    + " LSTM layer(s) but lstm_units lists " + lstmUnits.size() + ": " + lstmUnits);
        }
        for (int u : lstmUnits) {
            if (u < 1) {
                throw new IllegalArgumentException("lstm_units must be >= 1, got " + lstmUnits);
            }
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (denseUnits < 1 || nFeatures < 1 || nClasses < 2) {
            throw new IllegalArgumentException("dense_units, n_features must be >= 1 and n_classes >= 2");
        }
        if (bidirectional && pooling == Pooling.LAST) {
            // the backward direction's output at the last frame has read one frame; and DL4J 1.0.0-M2's own LSTM
            // code gets the backward direction's gradients wrong under LastTimeStep (checked against finite
            // differences while adding this option)
            throw new IllegalArgumentException("bidirectional LSTM layers need pooling mean, max, attention or "
                    + "mean_std, not last");
        }
        if (bidirectional && lstmKernel == LstmKernel.DL4J) {
            // with the mask kept (MaskedLstm), DL4J's own backprop gets the backward direction's gradients wrong on
            // padded clips (checked against finite differences; the fused kernel agrees with them)
            throw new IllegalArgumentException("bidirectional LSTM layers need lstm_kernel fused: DL4J 1.0.0-M2's own "
                    + "LSTM code computes the backward direction's gradients wrongly on padded clips");
        }
        if (!(inputNoise >= 0) || Double.isInfinite(inputNoise)) {
            throw new IllegalArgumentException("input_noise must be a standard deviation >= 0, got " + inputNoise);
        }
        if (!(learningRate > 0) || l2 < 0) {
            throw new IllegalArgumentException("learning_rate must be > 0 and l2 >= 0, got " + learningRate
                    + ", " + l2);
        }
    }

    /** The paper's settings: LSTM 128 (-> 64), dropout 0.3, dense 64, Adam 1e-3, no L2. */
    public static ModelConfig paper(ModelArchitecture architecture, int nFeatures, int nClasses) {
        List<Integer> units = architecture == ModelArchitecture.DUAL_LSTM ? List.of(128, 64) : List.of(128);
        return new ModelConfig(architecture, units, 0.3, 64, 1e-3, 0.0, DEFAULT_SEED, nFeatures, nClasses);
    }

    /** The same network initialised and dropped out with another seed (members of a seed ensemble). */
    public ModelConfig withSeed(long newSeed) {
        return new ModelConfig(architecture, lstmUnits, dropout, denseUnits, learningRate, l2, newSeed, nFeatures,
                nClasses, pooling, inputNoise, inputMasks, lstmKernel, bidirectional);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new TreeMap<>();
        m.put("architecture", architecture.id());
        m.put("lstm_units", lstmUnits);
        m.put("dropout", dropout);
        m.put("dense_units", denseUnits);
        m.put("learning_rate", learningRate);
        m.put("l2", l2);
        m.put("seed", seed);
        m.put("n_features", nFeatures);
        m.put("n_classes", nClasses);
        m.put("pooling", pooling.id());
        m.put("input_noise", inputNoise);
        m.put("lstm_kernel", lstmKernel.id());
        m.put("time_masks", inputMasks.timeMasks());
        m.put("time_mask_width", inputMasks.timeWidth());
        m.put("feature_masks", inputMasks.featureMasks());
        m.put("feature_mask_width", inputMasks.featureWidth());
        m.put("bidirectional", bidirectional);
        if (bidirectional) {
            // before MaskedLstm the backward directions read the padding: a bidirectional run started then is another
            // computation and must not be resumed or extended with this code (forward networks did not change)
            m.put("bidirectional_padding", "masked");
        }
        return m;
    }
}
