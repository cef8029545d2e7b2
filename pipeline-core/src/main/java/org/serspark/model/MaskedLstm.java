package org.serspark.model;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's LSTM with its feature mask honoured. DL4J 1.0.0-M2's LSTM layer overrides {@code feedForwardMaskArray}
 * without keeping the mask (its base class keeps it), so inside a network the layer runs unmasked: its outputs at
 * padded frames are not zero and its state runs on through them. A forward layer never feels that (padding comes
 * after the real frames, and the read-outs take the mask themselves), but the backward direction of a
 * {@code Bidirectional} second layer reads the padding first and carries it into every real frame: a clip's
 * prediction then depended on the longest clip in its minibatch. This layer keeps the mask, as the base class does.
 */
public class MaskedLstm extends LSTM {

    /** For Jackson (DL4J's JSON reads layers by class name). */
    public MaskedLstm() {
    }

    /** A masked copy of {@code template} (built by {@link LSTM.Builder}): every setting copied. */
    public static MaskedLstm of(LSTM template) {
        return FusedLstm.copySettings(template, new MaskedLstm());
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        // what LSTM.instantiate does, with the runtime class below
        org.deeplearning4j.nn.conf.layers.LayerValidation.assertNInNOutSet("LSTM", getLayerName(), layerIndex,
                getNIn(), getNOut());
        MaskKeeping layer = new MaskKeeping(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    /** The runtime layer: DL4J's LSTM keeping the mask handed down the network, as its base class would. */
    static final class MaskKeeping extends org.deeplearning4j.nn.layers.recurrent.LSTM {
        MaskKeeping(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState state, int minibatchSize) {
            this.maskArray = mask;
            this.maskState = state;
            return super.feedForwardMaskArray(mask, state, minibatchSize);
        }
    }
}
