package org.serspark.features;

/**
 * {@code librosa.feature.mfcc(S=mel_db, n_mfcc, dct_type=2, norm='ortho', lifter=0)} 0.10.1: the first
 * {@code n_mfcc} coefficients of {@code scipy.fftpack.dct(mel_db, type=2, norm='ortho', axis=mel)}, as a
 * precomputed {@code [n_mfcc][n_mels]} cosine basis (a direct product is cheaper than a full DCT when only a
 * third of the coefficients is kept). Immutable and thread-safe.
 */
public final class Mfcc {
    public static final int N_MFCC_DEFAULT = 40;

    private final int nMels;
    /** {@code basis[k][n] = s_k * cos(pi * k * (2n + 1) / (2 N))}, {@code s_0 = sqrt(1/N)}, else {@code sqrt(2/N)}. */
    private final double[][] basis;

    public Mfcc(int nMels, int nMfcc) {
        if (nMfcc < 1 || nMfcc > nMels) {
            throw new IllegalArgumentException("n_mfcc must be in [1, n_mels=" + nMels + "], got " + nMfcc);
        }
        this.nMels = nMels;
        this.basis = new double[nMfcc][nMels];
        for (int k = 0; k < nMfcc; k++) {
            double scale = Math.sqrt((k == 0 ? 1.0 : 2.0) / nMels);
            for (int n = 0; n < nMels; n++) {
                basis[k][n] = scale * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * nMels));
            }
        }
    }

    public int nMels() {
        return nMels;
    }

    public int nMfcc() {
        return basis.length;
    }

    /** One frame: {@code out[outOffset + k] = sum_n basis[k][n] * melDb[inOffset + n]}. No allocation. */
    public void apply(double[] melDb, int inOffset, double[] out, int outOffset) {
        for (int k = 0; k < basis.length; k++) {
            double[] b = basis[k];
            double acc = 0.0;
            for (int n = 0; n < nMels; n++) {
                acc += b[n] * melDb[inOffset + n];
            }
            out[outOffset + k] = acc;
        }
    }
}
