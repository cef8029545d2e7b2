package org.serspark.features;

/**
 * Mel filter bank parameters mirroring {@code librosa.filters.mel} 0.10.1 defaults.
 *
 * @param nMels      {@code n_mels}: number of mel bands (default 128)
 * @param fmin       {@code fmin}: lowest band edge in Hz (default 0)
 * @param fmax       {@code fmax}: highest band edge in Hz, or {@code null} for {@code sr / 2} (librosa's {@code None})
 * @param htk        {@code htk}: HTK mel formula when true, Slaney's (linear below 1 kHz, log above) when false (default)
 * @param slaneyNorm {@code norm}: {@code 'slaney'} (divide each triangle by its width in Hz, i.e. constant area)
 *                   when true (default), {@code None} (peak 1) when false
 */
public record MelParams(int nMels, double fmin, Double fmax, boolean htk, boolean slaneyNorm)
        implements java.io.Serializable {
    public static final int N_MELS_DEFAULT = 128;
    public static final MelParams LIBROSA_DEFAULT = new MelParams(N_MELS_DEFAULT, 0.0, null, false, true);

    public MelParams {
        if (nMels < 1) {
            throw new IllegalArgumentException("n_mels must be >= 1, got " + nMels);
        }
        if (!(fmin >= 0.0)) {
            throw new IllegalArgumentException("fmin must be >= 0, got " + fmin);
        }
        if (fmax != null && !(fmax > fmin)) {
            throw new IllegalArgumentException("fmax must be > fmin, got fmax=" + fmax + ", fmin=" + fmin);
        }
    }

    /** The upper edge used at {@code sampleRate}: {@code fmax}, or the Nyquist frequency when unset. */
    public double fmaxFor(int sampleRate) {
        return fmax != null ? fmax : sampleRate / 2.0;
    }
}
