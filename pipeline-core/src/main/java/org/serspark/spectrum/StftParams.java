package org.serspark.spectrum;

/**
 * Short-time Fourier transform parameters, mirroring {@code librosa.stft} 0.10.1 defaults.
 *
 * @param nFft   {@code n_fft}: frame length and FFT size (default 2048)
 * @param hop    {@code hop_length}: samples between frame starts (default 512 = n_fft / 4)
 * @param center {@code center}: pad {@code n_fft / 2} zeros on each side so that frame {@code t} is centred
 *               on sample {@code t * hop} (librosa >= 0.9 pads with zeros, {@code pad_mode="constant"})
 */
public record StftParams(int nFft, int hop, boolean center) implements java.io.Serializable {
    public static final int N_FFT_DEFAULT = 2048;
    public static final int HOP_DEFAULT = 512;
    public static final StftParams LIBROSA_DEFAULT = new StftParams(N_FFT_DEFAULT, HOP_DEFAULT, true);

    public StftParams {
        if (nFft < 2 || Integer.bitCount(nFft) != 1) {
            throw new IllegalArgumentException("n_fft must be a power of two >= 2, got " + nFft);
        }
        if (hop < 1) {
            throw new IllegalArgumentException("hop_length must be >= 1, got " + hop);
        }
    }

    /** Number of frequency bins, {@code 1 + n_fft / 2}. */
    public int nBins() {
        return nFft / 2 + 1;
    }

    /** Frames librosa produces for {@code nSamples} input samples. */
    public int nFrames(int nSamples) {
        if (center) {
            return 1 + nSamples / hop;
        }
        if (nSamples < nFft) {
            throw new IllegalArgumentException("input of " + nSamples + " samples is shorter than n_fft=" + nFft
                    + " and center=false");
        }
        return 1 + (nSamples - nFft) / hop;
    }
}
