package org.serspark.features;

/**
 * Parameters of {@code librosa.piptrack} 0.10.1 as {@code librosa.estimate_tuning} calls it (all defaults).
 *
 * @param fmin      {@code fmin}: lowest frequency considered, Hz (default 150)
 * @param fmax      {@code fmax}: frequencies must be strictly below this, Hz (default 4000; capped at Nyquist)
 * @param threshold {@code threshold}: a bin is a peak candidate only if it exceeds this fraction of its
 *                  frame's maximum ({@code ref=np.max}, default 0.1)
 */
public record PitchTrackerParams(double fmin, double fmax, double threshold) {
    public static final PitchTrackerParams LIBROSA_DEFAULT = new PitchTrackerParams(150.0, 4000.0, 0.1);

    public PitchTrackerParams {
        if (!(fmin <= fmax)) {
            throw new IllegalArgumentException("need fmin <= fmax, got " + fmin + ", " + fmax);
        }
        if (!(threshold >= 0.0)) {
            throw new IllegalArgumentException("threshold must be >= 0, got " + threshold);
        }
    }
}
