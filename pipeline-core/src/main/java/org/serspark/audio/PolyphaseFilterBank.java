package org.serspark.audio;

/**
 * The taps of a Kaiser-windowed-sinc low-pass filter, sampled at the {@code up} fractional input positions a
 * rational resampler by {@code up / down} needs.
 *
 * <p>Output sample {@code k} sits at input time {@code tau = k * down / up}; write {@code tau = base + phase / up}
 * with integer {@code base} and {@code phase} in {@code [0, up)}. It is {@code sum_j taps(phase)[j] * x[base -
 * halfLength + j]} for {@code j} in {@code [0, tapsPerPhase)}: tap {@code j} weighs the input sample at distance
 * {@code d = phase / up + halfLength - j} from {@code tau} by {@code h(d)}, where {@code h} is the continuous,
 * symmetric kernel {@code 2 fc sinc(2 fc d) kaiser(d / width)}. Because {@code h} is symmetric about {@code d = 0}
 * the filter has zero group delay, so the output is not shifted in time.
 *
 * <p>Each phase is scaled to sum to exactly 1 so that a constant input comes out constant at every phase
 * (unnormalised, the sums differ by the stop-band ripple, about 1e-4, which would modulate DC at the phase rate).
 * Immutable.
 */
final class PolyphaseFilterBank {
    /** Taps per phase are padded with zeros to a multiple of this so the resampler's inner loop has no tail. */
    static final int TAP_BLOCK = 4;

    private final int up;
    private final int halfLength;
    private final int tapsPerPhase;
    /** {@code up} rows of {@code tapsPerPhase}, phase-major, contiguous. */
    private final float[] taps;

    PolyphaseFilterBank(int up, int down, ResamplerParams params) {
        if (up < 1 || down < 1) {
            throw new IllegalArgumentException("up and down must be >= 1, got " + up + ", " + down);
        }
        this.up = up;
        // Lengths and cut-off are given at the lower rate; in input samples they stretch by down/up when
        // down-sampling and stay as they are when up-sampling.
        double inputSamplesPerLowRateSample = Math.max(1.0, (double) down / up);
        double width = params.halfWidth() * inputSamplesPerLowRateSample;
        double cutoff = 0.5 * params.rolloff() / inputSamplesPerLowRateSample; // cycles per input sample
        this.halfLength = (int) Math.floor(width);
        // Distances run from phase/up + halfLength down to phase/up + halfLength - (tapsPerPhase - 1); with
        // 2 * halfLength + 2 taps every d in [-width, width] is covered for every phase.
        int needed = 2 * halfLength + 2;
        this.tapsPerPhase = (needed + TAP_BLOCK - 1) / TAP_BLOCK * TAP_BLOCK;
        this.taps = new float[up * tapsPerPhase];

        double beta = params.kaiserBeta();
        double i0Beta = besselI0(beta);
        double[] row = new double[tapsPerPhase];
        for (int phase = 0; phase < up; phase++) {
            double frac = (double) phase / up;
            double sum = 0;
            for (int j = 0; j < tapsPerPhase; j++) {
                double d = frac + halfLength - j;
                double r = d / width;
                if (Math.abs(r) > 1) {
                    row[j] = 0;
                    continue;
                }
                double window = besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
                row[j] = 2 * cutoff * sinc(2 * cutoff * d) * window;
                sum += row[j];
            }
            for (int j = 0; j < tapsPerPhase; j++) {
                taps[phase * tapsPerPhase + j] = (float) (row[j] / sum);
            }
        }
    }

    int up() {
        return up;
    }

    /** How many input samples before {@code base} the first tap reaches. */
    int halfLength() {
        return halfLength;
    }

    /** Taps per phase, a multiple of {@link #TAP_BLOCK}. */
    int tapsPerPhase() {
        return tapsPerPhase;
    }

    /** Index in {@link #taps()} of the first tap of {@code phase}. */
    int offset(int phase) {
        return phase * tapsPerPhase;
    }

    /** All taps, phase-major; shared, callers must not modify it. */
    float[] taps() {
        return taps;
    }

    /** A copy of the taps of one phase (for tests and inspection). */
    float[] phase(int phase) {
        float[] out = new float[tapsPerPhase];
        System.arraycopy(taps, offset(phase), out, 0, tapsPerPhase);
        return out;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges for all x). */
    static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        double halfX = x / 2;
        for (int k = 1; k < 500; k++) {
            double f = halfX / k;
            term *= f * f;
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
