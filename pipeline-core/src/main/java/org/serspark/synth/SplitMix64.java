package org.serspark.synth;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), written out here rather than taken from {@code java.util.SplittableRandom}
 * so that the synthetic corpus is byte-identical across JDK versions: the JDK documents its generator's output
 * but not that of derived methods such as {@code nextGaussian}, and the corpus must not change when the JDK does.
 * Gaussians use Box-Muller with {@link StrictMath} for the same reason.
 */
final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;
    private static final double UNIT_53 = 0x1.0p-53;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** A generator for one independent stream, keyed by any number of integers (seed, actor, clip, purpose...). */
    static SplitMix64 forKey(long... key) {
        return new SplitMix64(hash(key));
    }

    /** Order-sensitive hash of the key; distinct keys give unrelated streams. */
    static long hash(long... key) {
        long h = 0x5DEE_CE66_DL;
        for (long k : key) {
            h = mix((h + GOLDEN_GAMMA) ^ mix(k + GOLDEN_GAMMA));
        }
        return h;
    }

    /** The SplitMix64 output function (a bijective 64-bit finaliser). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * UNIT_53;
    }

    /** Uniform in [lo, hi). */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Standard normal by Box-Muller (one of the pair is discarded: simplicity beats speed at control rate). */
    double gaussian() {
        double u1 = 1.0 - nextDouble(); // in (0, 1] so the log is finite
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** Normal with the given mean and standard deviation, clamped to mean +- 3 sd so no draw is absurd. */
    double gaussian(double mean, double sd) {
        double g = Math.max(-3.0, Math.min(3.0, gaussian()));
        return mean + sd * g;
    }
}
