package org.serspark.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * What is done to a clip's samples before its features are computed (training-set augmentation, test-time copies):
 * played {@code speed} times as fast ({@link SpeedPerturbation}: tempo and pitch together) and its pitch made
 * {@code pitch} times as high at the same duration ({@link PitchShift}). Both 1: the clip as recorded.
 */
public record Perturbation(double speed, double pitch) implements java.io.Serializable {
    public static final Perturbation NONE = new Perturbation(1.0, 1.0);

    public Perturbation {
        SpeedPerturbation.hundredths(speed);
        PitchShift.hundredths(pitch);
    }

    public static Perturbation speed(double speed) {
        return new Perturbation(speed, 1.0);
    }

    public static Perturbation pitch(double pitch) {
        return new Perturbation(1.0, pitch);
    }

    /** The copies a training configuration reads: one per speed, then one per pitch factor. */
    public static List<Perturbation> copies(List<Double> speeds, List<Double> pitches) {
        List<Perturbation> out = new ArrayList<>();
        speeds.forEach(s -> out.add(speed(s)));
        pitches.forEach(p -> out.add(pitch(p)));
        return List.copyOf(out);
    }

    public boolean none() {
        return equals(NONE);
    }

    /** The samples as they are perturbed: pitch first (at the recording's tempo), then speed. */
    public float[] apply(float[] samples) {
        return SpeedPerturbation.apply(PitchShift.apply(samples, pitch), speed);
    }

    /**
     * Where {@code extract} writes a copy of a corpus so perturbed, under the extract of the recordings:
     * {@code speed-0.9}, {@code pitch-1.1}, both {@code speed-0.9-pitch-1.1}.
     *
     * @throws IllegalStateException for {@link #NONE} (the recordings are the extract itself)
     */
    public String folder() {
        if (none()) {
            throw new IllegalStateException("the clips as recorded have no copy folder");
        }
        return String.join("-", parts("speed-", "pitch-"));
    }

    /** The extract flags that make this copy: {@code --speed 0.9}, {@code --pitch 1.1}. */
    public String flags() {
        return String.join(" ", parts("--speed ", "--pitch "));
    }

    /**
     * For logs and messages: {@code as recorded}, {@code speed 0.9}, {@code pitch 1.1}, {@code speed 0.9, pitch 1.1}.
     */
    @Override
    public String toString() {
        return none() ? "as recorded" : String.join(", ", parts("speed ", "pitch "));
    }

    /** Each factor other than 1, after its prefix, speed first. */
    private List<String> parts(String speedPrefix, String pitchPrefix) {
        List<String> parts = new ArrayList<>();
        if (speed != 1.0) {
            parts.add(speedPrefix + SpeedPerturbation.label(speed));
        }
        if (pitch != 1.0) {
            parts.add(pitchPrefix + SpeedPerturbation.label(pitch));
        }
        return parts;
    }
}
