package org.serspark.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Builds the DL4J network a {@link ModelConfig} describes.
 *
 * <p>The last LSTM layer is wrapped in {@link LastTimeStep}: with a feature mask it emits the activations at each
 * clip's last real frame, so padded frames never reach the classifier and the prediction is taken where the clip
 * ends (as a Keras {@code LSTM(return_sequences=False)} on a masked input does). {@code model.pooling: mean|max}
 * replaces that read-out by masked global pooling over the clip's frames, {@code attention} by
 * {@link AttentionPooling}. {@code model.input_noise > 0} adds Gaussian
 * noise of that standard deviation to the first LSTM layer's input while training (DL4J's {@link GaussianNoise});
 * {@code model.time_masks} and {@code model.feature_masks} mask spans of its frames and features ({@link InputMasking},
 * which then adds the noise too: a layer has one input transformation). {@code model.bidirectional} wraps each LSTM
 * layer in DL4J's {@link Bidirectional} (the two directions' outputs concatenated).
 */
public final class NetworkFactory {
    private NetworkFactory() {
    }

    public static MultiLayerConfiguration configuration(ModelConfig c) {
        return configuration(c, null);
    }

    /**
     * The network with the loss weighing class k by {@code classWeights[k]} (DL4J's weighted {@link LossMCXENT});
     * null weighs every class 1.
     */
    public static MultiLayerConfiguration configuration(ModelConfig c, double[] classWeights) {
        if (classWeights != null && classWeights.length != c.nClasses()) {
            throw new IllegalArgumentException(classWeights.length + " class weights for " + c.nClasses()
                    + " classes");
        }
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .updater(new Adam(c.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .l2(c.l2())
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        int nIn = c.nFeatures();
        int layers = c.lstmUnits().size();
        // "LSTM -> dropout -> next layer" is expressed as dropout on the next layer's INPUT, which is how DL4J
        // applies a layer's dropOut. (A separate DropoutLayer breaks on masked sequences in DL4J 1.0.0-M2.)
        // DL4J's Dropout takes the probability of RETAINING an activation: 1 - rate. ThreadSafeDropout keeps its
        // mask per thread (DL4J's own shares it between Spark worker threads).
        IDropout afterLstm = c.dropout() > 0 ? new ThreadSafeDropout(1.0 - c.dropout()) : null;
        for (int i = 0; i < layers; i++) {
            LSTM.Builder lb = new LSTM.Builder().nIn(nIn).nOut(c.lstmUnits().get(i)).activation(Activation.TANH);
            if (i > 0 && afterLstm != null) {
                lb.dropOut(afterLstm.clone());
            }
            if (i == 0 && c.inputMasks().any()) {
                ModelConfig.InputMasks m = c.inputMasks();
                lb.dropOut(new InputMasking(m.timeMasks(), m.timeWidth(), m.featureMasks(), m.featureWidth(),
                        c.inputNoise()));
            } else if (i == 0 && c.inputNoise() > 0) {
                // fresh noise per call and nothing kept for backprop (the gradient passes through unchanged), so
                // unlike Dropout it is safe to share between Spark worker threads
                lb.dropOut(new GaussianNoise(c.inputNoise()));
            }
            LSTM lstm = c.lstmKernel() == ModelConfig.LstmKernel.FUSED ? FusedLstm.of(lb.build())
                    : MaskedLstm.of(lb.build());
            // Bidirectional instantiates both directions through the layer's own instantiate, so the fused kernel
            // computes each; the backward one reads the reversed frames and mask
            Layer layer = c.bidirectional() ? new Bidirectional(Bidirectional.Mode.CONCAT, lstm) : lstm;
            boolean last = i == layers - 1;
            b.layer(last && c.pooling() == ModelConfig.Pooling.LAST ? new LastTimeStep(layer) : layer);
            nIn = c.lstmUnits().get(i) * (c.bidirectional() ? 2 : 1);
        }
        if (c.pooling() == ModelConfig.Pooling.ATTENTION) {
            b.layer(new AttentionPooling(nIn));
        } else if (c.pooling() == ModelConfig.Pooling.MEAN_STD) {
            b.layer(new StatisticsPooling(nIn));
            nIn *= 2;
        } else if (c.pooling() != ModelConfig.Pooling.LAST) {
            // DL4J's global pooling reads the feature mask, so padded frames never enter the mean or the max
            b.layer(new GlobalPoolingLayer.Builder(c.pooling() == ModelConfig.Pooling.MEAN ? PoolingType.AVG
                    : PoolingType.MAX).collapseDimensions(true).build());
        }
        DenseLayer.Builder dense = new DenseLayer.Builder().nIn(nIn).nOut(c.denseUnits()).activation(Activation.RELU);
        if (afterLstm != null) {
            dense.dropOut(afterLstm.clone());
        }
        b.layer(dense.build());
        OutputLayer.Builder out = classWeights == null ? new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                : new OutputLayer.Builder(new LossMCXENT(Nd4j.create(classWeights).castTo(DataType.FLOAT)));
        b.layer(out.nIn(c.denseUnits()).nOut(c.nClasses()).activation(Activation.SOFTMAX).build());
        b.setInputType(InputType.recurrent(c.nFeatures()));
        return b.build();
    }

    public static MultiLayerNetwork build(ModelConfig c) {
        return build(c, null);
    }

    /** {@link #build(ModelConfig)} with a class-weighted loss ({@link #configuration(ModelConfig, double[])}). */
    public static MultiLayerNetwork build(ModelConfig c, double[] classWeights) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(c, classWeights));
        net.init();
        return net;
    }
}
