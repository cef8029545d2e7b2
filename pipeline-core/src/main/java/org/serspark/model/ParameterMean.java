package org.serspark.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One network whose parameters are the mean of several networks' from one training: the kept epoch and the epochs
 * after it ({@code training.later_epochs_mean: parameters}), averaged in weight space like stochastic weight
 * averaging. Why: once training has settled, neighbouring epochs lie close enough in parameter space that their mean
 * scores like the mean of their class probabilities (docs/RESULTS.md section 9), at the cost of one network instead
 * of one per epoch.
 */
public final class ParameterMean {
    private ParameterMean() {
    }

    /**
     * The mean of the bundles' parameters, with the first bundle's normaliser, features, labels and metadata (plus
     * {@code parameter_mean_of}, the files' names).
     *
     * @throws IllegalArgumentException naming a file whose network has another number of parameters than the first's
     */
    public static ModelBundle of(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no networks to average");
        }
        ModelBundle first = ModelBundle.load(files.get(0));
        INDArray sum = first.network().params().dup();
        for (Path f : files.subList(1, files.size())) {
            INDArray p = ModelBundle.load(f).network().params();
            if (p.length() != sum.length()) {
                throw new IllegalArgumentException(f + " has " + p.length() + " parameters, " + files.get(0)
                        + " " + sum.length() + ": not epochs of one training, so their parameters cannot be averaged");
            }
            sum.addi(p);
        }
        sum.divi(files.size());
        Map<String, Object> meta = new LinkedHashMap<>(first.metadata());
        meta.put("parameter_mean_of", files.stream().map(f -> f.getFileName().toString()).toList());
        return new ModelBundle(WeightAverage.withParams(first.network(), sum), first.normalizer(),
                first.featureConfig(), first.labels(), meta);
    }
}
