package org.serspark.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Statistics pooling over a clip's frames ({@code model.pooling: mean_std}): each unit's mean and standard deviation
 * over the clip's real frames, concatenated ({@code 2 n} values per clip; x-vectors, Snyder et al. 2018). Mean
 * pooling keeps where a unit sits on average; the deviation adds how much it moves, which the mean alone cannot
 * show (a steady and a wavering contour of the same mean). Padded frames never count (the feature mask).
 *
 * <p>Written with SameDiff's elementary ops (differentiated by SameDiff), as {@link AttentionPooling}; no parameters.
 */
public final class StatisticsPooling extends FramePooling {
    /** Inside the square root: keeps the gradient finite for a unit that does not move (or a clip of one frame). */
    static final double EPSILON = 1e-5;

    /** For Jackson (configurations travel as JSON to Spark workers and into bundles). */
    @SuppressWarnings("unused")
    private StatisticsPooling() {
    }

    public StatisticsPooling(long nIn) {
        super(nIn);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(2 * getNIn());
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // none
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> params, SDVariable mask) {
        // x: [batch, nIn, frames]; mask: [batch, frames], 1 for real frames
        SDVariable m = mask == null ? sd.onesLike(x.sum(1)) : mask;
        SDVariable count = m.sum(true, 1);                       // [batch, 1]
        SDVariable m3 = sd.expandDims(m, 1);                     // [batch, 1, frames]
        SDVariable mean = x.mul(m3).sum(2).div(count);           // [batch, nIn]
        SDVariable dev = x.sub(sd.expandDims(mean, 2)).mul(m3);
        SDVariable std = sd.math.sqrt(dev.mul(dev).sum(2).div(count).add(EPSILON));
        return sd.concat(1, mean, std);
    }
}
