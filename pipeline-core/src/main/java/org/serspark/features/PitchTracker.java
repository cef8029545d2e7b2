package org.serspark.features;

/**
 * {@code librosa.piptrack(S=S, sr=sr, n_fft=n_fft, fmin, fmax, threshold, ref=np.max)} 0.10.1, one frame at a
 * time: the bins of a frame that are local maxima after zeroing everything at or below {@code threshold * max},
 * refined by parabolic interpolation.
 *
 * <p>librosa returns dense {@code [bins][frames]} matrices that are zero except at the peaks; this class emits only
 * the peaks (pitch, magnitude), which is all {@code estimate_tuning} reads. It works on whatever spectrogram it is
 * given: {@code chroma_stft} hands librosa's piptrack the power spectrogram, not the magnitude.
 *
 * <p>Immutable and thread-safe.
 */
public final class PitchTracker {
    private final int sampleRate;
    private final int nFft;
    private final int nBins;
    private final double threshold;
    /** The feasible region {@code fmin <= f < fmax} as the bin range {@code [firstBin, endBin)}. */
    private final int firstBin;
    private final int endBin;

    public PitchTracker(int sampleRate, int nFft, PitchTrackerParams params) {
        if (sampleRate <= 0 || nFft < 2) {
            throw new IllegalArgumentException("need sampleRate > 0 and nFft >= 2, got " + sampleRate + ", " + nFft);
        }
        this.sampleRate = sampleRate;
        this.nFft = nFft;
        this.nBins = nFft / 2 + 1;
        this.threshold = params.threshold();
        double fmin = Math.max(params.fmin(), 0.0);
        double fmax = Math.min(params.fmax(), sampleRate / 2.0);
        // np.fft.rfftfreq(n_fft, d=1/sr) spacing, which is what librosa.fft_frequencies returns; the mask
        // compares these exact values with fmin/fmax.
        double binHz = 1.0 / (nFft * (1.0 / sampleRate));
        int first = nBins;
        int end = 0;
        for (int k = 0; k < nBins; k++) {
            double f = k * binHz;
            if (fmin <= f && f < fmax) {
                first = Math.min(first, k);
                end = k + 1;
            }
        }
        this.firstBin = first;
        this.endBin = Math.max(end, first);
    }

    /** Upper bound of peaks in one frame: a local maximum is strictly above its left neighbour, so no two peaks touch. */
    public int maxPeaksPerFrame() {
        return (endBin - firstBin + 1) / 2;
    }

    /**
     * Appends the peaks of one frame {@code s} (length {@code n_fft / 2 + 1}, non-negative) to
     * {@code pitches}/{@code mags} from index {@code offset}; the arrays need room for {@link #maxPeaksPerFrame()}.
     *
     * @return the number of peaks written
     */
    public int track(double[] s, double[] pitches, double[] mags, int offset) {
        if (s.length != nBins) {
            throw new IllegalArgumentException("frame has " + s.length + " bins, expected " + nBins);
        }
        double max = 0.0;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double ref = threshold * max;
        int n = offset;
        for (int k = firstBin; k < endBin; k++) {
            if (!isLocalMaxAboveRef(s, k, ref)) {
                continue;
            }
            double shift = 0.0;
            double slope; // np.gradient(S, axis=-2) at k
            if (k == 0) {
                slope = s[1] - s[0];
            } else if (k == nBins - 1) {
                slope = s[k] - s[k - 1];
            } else {
                slope = (s[k + 1] - s[k - 1]) / 2.0;
                shift = parabolicShift(s[k - 1], s[k], s[k + 1]);
            }
            pitches[n] = (k + shift) * sampleRate / nFft;
            mags[n] = s[k] + 0.5 * slope * shift;
            n++;
        }
        return n - offset;
    }

    /**
     * {@code util.localmax(S * (S > ref))} at bin k: strictly above the left neighbour, at least the right one.
     * librosa's stencil leaves bin 0 false and compares the last bin with its left neighbour only.
     */
    private boolean isLocalMaxAboveRef(double[] s, int k, double ref) {
        double x = s[k] > ref ? s[k] : 0.0;
        if (k == 0) {
            return false;
        }
        double left = s[k - 1] > ref ? s[k - 1] : 0.0;
        if (k == nBins - 1) {
            return x > left;
        }
        double right = s[k + 1] > ref ? s[k + 1] : 0.0;
        return x > left && x >= right;
    }

    /**
     * librosa's {@code _pi_stencil}: offset of the vertex of the parabola through three neighbouring bins, or 0
     * when it would lie more than one bin away (which also covers the flat case, so there is never a 0/0).
     */
    static double parabolicShift(double left, double centre, double right) {
        double a = right + left - 2 * centre;
        double b = (right - left) / 2;
        if (Math.abs(b) >= Math.abs(a)) {
            return 0.0;
        }
        return -b / a;
    }
}
