package org.serspark.audio;

/**
 * How loud a clip is, on the scale the samples are stored in (full scale = 1.0). Linear amplitudes are kept so that a
 * silent clip is an exact 0 rather than a clamped decibel floor; {@link #rmsDbfs()} and {@link #peakDbfs()} give
 * decibels relative to full scale, {@code -Infinity} for silence.
 *
 * @param rms  root mean square of the samples
 * @param peak largest absolute sample
 */
public record AudioLevel(double rms, double peak) {

    public static AudioLevel of(float[] samples) {
        double sumSquares = 0;
        double peak = 0;
        for (float s : samples) {
            sumSquares += (double) s * s;
            peak = Math.max(peak, Math.abs(s));
        }
        return new AudioLevel(samples.length == 0 ? 0 : Math.sqrt(sumSquares / samples.length), peak);
    }

    public double rmsDbfs() {
        return 20 * Math.log10(rms);
    }

    public double peakDbfs() {
        return 20 * Math.log10(peak);
    }
}
