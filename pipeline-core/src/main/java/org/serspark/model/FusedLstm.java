package org.serspark.model;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link LSTM} layer, same parameters, same results to float rounding, computed by {@link FusedLstmHelper}
 * (model.lstm_kernel: fused). A subclass rather than a layer of its own so that everything DL4J does around an LSTM
 * (parameter layout and initialisation, dropout on its input, masks, {@code LastTimeStep}, JSON, Spark's model
 * copies on the executors) stays DL4J's: only the arithmetic of the layer moves. The layer configuration is
 * written to JSON under this class name, so a network saved with it needs serspark to load.
 */
public class FusedLstm extends MaskedLstm {

    /** For Jackson (DL4J's JSON reads layers by class name). */
    public FusedLstm() {
    }

    /** A fused copy of {@code template} (built by {@link LSTM.Builder}): every setting copied. */
    public static FusedLstm of(LSTM template) {
        FusedLstm f = copySettings(template, new FusedLstm());
        // a failing helper must fail the run, not fall back silently to the slow path
        f.setHelperAllowFallback(false);
        return f;
    }

    /** {@code into} with every setting of {@code template}. */
    static <T extends LSTM> T copySettings(LSTM template, T into) {
        for (Class<?> c = LSTM.class; c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    field.set(into, field.get(template));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy LSTM setting " + field, e);
                }
            }
        }
        return into;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        Layer layer = super.instantiate(conf, trainingListeners, layerIndex, layerParamsView, initializeParams,
                networkDataType);
        try {
            HELPER.set(layer, new FusedLstmHelper());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot install the fused LSTM helper", e);
        }
        return layer;
    }

    private static final Field HELPER = helperField();

    private static Field helperField() {
        try {
            Field f = org.deeplearning4j.nn.layers.recurrent.LSTM.class.getDeclaredField("helper");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's LSTM layer has no helper field (DL4J version changed?)", e);
        }
    }
}
