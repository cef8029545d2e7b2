package org.serspark.features;

import java.util.Arrays;

/**
 * {@code librosa.estimate_tuning(S=S, sr=sr, n_fft=n_fft, resolution, bins_per_octave)} 0.10.1: track spectral
 * peaks with {@link PitchTracker}, keep those whose magnitude reaches the median peak magnitude, and return the
 * most common deviation from the equal-tempered grid ({@link #pitchTuning}).
 *
 * <p>Immutable and thread-safe; each call allocates its peak buffers once (not per frame).
 */
public final class TuningEstimator {
    /** {@code resolution}: width of a tuning histogram bin, in fractions of a chroma bin. */
    public static final double RESOLUTION_DEFAULT = 0.01;
    /** {@code A440 / 16}: frequency of octave 0 in {@code librosa.hz_to_octs} at tuning 0. */
    private static final double OCTAVE_ZERO_HZ = 440.0 / 16;
    private static final double LN_2 = Math.log(2.0);
    /** Initial peak buffer size per frame; speech and music rarely have more peaks above 10% of the maximum. */
    private static final int EXPECTED_PEAKS_PER_FRAME = 16;

    private final PitchTracker tracker;
    private final int binsPerOctave;
    /** {@code np.linspace(-0.5, 0.5, ceil(1 / resolution) + 1)}: the histogram edges, also the returned values. */
    private final double[] edges;

    public TuningEstimator(PitchTracker tracker, double resolution, int binsPerOctave) {
        if (!(resolution > 0.0 && resolution <= 1.0)) {
            throw new IllegalArgumentException("resolution must be in (0, 1], got " + resolution);
        }
        if (binsPerOctave < 1) {
            throw new IllegalArgumentException("bins_per_octave must be >= 1, got " + binsPerOctave);
        }
        this.tracker = tracker;
        this.binsPerOctave = binsPerOctave;
        this.edges = linspace(-0.5, 0.5, (int) Math.ceil(1.0 / resolution) + 1);
    }

    /** librosa's defaults: piptrack defaults, resolution 0.01. */
    public static TuningEstimator librosaDefault(int sampleRate, int nFft, int binsPerOctave) {
        return new TuningEstimator(new PitchTracker(sampleRate, nFft, PitchTrackerParams.LIBROSA_DEFAULT),
                RESOLUTION_DEFAULT, binsPerOctave);
    }

    /** Tuning of a frame-major spectrogram {@code s[frame][bin]} in fractions of a bin, in {@code [-0.5, 0.5)}. */
    public double estimate(double[][] s) {
        int perFrame = tracker.maxPeaksPerFrame();
        double[] pitches = new double[Math.max(perFrame, Math.min(perFrame, EXPECTED_PEAKS_PER_FRAME) * s.length)];
        double[] mags = new double[pitches.length];
        int n = 0;
        for (double[] frame : s) {
            if (pitches.length - n < perFrame) {
                int grown = Math.max(pitches.length * 2, n + perFrame);
                pitches = Arrays.copyOf(pitches, grown);
                mags = Arrays.copyOf(mags, grown);
            }
            n += tracker.track(frame, pitches, mags, n);
        }
        // Only peaks with a positive frequency count, and only those at or above their median magnitude.
        int positive = 0;
        double[] positiveMags = new double[n];
        for (int i = 0; i < n; i++) {
            if (pitches[i] > 0) {
                positiveMags[positive++] = mags[i];
            }
        }
        double threshold = positive > 0 ? median(positiveMags, positive) : 0.0;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (pitches[i] > 0 && mags[i] >= threshold) {
                pitches[kept++] = pitches[i];
            }
        }
        return pitchTuning(pitches, kept);
    }

    /**
     * {@code librosa.pitch_tuning(frequencies[:count], resolution, bins_per_octave)}: the left edge of the fullest
     * histogram bin of the frequencies' deviations from the nearest grid pitch (the first one on ties), 0 when
     * there is no positive frequency.
     */
    public double pitchTuning(double[] frequencies, int count) {
        int nHistogramBins = edges.length - 1;
        int[] counts = new int[nHistogramBins];
        boolean any = false;
        for (int i = 0; i < count; i++) {
            double f = frequencies[i];
            if (!(f > 0)) {
                continue;
            }
            any = true;
            double residual = pythonMod(binsPerOctave * log2(f / OCTAVE_ZERO_HZ), 1.0);
            // A residual of 0.95 is more likely a deviation of -0.05 from the next pitch up.
            if (residual >= 0.5) {
                residual -= 1.0;
            }
            int bin = histogramBin(residual);
            if (bin >= 0) {
                counts[bin]++;
            }
        }
        if (!any) {
            return 0.0;
        }
        int best = 0;
        for (int b = 1; b < nHistogramBins; b++) {
            if (counts[b] > counts[best]) {
                best = b;
            }
        }
        return edges[best];
    }

    /**
     * The bin np.histogram puts {@code x} in: {@code edges[b] <= x < edges[b + 1]}, the last bin closed; -1 outside.
     * The arithmetic guess is corrected against the actual edges so rounding never moves a value across one.
     */
    private int histogramBin(double x) {
        int last = edges.length - 2;
        if (!(x >= edges[0] && x <= edges[last + 1])) {
            return -1;
        }
        int b = (int) ((x - edges[0]) / (edges[last + 1] - edges[0]) * (last + 1));
        b = Math.min(Math.max(b, 0), last);
        while (b > 0 && x < edges[b]) {
            b--;
        }
        while (b < last && x >= edges[b + 1]) {
            b++;
        }
        return b;
    }

    /** {@code np.median}: the middle value, or the mean of the two middle values for an even count. */
    private static double median(double[] values, int count) {
        Arrays.sort(values, 0, count);
        int mid = count / 2;
        return (count % 2 == 1) ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /** {@code np.mod} / Python {@code %}: the result takes the divisor's sign. */
    static double pythonMod(double x, double m) {
        double r = x % m;
        if (r != 0 && (r < 0) != (m < 0)) {
            r += m;
        }
        return r == 0 ? Math.copySign(0.0, m) : r;
    }

    static double log2(double x) {
        return Math.log(x) / LN_2;
    }

    /** {@code np.linspace(start, stop, num)}: {@code start + i * step} with the last value exactly {@code stop}. */
    static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }
}
