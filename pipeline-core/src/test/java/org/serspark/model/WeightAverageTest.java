package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightAverageTest {

    @Test
    void eachEpochWeighsTheAverageSoFarByTheDecayAndItsOwnParametersByTheRest() {
        WeightAverage avg = new WeightAverage(0.75);
        INDArray e1 = Nd4j.createFromArray(4f, -8f, 0f);
        INDArray e2 = Nd4j.createFromArray(0f, 8f, 2f);
        INDArray e3 = Nd4j.createFromArray(8f, 0f, -2f);
        INDArray a1 = avg.next(null, e1);
        assertArrayEquals(new float[] {4, -8, 0}, a1.toFloatVector());
        assertNotSame(e1, a1);
        INDArray a2 = avg.next(a1, e2);
        // 0.75 * (4, -8, 0) + 0.25 * (0, 8, 2)
        assertArrayEquals(new float[] {3, -4, 0.5f}, a2.toFloatVector(), 1e-6f);
        INDArray a3 = avg.next(a2, e3);
        assertArrayEquals(new float[] {4.25f, -3, -0.125f}, a3.toFloatVector(), 1e-6f);
        // the arguments are left as they were: the trainer passes the network's own parameters
        assertArrayEquals(new float[] {4, -8, 0}, a1.toFloatVector());
        assertArrayEquals(new float[] {0, 8, 2}, e2.toFloatVector());
        assertEquals(DataType.FLOAT, a3.dataType());
    }

    @Test
    void aCopyOfTheNetworkCarriesTheAverageAndTheNetworkKeepsItsOwn() {
        MultiLayerNetwork net = NetworkFactory.build(ModelConfig.paper(ModelArchitecture.SINGLE_LSTM, 4, 8));
        INDArray own = net.params().dup();
        INDArray other = Nd4j.rand(DataType.FLOAT, own.shape());
        MultiLayerNetwork copy = WeightAverage.withParams(net, other);
        assertEquals(other, copy.params());
        assertEquals(own, net.params());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 5);
        // the copy computes with the average: its outputs are not the network's
        org.junit.jupiter.api.Assertions.assertNotEquals(net.output(x), copy.output(x));
    }

    @Test
    void refusesADecayOutsideZeroToOne() {
        for (double d : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WeightAverage(d));
            assertEquals("weight_averaging must be between 0 and 1 (the weight of the previous epochs' average; 0 = "
                    + "none), got " + d, e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().weightAveraging(1.0).build());
        TrainingConfig off = TrainingConfig.builder().batchSize(32).epochs(10).averagingFrequency(5).build();
        assertEquals(null, off.weightAverageOrNull());
        assertEquals(0.0, off.toMap().get("weight_averaging"));
    }
}
