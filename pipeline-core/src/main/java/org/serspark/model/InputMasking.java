package org.serspark.model;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * SpecAugment-style masking of the first LSTM layer's input while training (Park et al. 2019, without time
 * warping): per clip, {@code timeMasks} spans of up to {@code timeWidth} consecutive frames and {@code featureMasks}
 * bands of up to {@code featureWidth} adjacent feature columns are set to 0, which is the training actors' mean of
 * the standardised features. Widths are uniform in [0, max] and positions uniform over the minibatch's frames and
 * the features, drawn from ND4J's random generator (seeded with the network). Gaussian noise of standard deviation
 * {@code noise} ({@code model.input_noise}) is added before masking, so both augmentations can be combined on the one
 * input a DL4J layer has. Prediction never masks (DL4J applies a layer's {@link IDropout} only while training).
 *
 * <p>Like {@link ThreadSafeDropout}, the mask of the last forward pass is kept per thread: Spark worker threads
 * share configuration objects in local mode.
 */
public final class InputMasking implements IDropout {
    private static final long serialVersionUID = 1L;

    private final int timeMasks;
    private final int timeWidth;
    private final int featureMasks;
    private final int featureWidth;
    private final double noise;
    @JsonIgnore
    private transient volatile ThreadLocal<INDArray[]> lastMask;

    @JsonCreator
    public InputMasking(@JsonProperty("timeMasks") int timeMasks, @JsonProperty("timeWidth") int timeWidth,
                        @JsonProperty("featureMasks") int featureMasks, @JsonProperty("featureWidth") int featureWidth,
                        @JsonProperty("noise") double noise) {
        if (timeMasks < 0 || timeWidth < 0 || featureMasks < 0 || featureWidth < 0 || !(noise >= 0)) {
            throw new IllegalArgumentException("mask counts, widths and noise must be >= 0");
        }
        this.timeMasks = timeMasks;
        this.timeWidth = timeWidth;
        this.featureMasks = featureMasks;
        this.featureWidth = featureWidth;
        this.noise = noise;
    }

    @JsonProperty("timeMasks")
    public int getTimeMasks() {
        return timeMasks;
    }

    @JsonProperty("timeWidth")
    public int getTimeWidth() {
        return timeWidth;
    }

    @JsonProperty("featureMasks")
    public int getFeatureMasks() {
        return featureMasks;
    }

    @JsonProperty("featureWidth")
    public int getFeatureWidth() {
        return featureWidth;
    }

    @JsonProperty("noise")
    public double getNoise() {
        return noise;
    }

    private INDArray[] slot() {
        ThreadLocal<INDArray[]> m = lastMask;
        if (m == null) {
            synchronized (this) {
                m = lastMask;
                if (m == null) {
                    m = ThreadLocal.withInitial(() -> new INDArray[1]);
                    lastMask = m;
                }
            }
        }
        return m.get();
    }

    /** The 0/1 mask for a [examples, features, frames] input, [example][feature][frame] ('c' order). */
    float[] mask(long[] shape, Random rng) {
        int nb = (int) shape[0];
        int nf = (int) shape[1];
        int nt = (int) shape[2];
        float[] m = new float[nb * nf * nt]; // 'c' order: [example][feature][frame]
        java.util.Arrays.fill(m, 1f);
        for (int b = 0; b < nb; b++) {
            int base = b * nf * nt;
            for (int k = 0; k < timeMasks; k++) {
                int w = rng.nextInt(Math.min(timeWidth, nt) + 1);
                int t0 = rng.nextInt(nt - w + 1);
                for (int f = 0; f < nf; f++) {
                    java.util.Arrays.fill(m, base + f * nt + t0, base + f * nt + t0 + w, 0f);
                }
            }
            for (int k = 0; k < featureMasks; k++) {
                int w = rng.nextInt(Math.min(featureWidth, nf) + 1);
                int f0 = rng.nextInt(nf - w + 1);
                java.util.Arrays.fill(m, base + f0 * nt, base + (f0 + w) * nt, 0f);
            }
        }
        return m;
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray result, int iteration, int epoch,
                                 LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("input masking needs [examples, features, frames], got rank "
                    + input.rank());
        }
        // the INPUT workspace lives through the backward pass (DL4J's Dropout keeps its mask there too)
        INDArray mask = workspaceMgr.createUninitialized(ArrayType.INPUT, DataType.FLOAT, input.shape(), 'c');
        FusedLstmHelper.write(mask, mask(input.shape(), Nd4j.getRandom()));
        if (input.dataType() != DataType.FLOAT) {
            mask = mask.castTo(input.dataType());
        }
        slot()[0] = mask;
        result.assign(input);
        if (noise > 0) {
            result.addi(Nd4j.randn(input.dataType(), input.shape()).muli(noise));
        }
        return result.muli(mask);
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        INDArray[] s = slot();
        if (s[0] == null) {
            throw new IllegalStateException("input mask absent: backprop without a training forward pass");
        }
        gradAtInput.assign(gradAtOutput).muli(s[0]);
        return gradAtInput;
    }

    @Override
    public void clear() {
        slot()[0] = null;
    }

    @Override
    public IDropout clone() {
        return new InputMasking(timeMasks, timeWidth, featureMasks, featureWidth, noise);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputMasking x && x.timeMasks == timeMasks && x.timeWidth == timeWidth
                && x.featureMasks == featureMasks && x.featureWidth == featureWidth && x.noise == noise;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(timeMasks, timeWidth, featureMasks, featureWidth, noise);
    }

    @Override
    public String toString() {
        return "InputMasking(time " + timeMasks + " x " + timeWidth + ", features " + featureMasks + " x "
                + featureWidth + ", noise " + noise + ")";
    }
}
