package org.serspark.audio;

/**
 * A clip's pitch made {@code factor} times as high at the same duration (1.1: 10 % higher, about 1.65 semitones), as
 * {@code librosa.effects.pitch_shift(y, sr=sr, n_steps=12 * log2(factor))} does it: time-stretched by
 * {@code rate = 1 / factor} ({@link TimeStretch}, so {@code factor} times as long), then played {@code factor} times as
 * fast ({@link SpeedPerturbation}: the same polyphase filter, where librosa resamples with soxr), and cut or padded to
 * the input's length. Where {@link SpeedPerturbation} moves pitch and tempo together, as a tape does, this moves the
 * pitch alone: another voice height at the same speaking rate.
 *
 * <p>Factors have at most two decimals, as speeds do, so the resampling ratio stays small (e.g. 110/100).
 */
public final class PitchShift {
    private PitchShift() {
    }

    /** The samples with their pitch {@code factor} times as high, {@code samples.length} of them. */
    public static float[] apply(float[] samples, double factor) {
        if (hundredths(factor) == 100) {
            return samples;
        }
        double rate = 1 / factor;
        float[] stretched = new TimeStretch().apply(samples, rate, TimeStretch.stretchedLength(samples.length, rate));
        return java.util.Arrays.copyOf(SpeedPerturbation.apply(stretched, factor), samples.length);
    }

    /**
     * The factor in hundredths, after checking it.
     *
     * @throws IllegalArgumentException for a factor outside [0.5, 2] or with more than two decimals
     */
    public static int hundredths(double factor) {
        return SpeedPerturbation.hundredths("pitch", factor);
    }

    /** training.pitch_perturbation's factors, checked as {@link SpeedPerturbation#copies} checks speeds. */
    public static java.util.List<Double> copies(java.util.List<Double> factors) {
        return SpeedPerturbation.copies("pitch", "pitch_perturbation",
                "the pitch-shifted copies added to the clips as recorded", factors);
    }
}
