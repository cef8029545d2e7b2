package org.serspark.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An exponential moving average of a network's parameters over epochs ({@code training.weight_averaging}, Polyak
 * averaging): after epoch e the average is {@code decay * average(e - 1) + (1 - decay) * parameters(e)}, after the
 * first epoch its parameters as they are. The trainer validates, stops early and keeps the average; training itself
 * continues from the parameters.
 *
 * <p>Why: the bidirectional networks reach a training loss near 0.03 within 10-15 epochs and their validation UAR
 * swings by 5 to 8 points from one epoch to the next (docs/RESULTS.md section 9). The average of neighbouring epochs
 * keeps the trend and evens out the swings: an ensemble of the epochs at the cost of one network.
 */
public final class WeightAverage {
    private final double decay;

    /** {@code 0 < decay < 1}: the weight of the previous average; 0.5 halves an epoch's weight each epoch after it. */
    public WeightAverage(double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("weight_averaging must be between 0 and 1 (the weight of the previous "
                    + "epochs' average; 0 = none), got " + decay);
        }
        this.decay = decay;
    }

    public double decay() {
        return decay;
    }

    /**
     * The average after an epoch that ended with {@code params}, as a new array ({@code previous} and {@code params}
     * are left as they are); {@code previous} is null after the first epoch.
     */
    public INDArray next(INDArray previous, INDArray params) {
        if (previous == null) {
            return params.dup();
        }
        return previous.mul(decay).addi(params.mul(1 - decay));
    }

    /** A copy of {@code net} with {@code params} instead of its own; {@code net} is left as it is. */
    public static MultiLayerNetwork withParams(MultiLayerNetwork net, INDArray params) {
        MultiLayerNetwork copy = net.clone();
        copy.setParams(params);
        return copy;
    }
}
