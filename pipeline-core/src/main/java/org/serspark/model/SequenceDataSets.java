package org.serspark.model;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Clips of different lengths to one DL4J minibatch: features {@code [batch, features, maxFrames]} padded with
 * zeros after each clip's end, a feature mask {@code [batch, maxFrames]} (1 for real frames), and one-hot labels
 * {@code [batch, classes]}. The network's {@code LastTimeStep} reads the mask to classify at each clip's last real
 * frame, so padding never influences a prediction.
 */
public final class SequenceDataSets {
    private SequenceDataSets() {
    }

    /**
     * @param clips      {@code [frames][features]} per clip, raw (normalised here when {@code normalizer} is set)
     * @param labels     class index per clip, or null for unlabelled data
     * @param nClasses   number of classes
     * @param normalizer applied to every real frame; null to pass features through
     * @param maxFrames  clips longer than this keep their first {@code maxFrames} frames (0 = no limit)
     */
    public static DataSet toDataSet(List<float[][]> clips, int[] labels, int nClasses, FeatureNormalizer normalizer,
                                    int maxFrames) {
        int n = clips.size();
        if (n == 0) {
            throw new IllegalArgumentException("empty minibatch");
        }
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException(n + " clips but " + labels.length + " labels");
        }
        int nFeatures = clips.get(0).length > 0 ? clips.get(0)[0].length : 0;
        int t = 0;
        for (float[][] c : clips) {
            if (c.length == 0) {
                throw new IllegalArgumentException("a clip has no frames");
            }
            t = Math.max(t, maxFrames > 0 ? Math.min(maxFrames, c.length) : c.length);
        }
        float[] x = new float[n * nFeatures * t];
        float[] mask = new float[n * t];
        for (int i = 0; i < n; i++) {
            float[][] c = clips.get(i);
            int len = maxFrames > 0 ? Math.min(maxFrames, c.length) : c.length;
            for (int f = 0; f < len; f++) {
                float[] frame = c[f];
                if (frame.length != nFeatures) {
                    throw new IllegalArgumentException("clip " + i + " frame " + f + " has " + frame.length
                            + " features, expected " + nFeatures);
                }
                for (int k = 0; k < nFeatures; k++) {
                    // c-order [i][k][f]
                    x[(i * nFeatures + k) * t + f] = normalizer == null ? frame[k] : normalizer.apply(k, frame[k]);
                }
                mask[i * t + f] = 1f;
            }
        }
        INDArray features = Nd4j.create(x, new long[] {n, nFeatures, t}, 'c');
        INDArray featureMask = Nd4j.create(mask, new long[] {n, t}, 'c');
        INDArray y = null;
        if (labels != null) {
            float[] oneHot = new float[n * nClasses];
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || labels[i] >= nClasses) {
                    throw new IllegalArgumentException("label " + labels[i] + " outside 0.." + (nClasses - 1));
                }
                oneHot[i * nClasses + labels[i]] = 1f;
            }
            y = Nd4j.create(oneHot, new long[] {n, nClasses}, 'c');
        }
        return new DataSet(features.castTo(DataType.FLOAT), y, featureMask, null);
    }
}
