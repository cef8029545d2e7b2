package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.serspark.features.FeatureConfig;

class ParameterMeanTest {

    @Test
    void theNetworkCarriesTheMeanOfTheParametersAndTheFirstBundlesEverythingElse(@TempDir Path tmp) throws Exception {
        ModelBundle base = ModelBundleTest.trained(new Random(3));
        List<Path> files = new ArrayList<>();
        List<float[]> params = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            INDArray p = Nd4j.rand(DataType.FLOAT, base.network().params().shape()).subi(0.5).muli(i + 1);
            params.add(p.toFloatVector());
            Path f = tmp.resolve("epoch-" + (i + 4) + ".zip");
            new ModelBundle(WeightAverage.withParams(base.network(), p), base.normalizer(), base.featureConfig(),
                    base.labels(), Map.of("kept_epoch", 4 + i)).save(f, false);
            files.add(f);
        }
        ModelBundle mean = ParameterMean.of(files);
        float[] got = mean.network().params().toFloatVector();
        float[] want = new float[got.length];
        for (int k = 0; k < got.length; k++) {
            want[k] = (params.get(0)[k] + params.get(1)[k] + params.get(2)[k]) / 3;
        }
        assertArrayEquals(want, got, 1e-6f);
        assertEquals(4, mean.metadata().get("kept_epoch"), "the first bundle's metadata");
        assertEquals(List.of("epoch-4.zip", "epoch-5.zip", "epoch-6.zip"), mean.metadata().get("parameter_mean_of"));
        assertEquals(base.labels(), mean.labels());
        assertEquals(FeatureConfig.librosaDefault(), mean.featureConfig());
        // the mean is computed, not one of the inputs: its outputs differ from the first network's
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 6, 5);
        org.junit.jupiter.api.Assertions.assertNotEquals(ModelBundle.load(files.get(0)).network().output(x),
                mean.network().output(x));

        Path other = tmp.resolve("other.zip");
        ModelConfig small = new ModelConfig(ModelArchitecture.SINGLE_LSTM, List.of(8), 0.3, 5, 1e-2, 1e-4, 7, 6, 3);
        new ModelBundle(NetworkFactory.build(small), base.normalizer(), base.featureConfig(), base.labels(), Map.of())
                .save(other, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterMean.of(List.of(files.get(0), other)));
        assertEquals(other + " has " + NetworkFactory.build(small).params().length() + " parameters, " + files.get(0)
                + " " + params.get(0).length + ": not epochs of one training, so their parameters cannot be "
                + "averaged", e.getMessage());
    }
}
