package org.serspark.features;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code librosa.filters.chroma(sr, n_fft, n_chroma, tuning, ctroct=5.0, octwidth=2, norm=2, base_c=True)} 0.10.1:
 * for every chroma bin a Gaussian bump over the FFT bins (in pitch space, width one FFT bin or one chroma bin,
 * whichever is wider), each FFT bin's column L2-normalised across chroma, weighted by a Gaussian over octaves
 * centred on {@code ctroct}, rotated so that row 0 is C.
 *
 * <p>librosa returns the bank as float32; the weights here are rounded to float32 the same way and held as
 * doubles. Immutable and thread-safe; {@link #of} caches one bank per configuration because the estimated
 * tuning only takes {@code 1 / resolution + 1} distinct values.
 */
public final class ChromaFilterBank {
    /** {@code ctroct}: centre of the octave weighting, in octaves above A0/16 (5 = A440 / 16 * 2^5 = 880 Hz). */
    public static final double CENTRE_OCTAVE = 5.0;
    /** {@code octwidth}: standard deviation of the octave weighting, in octaves. */
    public static final double OCTAVE_WIDTH = 2.0;
    /** The 0 Hz bin gets a made-up pitch 1.5 octaves below bin 1, so its bump is broad and half-rotated. */
    private static final double DC_OCTAVES_BELOW_BIN_1 = 1.5;
    /** Offset in octaves added before the modulo so its argument is positive (librosa's {@code 10 * n_chroma}). */
    private static final int POSITIVE_OFFSET_OCTAVES = 10;
    /** Beyond this many distinct banks (arbitrary fixed tunings), build without caching to bound memory. */
    private static final int MAX_CACHED = 512;
    private static final Map<Key, ChromaFilterBank> CACHE = new ConcurrentHashMap<>();

    private record Key(int sampleRate, int nFft, int nChroma, double tuning) {
    }

    private final int nChroma;
    private final int nBins;
    /** {@code [n_chroma][n_fft / 2 + 1]}. */
    private final double[][] weights;

    private ChromaFilterBank(int nChroma, int nBins, double[][] weights) {
        this.nChroma = nChroma;
        this.nBins = nBins;
        this.weights = weights;
    }

    /** The bank for this configuration, built once and shared. */
    public static ChromaFilterBank of(int sampleRate, int nFft, int nChroma, double tuning) {
        Key key = new Key(sampleRate, nFft, nChroma, tuning);
        ChromaFilterBank bank = CACHE.get(key);
        if (bank != null) {
            return bank;
        }
        if (CACHE.size() >= MAX_CACHED) {
            return build(sampleRate, nFft, nChroma, tuning);
        }
        return CACHE.computeIfAbsent(key, k -> build(k.sampleRate(), k.nFft(), k.nChroma(), k.tuning()));
    }

    /** Builds the bank without the cache. */
    public static ChromaFilterBank build(int sampleRate, int nFft, int nChroma, double tuning) {
        if (sampleRate <= 0 || nFft < 2 || nChroma < 1 || !Double.isFinite(tuning)) {
            throw new IllegalArgumentException("bad chroma filter bank config: sr=" + sampleRate + " n_fft=" + nFft
                    + " n_chroma=" + nChroma + " tuning=" + tuning);
        }
        // Pitch of every FFT bin in chroma bins (hz_to_octs * n_chroma) over the full, two-sided n_fft bins,
        // as librosa does before discarding the aliased half: the widths below need the neighbours.
        double a440 = 440.0 * Math.pow(2.0, tuning / nChroma);
        double octaveZeroHz = a440 / 16;
        double binHz = (double) sampleRate / nFft; // np.linspace(0, sr, n_fft, endpoint=False) spacing
        double[] frqbins = new double[nFft];
        for (int k = 1; k < nFft; k++) {
            frqbins[k] = nChroma * TuningEstimator.log2(k * binHz / octaveZeroHz);
        }
        frqbins[0] = frqbins[1] - DC_OCTAVES_BELOW_BIN_1 * nChroma;
        double[] binWidth = new double[nFft];
        for (int k = 0; k < nFft - 1; k++) {
            binWidth[k] = Math.max(frqbins[k + 1] - frqbins[k], 1.0);
        }
        binWidth[nFft - 1] = 1.0;

        int nBins = nFft / 2 + 1;
        double halfChroma = Math.rint(nChroma / 2.0); // np.round: half to even
        double[][] w = new double[nChroma][nFft];
        for (int k = 0; k < nFft; k++) {
            double sumSquares = 0.0;
            for (int c = 0; c < nChroma; c++) {
                // distance from chroma bin c, wrapped into [-n_chroma/2, n_chroma/2)
                double d = TuningEstimator.pythonMod(
                        frqbins[k] - c + halfChroma + POSITIVE_OFFSET_OCTAVES * nChroma, nChroma) - halfChroma;
                double z = 2 * d / binWidth[k]; // 2*D makes the bumps narrower
                double v = Math.exp(-0.5 * (z * z));
                w[c][k] = v;
                sumSquares += v * v;
            }
            double length = Math.sqrt(sumSquares);
            if (length < Double.MIN_NORMAL) { // util.normalize leaves columns below tiny(float64) as they are
                length = 1.0;
            }
            double z = (frqbins[k] / nChroma - CENTRE_OCTAVE) / OCTAVE_WIDTH;
            double octaveWeight = Math.exp(-0.5 * (z * z));
            for (int c = 0; c < nChroma; c++) {
                w[c][k] = w[c][k] / length * octaveWeight;
            }
        }
        // base_c: np.roll(wts, -3 * (n_chroma // 12), axis=0) so that row 0 is C rather than A.
        int roll = 3 * (nChroma / 12);
        double[][] out = new double[nChroma][nBins];
        for (int c = 0; c < nChroma; c++) {
            double[] src = w[(c + roll) % nChroma];
            for (int k = 0; k < nBins; k++) {
                out[c][k] = (float) src[k];
            }
        }
        return new ChromaFilterBank(nChroma, nBins, out);
    }

    public int nChroma() {
        return nChroma;
    }

    public int nBins() {
        return nBins;
    }

    /** Weight of FFT bin {@code bin} in chroma bin {@code chroma}. */
    public double weight(int chroma, int bin) {
        return weights[chroma][bin];
    }

    /** {@code out[c] = sum_f weights[c][f] * frame[f]}, i.e. {@code chromafb @ S[:, t]}. */
    public void apply(double[] frame, double[] out) {
        if (frame.length != nBins || out.length < nChroma) {
            throw new IllegalArgumentException("frame has " + frame.length + " bins, expected " + nBins);
        }
        for (int c = 0; c < nChroma; c++) {
            out[c] = dot(weights[c], frame);
        }
    }

    /** Four independent partial sums break the add dependency chain; the JIT keeps them in registers. */
    private static double dot(double[] a, double[] b) {
        int n = a.length;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
