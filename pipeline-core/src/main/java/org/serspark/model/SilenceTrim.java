package org.serspark.model;

import java.util.Arrays;

/**
 * Drops a clip's leading and trailing silence on its feature frames, as {@code librosa.effects.trim} does on audio:
 * frames whose energy is more than {@code topDb} below the clip's loudest frame are cut from both ends (never from
 * the middle). RAVDESS clips open with about a second of room noise and their levels differ by 45 dB, so the
 * last-frame read-out otherwise looks at silence.
 *
 * <p>A frame's energy is the sum of its mel-band powers, recovered from the mel dB block ({@code ref=1}), where
 * librosa's trim uses the RMS of the waveform frame: the same framing (2048/512, centred), band-limited to the mel
 * filters' range.
 */
public final class SilenceTrim {
    private SilenceTrim() {
    }

    /** {@code [first, end)} of the frames to keep; the loudest frame is always kept. */
    public static int[] bounds(float[][] frames, int melOffset, int nMels, double topDb) {
        double[] db = new double[frames.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames.length; t++) {
            double power = 0;
            for (int k = 0; k < nMels; k++) {
                power += Math.pow(10, frames[t][melOffset + k] / 10.0);
            }
            db[t] = 10 * Math.log10(Math.max(power, 1e-30));
            max = Math.max(max, db[t]);
        }
        int first = 0;
        while (first < frames.length - 1 && db[first] < max - topDb) {
            first++;
        }
        int end = frames.length;
        while (end > first + 1 && db[end - 1] < max - topDb) {
            end--;
        }
        return new int[] {first, end};
    }

    /** The clip without its leading and trailing silence (the same array when nothing is cut). */
    public static float[][] trim(float[][] frames, int melOffset, int nMels, double topDb) {
        int[] b = bounds(frames, melOffset, nMels, topDb);
        return b[0] == 0 && b[1] == frames.length ? frames : Arrays.copyOfRange(frames, b[0], b[1]);
    }
}
