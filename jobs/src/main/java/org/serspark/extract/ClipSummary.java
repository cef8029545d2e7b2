package org.serspark.extract;

import java.io.Serializable;
import org.serspark.corpus.ClipOutcome;

/**
 * The few numbers per clip that notebooks and other Parquet-less readers need (they go to {@code clips.csv}):
 * computed on the executor while the clip's audio and frames are at hand, so the driver never reads the Parquet back.
 * Public fields and a plain class for the same reason as {@link ChunkRecord}: Jackson writes it, Kryo 4 carries it.
 */
public final class ClipSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    public int sourceSampleRate;
    public int sourceChannels;
    public double durationS;
    public int sampleRate;
    public int nFrames;
    /** Linear RMS and peak of the decoded mono audio (full scale 1.0); 0 for silence. */
    public double rms;
    public double peak;
    /** Mean over the clip's frames of each feature, in the frames' feature order. */
    public float[] featureMeans;

    /** For JSON and Kryo. */
    public ClipSummary() {
    }

    static ClipSummary of(ClipOutcome.Extracted c) {
        ClipSummary s = new ClipSummary();
        s.sourceSampleRate = c.sourceSampleRate();
        s.sourceChannels = c.sourceChannels();
        s.durationS = c.durationSeconds();
        s.sampleRate = c.features().sampleRate();
        s.nFrames = c.features().nFrames();
        s.rms = c.level().rms();
        s.peak = c.level().peak();
        float[][] frames = c.features().frames();
        double[] sums = new double[c.features().nFeatures()];
        for (float[] frame : frames) {
            for (int k = 0; k < sums.length; k++) {
                sums[k] += frame[k];
            }
        }
        s.featureMeans = new float[sums.length];
        for (int k = 0; k < sums.length; k++) {
            s.featureMeans[k] = frames.length == 0 ? Float.NaN : (float) (sums[k] / frames.length);
        }
        return s;
    }
}
