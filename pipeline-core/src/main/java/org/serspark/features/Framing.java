package org.serspark.features;

/** How many frames librosa cuts from a signal ({@code librosa.util.frame} after the optional centring pad). */
final class Framing {
    private Framing() {
    }

    /**
     * {@code 1 + (n + 2 * (frameLength // 2) - frameLength) // hop} with centring, {@code 1 + (n - frameLength) // hop}
     * without.
     *
     * @throws IllegalArgumentException when not even one frame fits
     */
    static int count(int nSamples, int frameLength, int hop, boolean center) {
        int padded = nSamples + (center ? 2 * (frameLength / 2) : 0);
        if (padded < frameLength) {
            throw new IllegalArgumentException("input of " + nSamples + " samples is too short for frame_length="
                    + frameLength + (center ? "" : " and center=false"));
        }
        return 1 + (padded - frameLength) / hop;
    }
}
