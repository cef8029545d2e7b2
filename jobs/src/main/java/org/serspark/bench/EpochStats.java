package org.serspark.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Summary numbers of a benchmarked learning curve. */
public final class EpochStats {
    /** Epoch 1 pays for JIT compilation, native library loading and first-touch allocation, not for training. */
    public static final int WARM_UP_EPOCHS = 1;

    private EpochStats() {
    }

    /** When the validation UAR first reached the target: that epoch and the epoch seconds summed up to it. */
    public record TargetHit(int epoch, double seconds) {
    }

    /** Median epoch seconds without the warm-up epoch (with a single epoch, that epoch's). */
    public static double medianSeconds(List<EpochTiming> curve) {
        return median(curve, EpochTiming::seconds);
    }

    /** Median fitting seconds without the warm-up epoch; NaN when the fitting was not timed separately. */
    public static double medianFitSeconds(List<EpochTiming> curve) {
        return median(curve, EpochTiming::fitSeconds);
    }

    static double median(List<EpochTiming> curve, ToDoubleFunction<EpochTiming> f) {
        if (curve.isEmpty()) {
            return Double.NaN;
        }
        List<EpochTiming> timed = curve.size() > WARM_UP_EPOCHS ? curve.subList(WARM_UP_EPOCHS, curve.size())
                : curve;
        double[] v = timed.stream().mapToDouble(f).sorted().toArray();
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** Null when the target was never reached. Time counts every epoch from the first, warm-up included. */
    public static TargetHit timeToTarget(List<EpochTiming> curve, double targetUar) {
        double t = 0;
        for (EpochTiming e : curve) {
            t += e.seconds();
            if (e.valUar() >= targetUar) {
                return new TargetHit(e.epoch(), t);
            }
        }
        return null;
    }

    /** The epoch with the highest validation UAR (the first of equals); null for an empty curve. */
    public static EpochTiming best(List<EpochTiming> curve) {
        EpochTiming best = null;
        for (EpochTiming e : curve) {
            if (best == null || e.valUar() > best.valUar()) {
                best = e;
            }
        }
        return best;
    }
}
