package org.serspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.serspark.model.FeatureNormalizer;

/** What the trainer feeds DL4J each epoch: every clip once, with its own label, mask and normalised frames. */
class TrainerMinibatchesTest {

    @Test
    void everyClipOnceWithItsLabelMaskAndFrames() {
        Random r = new Random(3);
        List<Clip> clips = new ArrayList<>();
        Map<Float, Clip> byFirstValue = new HashMap<>();
        for (int i = 0; i < 75; i++) {
            int frames = 20 + r.nextInt(30);
            float[][] f = new float[frames][3];
            for (float[] fr : f) {
                fr[0] = 1000 + i; // identifies the clip after normalisation (mean 0, std 1 on feature 0 below)
                fr[1] = r.nextFloat();
                fr[2] = -fr[1];
            }
            Clip c = new Clip("Actor_01/clip" + i + ".wav", 1, i % 8, f);
            clips.add(c);
            byFirstValue.put(1000f + i, c);
        }
        FeatureNormalizer identity = new FeatureNormalizer(new double[] {0, 0, 0}, new double[] {1, 1, 1}, 1);
        List<DataSet> batches = new ArrayList<>();
        ParameterAveragingTrainer.minibatches(clips.iterator(), 11, identity, 0, 16, 2, null)
                .forEachRemaining(batches::add);

        assertEquals(5, batches.size());
        int seen = 0;
        double padded = 0;
        for (int b = 0; b < batches.size(); b++) {
            DataSet ds = batches.get(b);
            assertEquals(b == 4 ? 75 % 16 : 16, ds.numExamples(), "only the last minibatch is short");
            INDArray x = ds.getFeatures();
            INDArray mask = ds.getFeaturesMaskArray();
            long t = x.size(2);
            for (int i = 0; i < ds.numExamples(); i++) {
                Clip c = byFirstValue.get(x.getFloat(i, 0, 0));
                int len = c.frames().length;
                assertEquals(c.label(), ds.getLabels().getRow(i).argMax().getInt(0), c.path());
                for (int k = 0; k < t; k++) {
                    assertEquals(k < len ? 1f : 0f, mask.getFloat(i, k), c.path() + " mask at frame " + k);
                    assertEquals(k < len ? c.frames()[k][1] : 0f, x.getFloat(i, 1, k), 0f, c.path() + " frame " + k);
                }
                padded += t - len;
                seen++;
            }
        }
        assertEquals(75, seen);
        double randomPadded = 0;
        for (java.util.Iterator<DataSet> it = ParameterAveragingTrainer.minibatches(clips.iterator(), 11, identity, 0,
                16, 1, null); it.hasNext(); ) {
            INDArray m = it.next().getFeaturesMaskArray();
            randomPadded += m.length() - m.sumNumber().doubleValue();
        }
        assertTrue(padded < 0.6 * randomPadded, "length buckets pad " + padded + " frames, random minibatches "
                + randomPadded);
    }

    @Test
    void mixupMixesEachClipWithAnotherOfItsMinibatchAndKeepsTheGrouping() {
        Random r = new Random(4);
        List<Clip> clips = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[][] f = new float[15 + r.nextInt(20)][2];
            for (float[] fr : f) {
                fr[0] = 1 + i;
                fr[1] = r.nextFloat();
            }
            clips.add(new Clip("Actor_01/clip" + i + ".wav", 1, i % 8, f));
        }
        FeatureNormalizer identity = new FeatureNormalizer(new double[] {0, 0}, new double[] {1, 1}, 1);
        List<DataSet> plain = new ArrayList<>();
        ParameterAveragingTrainer.minibatches(clips.iterator(), 11, identity, 0, 8, 2, null)
                .forEachRemaining(plain::add);
        List<DataSet> mixed = new ArrayList<>();
        ParameterAveragingTrainer.minibatches(clips.iterator(), 11, identity, 0, 8, 2,
                new org.serspark.model.Mixup(0.4)).forEachRemaining(mixed::add);
        assertEquals(plain.size(), mixed.size());
        int strictlyMixed = 0;
        for (int b = 0; b < plain.size(); b++) {
            INDArray px = plain.get(b).getFeatures();
            INDArray mx = mixed.get(b).getFeatures();
            assertEquals(java.util.Arrays.toString(px.shape()), java.util.Arrays.toString(mx.shape()),
                    "the same clips, padded alike, in minibatch " + b);
            for (int i = 0; i < px.size(0); i++) {
                // row i is lambda * (plain row i) + (1 - lambda) * (another plain row of the same minibatch)
                double a = px.getDouble(i, 0, 0);
                double v = mx.getDouble(i, 0, 0);
                boolean found = false;
                for (int j = 0; j < px.size(0) && !found; j++) {
                    double c = px.getDouble(j, 0, 0);
                    if (j == i || a == c) {
                        continue;
                    }
                    double lambda = (v - c) / (a - c);
                    if (lambda < -1e-6 || lambda > 1 + 1e-6) {
                        continue;
                    }
                    INDArray expectedLabels = plain.get(b).getLabels().getRow(i).mul(lambda)
                            .add(plain.get(b).getLabels().getRow(j).mul(1 - lambda));
                    found = expectedLabels.equalsWithEps(mixed.get(b).getLabels().getRow(i), 1e-5);
                    if (found && lambda > 0.05 && lambda < 0.95) {
                        strictlyMixed++;
                    }
                }
                assertTrue(found, "minibatch " + b + " row " + i + " is no mix of two of its clips");
            }
        }
        assertTrue(strictlyMixed > 10, strictlyMixed + " of 40 clips mixed by more than 5%");
    }
}
