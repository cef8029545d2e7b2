package org.serspark.audio;

/**
 * Band-limited rational-ratio resampler. STUB: implemented in the resampler work item.
 */
public final class PolyphaseResampler {

    private PolyphaseResampler(int sourceRate, int targetRate) {
    }

    /** A resampler for this pair of rates; instances are immutable, thread-safe and cached. */
    public static PolyphaseResampler of(int sourceRate, int targetRate) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** {@code ceil(n * target / source)}, the output length librosa computes. */
    public static int outputLength(int n, int sourceRate, int targetRate) {
        return (int) Math.ceil((double) n * targetRate / sourceRate);
    }

    public float[] resample(float[] x) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
