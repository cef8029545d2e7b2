package org.serspark.audio;

/**
 * Averages interleaved channels into mono with the float32 arithmetic of {@code numpy.mean(y, axis=0)} as
 * {@code librosa.to_mono} calls it on soundfile's (channels, frames) view: per frame, numpy's add-reduce over the
 * channels (its pairwise summation, which is a plain running sum below 8 terms and eight interleaved partial sums
 * above), then a float32 division by the channel count. Matching the summation order makes the result bit-identical
 * rather than merely close.
 */
final class ChannelMixer {
    /** numpy's pairwise_sum switches from a running sum to eight partial sums at this many terms. */
    private static final int UNROLL = 8;
    /** numpy's PW_BLOCKSIZE: longer runs are split in two and summed recursively. */
    private static final int PAIRWISE_BLOCK = 128;

    private ChannelMixer() {
    }

    /**
     * Writes the mean of each of {@code frames} interleaved frames of {@code channels} samples to
     * {@code out[outOffset...]}.
     */
    static void mix(float[] interleaved, int frames, int channels, float[] out, int outOffset) {
        final float count = channels;
        if (channels == 2) {
            for (int f = 0, p = 0; f < frames; f++, p += 2) {
                out[outOffset + f] = (0f + interleaved[p] + interleaved[p + 1]) / count;
            }
        } else {
            for (int f = 0, p = 0; f < frames; f++, p += channels) {
                // numpy starts the reduction from the additive identity, which turns a sum of -0.0 into +0.0.
                out[outOffset + f] = (0f + pairwiseSum(interleaved, p, channels)) / count;
            }
        }
    }

    /** numpy's {@code FLOAT_pairwise_sum} (loops_utils.h) over {@code a[offset, offset + n)} in float32. */
    static float pairwiseSum(float[] a, int offset, int n) {
        if (n < UNROLL) {
            float res = 0f;
            for (int i = 0; i < n; i++) {
                res += a[offset + i];
            }
            return res;
        }
        if (n <= PAIRWISE_BLOCK) {
            float r0 = a[offset];
            float r1 = a[offset + 1];
            float r2 = a[offset + 2];
            float r3 = a[offset + 3];
            float r4 = a[offset + 4];
            float r5 = a[offset + 5];
            float r6 = a[offset + 6];
            float r7 = a[offset + 7];
            int i = UNROLL;
            for (; i < n - n % UNROLL; i += UNROLL) {
                r0 += a[offset + i];
                r1 += a[offset + i + 1];
                r2 += a[offset + i + 2];
                r3 += a[offset + i + 3];
                r4 += a[offset + i + 4];
                r5 += a[offset + i + 5];
                r6 += a[offset + i + 6];
                r7 += a[offset + i + 7];
            }
            float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[offset + i];
            }
            return res;
        }
        int half = n / 2;
        half -= half % UNROLL;
        return pairwiseSum(a, offset, half) + pairwiseSum(a, offset + half, n - half);
    }
}
