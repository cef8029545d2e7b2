package org.serspark.features;

import java.util.HashMap;
import java.util.Map;
import org.serspark.audio.PolyphaseResampler;
import org.serspark.spectrum.PowerSpectrogram;
import org.serspark.spectrum.Stft;

/**
 * Computes one clip's features for a {@link FeatureConfig}, librosa 0.10.1-exact: the power STFT is computed once
 * and every block derives from it (chroma and mel from the power, the centroid from its square root), except the
 * zero-crossing rate, which reads the samples.
 *
 * <p>Everything that depends only on the configuration and the sample rate (window, FFT plan, mel filter bank,
 * DCT basis, chroma filters, bin frequencies) is built once: in the constructor for a fixed target rate, on first
 * use of each rate for {@link FeatureConfig#NATIVE_RATE}.
 *
 * <p><b>Not thread-safe</b> (the STFT reuses its buffers and the per-rate cache is unsynchronised): create one
 * instance per thread, e.g. one per Spark partition.
 */
public final class FeatureExtractor {
    private final FeatureConfig config;
    private final Stft stft;
    private final Mfcc mfcc;
    private final Map<Integer, RateKernels> kernelsByRate = new HashMap<>();

    /** What depends on the sample rate. */
    private record RateKernels(MelFilterBank melBank, SpectralCentroid centroid, Chroma chroma) {
    }

    public FeatureExtractor(FeatureConfig config) {
        this.config = config;
        this.stft = new Stft(config.stft());
        this.mfcc = new Mfcc(config.nMels(), config.nMfcc());
        if (!config.nativeRate()) {
            kernelsFor(config.targetSampleRate());
        }
    }

    public FeatureConfig config() {
        return config;
    }

    /**
     * Frame-major features of a mono clip: resampled to the configured rate first when it differs from
     * {@code sampleRate}.
     *
     * @throws IllegalArgumentException for an empty clip or a non-positive sample rate
     */
    public FeatureSequence extract(float[] mono, int sampleRate) {
        int sr = analysisRate(sampleRate);
        float[] y = toAnalysisRate(mono, sampleRate, sr);
        RateKernels kernels = kernelsFor(sr);
        PowerSpectrogram power = stft.power(y, sr);
        int nFrames = power.nFrames();
        double tuning = kernels.chroma().tuningFor(power);
        double[][] chroma = kernels.chroma().compute(power, tuning);

        int nMels = config.nMels();
        int nMfcc = config.nMfcc();
        double[] melDb = melPower(power, kernels.melBank());
        config.powerToDb().applyInPlace(melDb, 0, melDb.length);
        double[] zcr = zeroCrossingRate(y);
        double[] centroid = kernels.centroid().compute(power);
        double[][] pitch = pitch(y, sr);

        int nChroma = config.nChroma();
        int chromaOffset = config.chromaOffset();
        int melOffset = config.melOffset();
        int zcrOffset = config.zcrOffset();
        int centroidOffset = config.centroidOffset();
        double[] mfccFrame = new double[nMfcc];
        float[][] frames = new float[nFrames][config.nFeatures()];
        for (int t = 0; t < nFrames; t++) {
            float[] out = frames[t];
            mfcc.apply(melDb, t * nMels, mfccFrame, 0);
            for (int k = 0; k < nMfcc; k++) {
                out[config.mfccOffset() + k] = (float) mfccFrame[k];
            }
            double[] c = chroma[t];
            for (int k = 0; k < nChroma; k++) {
                out[chromaOffset + k] = (float) c[k];
            }
            for (int m = 0; m < nMels; m++) {
                out[melOffset + m] = (float) melDb[t * nMels + m];
            }
            out[zcrOffset] = (float) zcr[t];
            out[centroidOffset] = (float) centroid[t];
            if (pitch != null) {
                out[config.pitchOffset()] = (float) pitch[2][t];
                out[config.pitchOffset() + 1] = (float) pitch[1][t];
            }
        }
        return new FeatureSequence(frames, config, tuning, sr);
    }

    /** Each block separately in librosa's {@code [rows][frames]} layout, e.g. for {@link FeatureJson}. */
    public FeatureBlocks blocks(float[] mono, int sampleRate) {
        return blocks(mono, sampleRate, true);
    }

    /** As {@link #blocks(float[], int)}; without chroma, {@code chroma} is null and the tuning NaN. */
    FeatureBlocks blocks(float[] mono, int sampleRate, boolean withChroma) {
        int sr = analysisRate(sampleRate);
        float[] y = toAnalysisRate(mono, sampleRate, sr);
        RateKernels kernels = kernelsFor(sr);
        PowerSpectrogram power = stft.power(y, sr);
        int nFrames = power.nFrames();
        double tuning = Double.NaN;
        double[][] chroma = null;
        if (withChroma) {
            tuning = kernels.chroma().tuningFor(power);
            chroma = transpose(kernels.chroma().compute(power, tuning), config.nChroma());
        }
        int nMels = config.nMels();
        int nMfcc = config.nMfcc();
        double[] melFlat = melPower(power, kernels.melBank());
        double[][] melPower = unflattenTransposed(melFlat, nFrames, nMels);
        config.powerToDb().applyInPlace(melFlat, 0, melFlat.length);
        double[][] melDb = unflattenTransposed(melFlat, nFrames, nMels);
        double[] mfccFlat = new double[nFrames * nMfcc];
        for (int t = 0; t < nFrames; t++) {
            mfcc.apply(melFlat, t * nMels, mfccFlat, t * nMfcc);
        }
        double[][] mfccRows = unflattenTransposed(mfccFlat, nFrames, nMfcc);
        double[][] zcr = {zeroCrossingRate(y)};
        double[][] centroid = {kernels.centroid().compute(power)};
        return new FeatureBlocks(nFrames, tuning, sr, melPower, melDb, mfccRows, chroma, zcr, centroid, pitch(y, sr));
    }

    private int analysisRate(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be > 0, got " + sampleRate);
        }
        return config.nativeRate() ? sampleRate : config.targetSampleRate();
    }

    private static float[] toAnalysisRate(float[] mono, int sampleRate, int analysisRate) {
        if (mono.length == 0) {
            throw new IllegalArgumentException("empty clip");
        }
        return sampleRate == analysisRate ? mono : PolyphaseResampler.of(sampleRate, analysisRate).resample(mono);
    }

    private RateKernels kernelsFor(int sr) {
        RateKernels k = kernelsByRate.get(sr);
        if (k == null) {
            int nFft = config.stft().nFft();
            k = new RateKernels(new MelFilterBank(sr, nFft, config.mel()), new SpectralCentroid(sr, nFft),
                    new Chroma(sr, nFft, config.chroma()));
            kernelsByRate.put(sr, k);
        }
        return k;
    }

    /** Frame-major flat {@code mel[t * n_mels + m]}: the whole clip is needed before the top_db floor. */
    private double[] melPower(PowerSpectrogram power, MelFilterBank bank) {
        int nMels = bank.nMels();
        double[][] p = power.power();
        double[] mel = new double[p.length * nMels];
        for (int t = 0; t < p.length; t++) {
            bank.apply(p[t], mel, t * nMels);
        }
        return mel;
    }

    /** f0 (librosa.yin's), aperiodicity and log2 f0 ({@link Yin#log2F0}) rows, or null without the pitch block. */
    private double[][] pitch(float[] y, int sr) {
        if (!config.hasPitch()) {
            return null;
        }
        double[][] p = config.pitch().compute(y, sr, config.stft().nFft(), config.stft().hop(), config.stft().center());
        return new double[][] {p[0], p[1], config.pitch().log2F0(p[0], p[1])};
    }

    private double[] zeroCrossingRate(float[] y) {
        return config.zcr().compute(y, config.stft().hop(), config.stft().center());
    }

    /** Frame-major flat {@code [frames * rows]} to {@code [rows][frames]}. */
    private static double[][] unflattenTransposed(double[] flat, int nFrames, int rows) {
        double[][] out = new double[rows][nFrames];
        for (int t = 0; t < nFrames; t++) {
            for (int r = 0; r < rows; r++) {
                out[r][t] = flat[t * rows + r];
            }
        }
        return out;
    }

    /** Frame-major {@code [frames][rows]} to {@code [rows][frames]}. */
    private static double[][] transpose(double[][] frameMajor, int rows) {
        double[][] out = new double[rows][frameMajor.length];
        for (int t = 0; t < frameMajor.length; t++) {
            for (int r = 0; r < rows; r++) {
                out[r][t] = frameMajor[t][r];
            }
        }
        return out;
    }
}
