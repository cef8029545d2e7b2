package org.serspark.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Attention pooling over a clip's frames ({@code model.pooling: attention}): with one learned query {@code q}, frame
 * t weighs {@code softmax_t(q . h_t / sqrt(n))} over the clip's real frames and the clip becomes the weighted mean
 * {@code sum_t a_t h_t} (Mirsamadi et al., ICASSP 2017, for speech emotion). The query starts at zero, so training
 * starts from mean pooling; padded frames get weight 0 through the feature mask.
 *
 * <p>Written with SameDiff's elementary ops (differentiated by SameDiff): DL4J 1.0.0-M2's own
 * {@code LearnedSelfAttentionLayer} fails in its attention op ({@code scatter_update}) on masked input.
 */
public final class AttentionPooling extends FramePooling {
    private static final String QUERY = "q";
    /** Added to the scores of padded frames: exp(-1e9) is 0 in float. */
    private static final double MASKED = 1e9;

    /** For Jackson (configurations travel as JSON to Spark workers and into bundles). */
    @SuppressWarnings("unused")
    private AttentionPooling() {
    }

    public AttentionPooling(long nIn) {
        super(nIn);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(getNIn());
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(QUERY, 1, getNIn(), 1);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get(QUERY).assign(0);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> params, SDVariable mask) {
        // x: [batch, nIn, frames]; mask: [batch, frames], 1 for real frames
        SDVariable scores = x.mul(params.get(QUERY)).sum(1).div(Math.sqrt(getNIn()));
        if (mask != null) {
            scores = scores.add(mask.sub(1.0).mul(MASKED));
        }
        SDVariable weights = sd.nn.softmax(scores, 1);
        return x.mul(sd.expandDims(weights, 1)).sum(2);
    }
}
