package org.serspark.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.serspark.model.FeatureNormalizer;
import org.serspark.model.SequenceDataSets;

/**
 * Scores clips on the executors: the network travels as its configuration JSON and a float array (a broadcast of
 * under a megabyte), each task rebuilds it once and predicts its partition in minibatches, with masks, so every
 * clip is classified at its own last frame.
 */
public final class SparkScorer {
    private SparkScorer() {
    }

    /** A network in a form that serialises without DL4J's help (a class: Spark's Kryo 4 cannot do records). */
    public static final class NetworkSnapshot implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String configurationJson;
        private final float[] params;

        public NetworkSnapshot(String configurationJson, float[] params) {
            this.configurationJson = configurationJson;
            this.params = params;
        }

        public static NetworkSnapshot of(MultiLayerNetwork net) {
            return new NetworkSnapshot(net.getLayerWiseConfigurations().toJson(), net.params().toFloatVector());
        }

        public MultiLayerNetwork restore() {
            MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(configurationJson));
            net.init(Nd4j.create(params, new long[] {1, params.length}, 'c'), false);
            return net;
        }
    }

    public static List<Prediction> predict(JavaSparkContext jsc, MultiLayerNetwork net, JavaRDD<Clip> clips,
                                           FeatureNormalizer normalizer, int nClasses, int batchSize, int maxFrames) {
        Broadcast<NetworkSnapshot> snap = jsc.broadcast(NetworkSnapshot.of(net));
        Broadcast<FeatureNormalizer> norm = jsc.broadcast(normalizer);
        try {
            return clips.mapPartitions(it -> scorePartition(it, snap.value(), norm.value(), nClasses, batchSize,
                    maxFrames)).collect();
        } finally {
            snap.destroy();
            norm.destroy();
        }
    }

    static Iterator<Prediction> scorePartition(Iterator<Clip> it, NetworkSnapshot snap, FeatureNormalizer norm,
                                               int nClasses, int batchSize, int maxFrames) {
        List<Prediction> out = new ArrayList<>();
        if (!it.hasNext()) {
            return out.iterator();
        }
        MultiLayerNetwork net = snap.restore();
        List<Clip> clips = new ArrayList<>();
        it.forEachRemaining(clips::add);
        // minibatches of similar length run fewer padded LSTM steps; results go back in the input order
        Integer[] byLength = new Integer[clips.size()];
        for (int i = 0; i < byLength.length; i++) {
            byLength[i] = i;
        }
        java.util.Arrays.sort(byLength, java.util.Comparator.comparingInt(i -> clips.get(i).frames().length));
        Prediction[] scored = new Prediction[clips.size()];
        for (int from = 0; from < byLength.length; from += batchSize) {
            List<Clip> batch = new ArrayList<>(batchSize);
            int to = Math.min(byLength.length, from + batchSize);
            for (int k = from; k < to; k++) {
                batch.add(clips.get(byLength[k]));
            }
            List<Prediction> p = score(net, batch, norm, nClasses, maxFrames);
            for (int k = from; k < to; k++) {
                scored[byLength[k]] = p.get(k - from);
            }
        }
        out.addAll(java.util.Arrays.asList(scored));
        return out.iterator();
    }

    /** Scores one minibatch on this JVM (also used by predict for a few files without Spark). */
    public static List<Prediction> score(MultiLayerNetwork net, List<Clip> batch, FeatureNormalizer norm,
                                         int nClasses, int maxFrames) {
        List<float[][]> frames = new ArrayList<>(batch.size());
        for (Clip c : batch) {
            frames.add(c.frames());
        }
        DataSet ds = SequenceDataSets.toDataSet(frames, null, nClasses, norm, maxFrames);
        INDArray p = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
        float[][] probs = p.toFloatMatrix();
        List<Prediction> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Clip c = batch.get(i);
            out.add(new Prediction(c.path(), c.actor(), c.label(), probs[i]));
        }
        return out;
    }
}
