package org.serspark.model;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A SameDiff layer that turns a clip's frames {@code [batch, nIn, frames]} (with their feature mask) into one vector
 * per clip: what {@link AttentionPooling} and {@link StatisticsPooling} share.
 */
abstract class FramePooling extends SameDiffLayer {
    /** The frames' width; a field with getter and setter, so that it travels in the configuration JSON. */
    private long nIn;

    protected FramePooling() {
    }

    protected FramePooling(long nIn) {
        this.nIn = nIn;
    }

    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType.getType() != InputType.Type.RNN) {
            throw new IllegalStateException(getClass().getSimpleName() + " reads frame sequences, got " + inputType);
        }
        if (nIn <= 0 || override) {
            nIn = ((InputType.InputTypeRecurrent) inputType).getSize();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, RNNFormat.NCW, getLayerName());
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        // one vector per clip: the frames' mask has been used up, as after global pooling
        return new Pair<>(null, currentMaskState);
    }
}
