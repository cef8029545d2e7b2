package org.serspark.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.serspark.features.PitchTracker;
import org.serspark.features.PitchTrackerParams;

/**
 * The power spectrogram carries librosa's float32 rounding bit for bit. Expected values come from numpy 1.24 /
 * librosa 0.10.1 on the reference machine (AVX512F): {@code np.abs(librosa.stft(y)) ** 2} with float32 {@code y}.
 */
class StftFloat32Test {
    private static final int SR = 48000;
    private static final float LSB = 1f / 32768;

    /** {re, im, np.abs(np.complex64(re + 1j * im))} as float32 bit patterns; hypot rounds each of them otherwise. */
    private static final int[][] NUMPY_COMPLEX64_ABS = {
        {983645465, 1065350562, 1065350574},    // 0.0012301534, 0.9998418 -> 0.9998425 (hypot 0.9998426)
        {-1092040036, 1034454882, 1055691468},  // -0.4546708, 0.08228947 -> 0.46205747 (hypot 0.46205744)
        {1068207148, 1066758791, 1071875032},   // 1.3402152, 1.1675576 -> 1.777461 (hypot 1.7774609)
        {-1088497807, -1091313833, 1061699423}, // -0.6204749, -0.47631332 -> 0.78221697 (hypot 0.782217)
    };

    @Test
    void complex64AbsRoundsAsNumpyDoes() {
        for (int[] c : NUMPY_COMPLEX64_ABS) {
            float re = Float.intBitsToFloat(c[0]);
            float im = Float.intBitsToFloat(c[1]);
            assertEquals(c[2], Float.floatToRawIntBits(Stft.complex64Abs(re, im)), re + " + " + im + "i");
        }
        assertEquals(0f, Stft.complex64Abs(0f, -0f));
        assertEquals(3f, Stft.complex64Abs(-3f, 0f));
    }

    /** numpy's AVX512F complex64 modulus as written there, with its branch for 0 (Stft's version has none). */
    private static float numpyComplex64Abs(float re, float im) {
        float a = Math.abs(re);
        float b = Math.abs(im);
        float larger = Math.max(a, b);
        if (larger == 0f) {
            return 0f;
        }
        float ratio = Math.min(a, b) / larger;
        return (float) Math.sqrt(Math.fma(ratio, ratio, 1f)) * larger;
    }

    @Test
    void complex64AbsRoundsLikeNumpysBranchyLoop() {
        java.util.Random rnd = new java.util.Random(11);
        for (int i = 0; i < 100_000; i++) {
            float re = Float.intBitsToFloat(rnd.nextInt());
            float im = i % 3 == 0 ? 0f : Float.intBitsToFloat(rnd.nextInt());
            if (Float.isNaN(re) || Float.isNaN(im) || Float.isInfinite(re) || Float.isInfinite(im)) {
                continue;
            }
            assertEquals(Float.floatToRawIntBits(numpyComplex64Abs(re, im)),
                    Float.floatToRawIntBits(Stft.complex64Abs(re, im)), re + " + " + im + "i");
        }
    }

    @Test
    void theVectorisedPowerLoopEqualsTheScalarOneBitForBit() {
        java.util.Random rnd = new java.util.Random(7);
        int n = 4099;
        float[] re = new float[n];
        float[] im = new float[n];
        for (int k = 0; k < n; k++) {
            // magnitudes from 1e-30 to 1e4, signs mixed, with zeros, subnormals, equal parts and one part 0
            re[k] = (float) ((rnd.nextBoolean() ? 1 : -1) * Math.pow(10, rnd.nextDouble() * 34 - 30));
            im[k] = switch (k % 7) {
                case 0 -> 0f;
                case 1 -> -re[k];
                case 2 -> Float.MIN_VALUE * (k % 5);
                default -> (float) ((rnd.nextBoolean() ? 1 : -1) * Math.pow(10, rnd.nextDouble() * 34 - 30));
            };
            if (k % 11 == 0) {
                re[k] = k % 22 == 0 ? 0f : -0f;
            }
        }
        double[] power = new double[n];
        float[] reCopy = re.clone();
        Stft.float32Powers(reCopy, im, power);
        for (int k = 0; k < n; k++) {
            float magnitude = numpyComplex64Abs(re[k], im[k]);
            double expected = magnitude * magnitude;
            assertEquals(Double.doubleToRawLongBits(expected),
                    Double.doubleToRawLongBits(power[k]), "bin " + k + ": " + re[k] + " + " + im[k] + "i");
        }
    }

    /**
     * One LSB impulse in digital silence has a flat spectrum, so the peaks piptrack finds in it are decided by the
     * last bit of every bin. librosa (float32) finds 44, 32, 53, 44 in the four frames that see the impulse; the
     * same spectrum in float64 gives 62, 45, 63, 33, and those extra peaks shift estimate_tuning's median.
     */
    @Test
    void impulseInSilenceHasLibrosasPeaks() {
        float[] y = new float[8192];
        y[3000] = -LSB;
        PowerSpectrogram power = new Stft(StftParams.LIBROSA_DEFAULT).power(y, SR);
        PitchTracker tracker = new PitchTracker(SR, StftParams.N_FFT_DEFAULT, PitchTrackerParams.LIBROSA_DEFAULT);
        double[] pitches = new double[tracker.maxPeaksPerFrame()];
        double[] mags = new double[pitches.length];
        int[] peaks = new int[power.nFrames()];
        for (int t = 0; t < peaks.length; t++) {
            peaks[t] = tracker.track(power.power()[t], pitches, mags, 0);
        }
        assertArrayEquals(new int[] {0, 0, 0, 0, 44, 32, 53, 44, 0, 0, 0, 0, 0, 0, 0, 0, 0}, peaks);
    }
}
