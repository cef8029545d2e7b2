package org.serspark.audio;

import java.util.Arrays;
import java.util.Random;

/**
 * Throw-away micro-benchmark (a plain main, not a test; surefire does not run it): ms per 3.7 s clip.
 * {@code java -cp target/classes:target/test-classes org.serspark.audio.ResamplerBench [source] [target]}
 */
public final class ResamplerBench {
    public static void main(String[] args) {
        int source = args.length > 0 ? Integer.parseInt(args[0]) : 48000;
        int target = args.length > 1 ? Integer.parseInt(args[1]) : 22050;
        int n = (int) Math.round(3.7 * source);
        float[] x = new float[n];
        Random random = new Random(1);
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.1 * random.nextGaussian());
        }
        PolyphaseResampler r = PolyphaseResampler.of(source, target);
        int reps = 40;
        double[] ms = new double[9];
        float sink = 0;
        for (int round = 0; round < ms.length; round++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < reps; k++) {
                sink += r.resample(x)[k];
            }
            ms[round] = (System.nanoTime() - t0) / 1e6 / reps;
        }
        System.out.println(source + " -> " + target + ", " + n + " samples, taps/phase " + r.tapsPerPhase()
                + ": ms/clip per round " + Arrays.toString(ms) + " (sink " + sink + ")");
        double[] sorted = ms.clone();
        Arrays.sort(sorted, 3, sorted.length); // first rounds are warm-up
        System.out.printf("median of rounds 4-9: %.3f ms/clip%n", sorted[3 + (sorted.length - 3) / 2]);
    }
}
