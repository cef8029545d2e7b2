package org.serspark.features;

/**
 * Chroma parameters mirroring {@code librosa.feature.chroma_stft} 0.10.1 defaults.
 *
 * @param nChroma     {@code n_chroma}: bins per octave (default 12)
 * @param fixedTuning {@code tuning}: a fixed tuning offset in fractions of a chroma bin, or {@code null} to
 *                    estimate it per clip with {@code librosa.estimate_tuning} (librosa's default)
 */
public record ChromaParams(int nChroma, Double fixedTuning) implements java.io.Serializable {
    public static final int N_CHROMA_DEFAULT = 12;
    public static final ChromaParams LIBROSA_DEFAULT = new ChromaParams(N_CHROMA_DEFAULT, null);

    public ChromaParams {
        if (nChroma < 1) {
            throw new IllegalArgumentException("n_chroma must be >= 1, got " + nChroma);
        }
        if (fixedTuning != null && !Double.isFinite(fixedTuning)) {
            throw new IllegalArgumentException("tuning must be finite, got " + fixedTuning);
        }
    }

    /** Whether the tuning is estimated per clip ({@code tuning=None}). */
    public boolean estimatesTuning() {
        return fixedTuning == null;
    }
}
