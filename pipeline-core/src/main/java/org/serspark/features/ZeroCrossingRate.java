package org.serspark.features;

/**
 * {@code librosa.feature.zero_crossing_rate(y, frame_length, hop_length, center, threshold=..., zero_pos=...)}
 * 0.10.1: the fraction of the {@code frame_length} positions of each frame where the sign differs from the
 * previous sample. Hop length and centring are taken from the STFT so that the frames line up with the spectral
 * features (librosa's defaults, 512 and {@code center=True}, are the STFT's).
 *
 * <p>As librosa computes it: with {@code center}, the signal is padded by {@code frame_length // 2} copies of
 * its first and last sample ({@code np.pad(mode="edge")}, not the STFT's zeros); samples with
 * {@code |y| <= threshold} count as 0; with {@code zero_pos} the sign is {@code np.signbit} (so 0 is positive),
 * otherwise {@code np.sign} (0 is its own sign); the first position of every frame never counts
 * ({@code pad=False}), and the rate is the count divided by {@code frame_length}.
 *
 * @param frameLength {@code frame_length}: samples per frame (default 2048)
 * @param threshold   {@code threshold}: magnitudes up to this are zero (default 1e-10); compared in float32 as
 *                    librosa does for float32 audio
 * @param zeroPos     {@code zero_pos}: whether 0 counts as positive (default true)
 */
public record ZeroCrossingRate(int frameLength, double threshold, boolean zeroPos)
        implements java.io.Serializable {
    public static final int FRAME_LENGTH_DEFAULT = 2048;
    public static final ZeroCrossingRate LIBROSA_DEFAULT = new ZeroCrossingRate(FRAME_LENGTH_DEFAULT, 1e-10, true);

    public ZeroCrossingRate {
        if (frameLength < 1) {
            throw new IllegalArgumentException("frame_length must be >= 1, got " + frameLength);
        }
        if (!(threshold >= 0.0)) {
            throw new IllegalArgumentException("threshold must be >= 0, got " + threshold);
        }
    }

    /** Frames produced for {@code nSamples} samples: {@code 1 + (n + 2*pad - frame_length) // hop}. */
    public int nFrames(int nSamples, int hop, boolean center) {
        return Framing.count(nSamples, frameLength, hop, center);
    }

    /** The rate of every frame of {@code y}. */
    public double[] compute(float[] y, int hop, boolean center) {
        if (y.length == 0) {
            throw new IllegalArgumentException("empty signal");
        }
        int n = y.length;
        int pad = center ? frameLength / 2 : 0;
        int nFrames = nFrames(n, hop, center);
        float thr = (float) threshold;
        // crossings[i] = number of sign changes between consecutive padded samples up to and including i;
        // the edge padding repeats y[0] and y[n-1], so changes only happen between y's own samples.
        int paddedLength = n + 2 * pad;
        int[] cumulative = new int[paddedLength];
        int count = 0;
        int prevSign = sign(y[0], thr);
        for (int i = pad + 1; i < pad + n; i++) {
            int s = sign(y[i - pad], thr);
            if (s != prevSign) {
                count++;
            }
            prevSign = s;
            cumulative[i] = count;
        }
        for (int i = pad + n; i < paddedLength; i++) {
            cumulative[i] = count;
        }
        double[] rate = new double[nFrames];
        for (int t = 0; t < nFrames; t++) {
            int start = t * hop;
            // positions start+1 .. start+frameLength-1 compare with their predecessor; position start is pad=False
            int crossings = cumulative[start + frameLength - 1] - cumulative[start];
            rate[t] = (double) crossings / frameLength;
        }
        return rate;
    }

    /** The sign class librosa compares: signbit (0 or 1) with zero_pos, else np.sign (-1, 0, 1). */
    private int sign(float x, float thr) {
        if (-thr <= x && x <= thr) {
            return 0;
        }
        if (zeroPos) {
            return x < 0 ? 1 : 0;
        }
        return x < 0 ? -1 : 1;
    }
}
