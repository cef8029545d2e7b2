package org.serspark.audio;

import java.math.BigDecimal;

/**
 * Speed perturbation (Ko et al., Interspeech 2015; Kaldi's and sox's {@code speed}): a clip played {@code speed} times
 * as fast, so tempo and pitch change together by that factor, as a tape or a sampler would. Done by resampling the
 * samples by {@code 1 / speed} and keeping the nominal sample rate, with the same polyphase filter librosa's
 * {@code resample_poly} path uses (so no new filter design enters the features).
 *
 * <p>Factors have at most two decimals (0.9, 1.1, 0.95), which keeps the polyphase ratio small (e.g. 10/9).
 */
public final class SpeedPerturbation {
    public static final double MIN = 0.5;
    public static final double MAX = 2.0;

    private SpeedPerturbation() {
    }

    /** The samples played {@code speed} times as fast at the same sample rate ({@code ceil(n / speed)} samples). */
    public static float[] apply(float[] samples, double speed) {
        int hundredths = hundredths(speed);
        if (hundredths == 100) {
            return samples;
        }
        // "source rate" 100*speed to "target rate" 100: n * 100 / (100 * speed) samples out
        return PolyphaseResampler.of(hundredths, 100).resample(samples);
    }

    /**
     * The factor in hundredths, after checking it.
     *
     * @throws IllegalArgumentException for a factor outside [0.5, 2] or with more than two decimals
     */
    public static int hundredths(double speed) {
        return hundredths("speed", speed);
    }

    /** {@link #hundredths(double)} of any factor in the same range ({@link PitchShift}'s too); messages name it. */
    static int hundredths(String what, double factor) {
        if (!(factor >= MIN && factor <= MAX)) {
            throw new IllegalArgumentException(what + " must be between " + MIN + " and " + MAX + ", got " + factor);
        }
        double h = factor * 100;
        if (Math.abs(h - Math.rint(h)) > 1e-9) {
            throw new IllegalArgumentException(what + " may have at most two decimals (e.g. 0.9, 1.05), got "
                    + factor);
        }
        return (int) Math.rint(h);
    }

    /**
     * A setting's list of copies, checked: each factor playable ({@link #hundredths}), none 1 (the recording is not a
     * copy of itself), none twice. The messages name {@code setting} and say what its copies are ({@code role}).
     *
     * @return an unmodifiable copy of {@code speeds}
     */
    public static java.util.List<Double> copies(String setting, String role, java.util.List<Double> speeds) {
        return copies("speed", setting, role, speeds);
    }

    /** {@link #copies(String, String, java.util.List)} of factors named {@code what} ({@link PitchShift}'s too). */
    static java.util.List<Double> copies(String what, String setting, String role, java.util.List<Double> speeds) {
        for (double speed : speeds) {
            int h;
            try {
                h = hundredths(what, speed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
            }
            if (h == 100) {
                throw new IllegalArgumentException(setting + " lists " + role + "; 1 is not one of them: " + speeds);
            }
        }
        if (new java.util.HashSet<>(speeds).size() != speeds.size()) {
            throw new IllegalArgumentException(setting + " lists a factor twice: " + speeds);
        }
        return java.util.List.copyOf(speeds);
    }

    /** The factor as written in folder names and logs: {@code 0.9}, {@code 1.1}, {@code 1}. */
    public static String label(double speed) {
        return BigDecimal.valueOf(hundredths(speed), 2).stripTrailingZeros().toPlainString();
    }
}
