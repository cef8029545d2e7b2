package org.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.serspark.GoldenFixture;

class PolyphaseResamplerTest {
    private static final int RAVDESS_RATE = 48000;
    private static final int TARGET_RATE = 22050;
    private static final double AMPLITUDE = 0.5;
    /** Output samples ignored at each end when measuring steady-state behaviour (the kernel reaches ~80). */
    private static final int EDGE = 200;
    private static final double DURATION_SECONDS = 0.5;

    // ---------------------------------------------------------------- pass-band

    @ParameterizedTest(name = "{2} Hz from {0} to {1} Hz")
    @CsvSource({
            "48000, 22050, 100", "48000, 22050, 1000", "48000, 22050, 5000", "48000, 22050, 9920",
            "44100, 22050, 440", "44100, 22050, 9920",
            "96000, 22050, 3000", "96000, 22050, 9920",
            "16000, 22050, 1000", "16000, 22050, 7200",
            "8000, 22050, 250", "8000, 22050, 3600",
            "22050, 16000, 7200", "48000, 16000, 7200", "11025, 22050, 4960",
    })
    void passBandTonesKeepTheirAmplitudeWithinATenthOfADecibel(int source, int target, double freq) {
        float[] y = PolyphaseResampler.of(source, target).resample(tone(source, freq, 0.3));
        double[] fit = fitTone(y, target, freq, EDGE);
        double gainDb = 20 * Math.log10(Math.hypot(fit[0], fit[1]) / AMPLITUDE);
        assertTrue(Math.abs(gainDb) < 0.1, "gain " + gainDb + " dB");
        // All the output is the tone: nothing else (images, aliases, distortion) above -80 dB.
        assertTrue(residualDb(y, target, freq, fit) < -80, "residual " + residualDb(y, target, freq, fit) + " dB");
    }

    // ---------------------------------------------------------------- stop-band

    @Test
    void aShortClipAfterALongOneOnTheSameThreadIsUntouchedByTheLongOnesSamples() throws Exception {
        // the row buffers are reused per thread: a long, loud clip must leave nothing behind for a short, quiet one
        // (rates 44.1 kHz -> 22.05 kHz use copied rows, 48 kHz -> 22.05 kHz gathered ones)
        for (int[] rates : new int[][] {{RAVDESS_RATE, TARGET_RATE}, {44100, TARGET_RATE}, {16000, TARGET_RATE}}) {
            Random r = new Random(11);
            float[] loud = new float[rates[0] * 3];
            for (int i = 0; i < loud.length; i++) {
                loud[i] = (float) (r.nextGaussian() * 1000);
            }
            float[] quiet = new float[rates[0] / 7 + 3];
            for (int i = 0; i < quiet.length; i++) {
                quiet[i] = (float) Math.sin(i * 0.01);
            }
            PolyphaseResampler p = PolyphaseResampler.of(rates[0], rates[1]);
            ExecutorService fresh = Executors.newSingleThreadExecutor();
            float[] expected;
            try {
                expected = fresh.submit(() -> p.resample(quiet)).get(); // a thread that never saw the loud clip
            } finally {
                fresh.shutdown();
            }
            p.resample(loud);
            assertArrayEquals(expected, p.resample(quiet), 0f, rates[0] + " Hz");
        }
    }

    @Test
    void toneAboveTheTargetNyquistIsRejectedBy80Decibels() {
        float[] y = PolyphaseResampler.of(RAVDESS_RATE, TARGET_RATE).resample(tone(RAVDESS_RATE, 15000, 0));
        double db = energyRelativeToPassBandTone(y);
        assertTrue(db < -80, "15 kHz came through at " + db + " dB");
    }

    @Test
    void everyToneFromTheStopBandEdgeToTheInputNyquistIsRejectedBy80Decibels() {
        // Single tones catch a narrow weak spot (a side-lobe peak near the edge) that a sweep would average out.
        PolyphaseResampler r = PolyphaseResampler.of(RAVDESS_RATE, TARGET_RATE);
        for (double freq = 11500; freq < RAVDESS_RATE / 2.0; freq += 100) {
            double db = energyRelativeToPassBandTone(r.resample(tone(RAVDESS_RATE, freq, 0.1)));
            assertTrue(db < -80, freq + " Hz came through at " + db + " dB");
        }
    }

    @ParameterizedTest(name = "{2}..{3} Hz sweep from {0} to {1} Hz")
    @CsvSource({"48000, 22050, 11500, 20000", "96000, 22050, 11500, 47000", "44100, 22050, 11500, 22000",
            "48000, 16000, 8350, 23000"})
    void sweepAboveTheTargetNyquistIsRejectedBy80Decibels(int source, int target, double f0, double f1) {
        int n = (int) (DURATION_SECONDS * source);
        float[] x = new float[n];
        double seconds = (double) n / source;
        for (int i = 0; i < n; i++) {
            double t = (double) i / source;
            x[i] = (float) (AMPLITUDE * Math.sin(2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2 * seconds))));
        }
        float[] y = PolyphaseResampler.of(source, target).resample(x);
        double db = energyRelativeToPassBandTone(y);
        assertTrue(db < -80, "sweep came through at " + db + " dB");
    }

    @Test
    void upSamplingLeavesNoImages() {
        // 7 kHz at 16 kHz has its first image at 9 kHz, inside the 22050 Hz output band.
        // Fitting 9 kHz alone would pick up -76 dB of leakage from the 7 kHz tone over this short window, so
        // the image is measured as everything left after removing the fitted 7 kHz tone.
        float[] y = PolyphaseResampler.of(16000, TARGET_RATE).resample(tone(16000, 7000, 0));
        double[] fit = fitTone(y, TARGET_RATE, 7000, EDGE);
        double imageDb = residualDb(y, TARGET_RATE, 7000, fit);
        assertTrue(imageDb < -80, "image at " + imageDb + " dB");
        // ... and the residual measure does see a 9 kHz component of that size: add one at -75 dB.
        double leak = AMPLITUDE * Math.pow(10, -75 / 20.0);
        for (int k = 0; k < y.length; k++) {
            y[k] += (float) (leak * Math.sin(2 * Math.PI * 9000 * k / TARGET_RATE));
        }
        assertTrue(residualDb(y, TARGET_RATE, 7000, fitTone(y, TARGET_RATE, 7000, EDGE)) > -76);
    }

    // ---------------------------------------------------------------- golden scipy output

    @Test
    void agreesWithScipyResamplePolyOnTheGoldenStereoSpeech() throws AudioFormatException {
        GoldenFixture golden = GoldenFixture.load("speech_stereo_48000");
        float[] mono = decodeStereo16BitMean(golden.wavBytes(), RAVDESS_RATE);
        double[] head = golden.decodedHead();
        for (int i = 0; i < head.length; i++) {
            assertEquals(head[i], mono[i], 1e-9, "decoded sample " + i); // JSON keeps 9 digits
        }
        float[] y = PolyphaseResampler.of(RAVDESS_RATE, TARGET_RATE).resample(mono);
        double[] expected = golden.resampledSamples();
        assertEquals(expected.length, y.length);
        int edge = 64;
        double signal = 0;
        double error = 0;
        for (int k = edge; k < y.length - edge; k++) {
            signal += expected[k] * expected[k];
            error += (y[k] - expected[k]) * (y[k] - expected[k]);
        }
        double snrDb = 10 * Math.log10(signal / error);
        assertTrue(snrDb >= 40, "SNR " + snrDb + " dB");
    }

    // ---------------------------------------------------------------- length, copies, timing

    @Test
    void outputLengthIsTheCeilingOfNTimesTheRatio() {
        int[][] pairs = {{48000, 22050}, {44100, 22050}, {16000, 22050}, {8000, 22050}, {96000, 22050},
                {22050, 16000}, {22050, 22050}, {11025, 22050}, {32000, 22050}, {48000, 16000}};
        for (int[] pair : pairs) {
            for (int n = 0; n < 5000; n++) {
                long exact = ((long) n * pair[1] + pair[0] - 1) / pair[0];
                assertEquals(exact, PolyphaseResampler.outputLength(n, pair[0], pair[1]),
                        "n=" + n + " " + pair[0] + "->" + pair[1]);
            }
            for (int n : new int[] {177600, 163170, 355200, 1 << 20, 48000 * 60}) {
                assertEquals(((long) n * pair[1] + pair[0] - 1) / pair[0],
                        PolyphaseResampler.outputLength(n, pair[0], pair[1]));
            }
        }
        assertEquals(81585, PolyphaseResampler.outputLength(177600, RAVDESS_RATE, TARGET_RATE));
    }

    @ParameterizedTest(name = "{0} samples from {1} to {2} Hz")
    @CsvSource({"0, 48000, 22050", "1, 48000, 22050", "2, 48000, 22050", "3, 44100, 22050", "319, 48000, 22050",
            "320, 48000, 22050", "321, 48000, 22050", "1, 8000, 22050", "5, 16000, 22050", "1000, 96000, 22050",
            "177600, 48000, 22050", "12345, 22050, 16000"})
    void resampleReturnsExactlyOutputLengthSamples(int n, int source, int target) {
        float[] x = noise(n, 7);
        float[] y = PolyphaseResampler.of(source, target).resample(x);
        assertEquals(PolyphaseResampler.outputLength(n, source, target), y.length);
        for (float v : y) {
            assertTrue(Float.isFinite(v));
        }
    }

    @ParameterizedTest(name = "{0} samples from {1} to {2} Hz")
    @CsvSource({"177600, 48000, 22050", "1001, 48000, 22050", "50, 48000, 22050", "20001, 44100, 22050",
            "7777, 16000, 22050", "3001, 8000, 22050", "40000, 96000, 22050", "9999, 22050, 16000",
            "3000, 11025, 22050", "30000, 48000, 16000"})
    void rowLayoutComputesTheSameSumsAsTheDirectPolyphaseFormula(int n, int source, int target) {
        PolyphaseResampler r = PolyphaseResampler.of(source, target);
        PolyphaseFilterBank bank = r.filterBank();
        int up = bank.up();
        long down = (long) source * up / target;
        float[] x = noise(n, n);
        float[] y = r.resample(x);
        for (int k = 0; k < y.length; k++) {
            long base = k * down / up;
            int phase = (int) (k * down % up);
            float[] taps = bank.phase(phase);
            double expected = 0;
            for (int j = 0; j < taps.length; j++) {
                long i = base - bank.halfLength() + j;
                if (i >= 0 && i < n) {
                    expected += taps[j] * (double) x[(int) i];
                }
            }
            assertEquals(expected, y[k], 2e-6, "output " + k);
        }
    }

    @Test
    void equalRatesReturnACopy() {
        float[] x = noise(1000, 3);
        PolyphaseResampler same = PolyphaseResampler.of(TARGET_RATE, TARGET_RATE);
        float[] y = same.resample(x);
        assertNotSame(x, y);
        assertArrayEquals(x, y, 0f);
        assertEquals(0, same.tapsPerPhase());
    }

    @Test
    void instancesAreCachedPerRatePair() {
        assertSame(PolyphaseResampler.of(RAVDESS_RATE, TARGET_RATE), PolyphaseResampler.of(RAVDESS_RATE, TARGET_RATE));
        assertNotSame(PolyphaseResampler.of(RAVDESS_RATE, TARGET_RATE), PolyphaseResampler.of(44100, TARGET_RATE));
        assertThrows(IllegalArgumentException.class, () -> PolyphaseResampler.of(0, TARGET_RATE));
    }

    @ParameterizedTest(name = "{0} to {1} Hz")
    @CsvSource({"48000, 22050", "44100, 22050", "16000, 22050", "8000, 22050", "96000, 22050", "22050, 16000"})
    void outputIsNotShiftedInTime(int source, int target) {
        // A low tone's phase moves 2 pi f / source per input sample of shift: 50 Hz at 48 kHz is 6.5e-3 rad.
        double freq = 50;
        double phase = 0.7;
        int n = (int) (DURATION_SECONDS * source);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (AMPLITUDE * Math.sin(2 * Math.PI * freq * i / source + phase));
        }
        float[] y = PolyphaseResampler.of(source, target).resample(x);
        double[] fit = fitTone(y, target, freq, EDGE);
        // a cos + b sin = A sin(theta + phase) gives a = A sin(phase), b = A cos(phase).
        double measured = Math.atan2(fit[0], fit[1]);
        double shiftInInputSamples = (measured - phase) / (2 * Math.PI * freq / source);
        assertTrue(Math.abs(shiftInInputSamples) < 0.01, "shifted by " + shiftInInputSamples + " input samples");
    }

    @Test
    void bandLimitedPulsePeaksWhereItWasPut() {
        // Gaussian pulse (band-limited in practice: sigma 8 input samples puts it < -100 dB above 5 kHz),
        // centred at a fractional input position; its output peak must sit at centre * target / source.
        double centre = 24000.37;
        double sigma = 8;
        float[] x = new float[48000];
        for (int i = 0; i < x.length; i++) {
            double d = (i - centre) / sigma;
            x[i] = (float) Math.exp(-0.5 * d * d);
        }
        float[] y = PolyphaseResampler.of(RAVDESS_RATE, TARGET_RATE).resample(x);
        double expectedPeak = centre * TARGET_RATE / RAVDESS_RATE;
        // The output is the same Gaussian (sigma scaled): fit a parabola to log(y) at the three top samples.
        int k = (int) Math.round(expectedPeak);
        for (int i = 0; i < y.length; i++) {
            if (y[i] > y[k]) {
                k = i;
            }
        }
        double lm = Math.log(y[k - 1]);
        double l0 = Math.log(y[k]);
        double lp = Math.log(y[k + 1]);
        double peak = k + 0.5 * (lm - lp) / (lm - 2 * l0 + lp);
        assertEquals(expectedPeak, peak, 1e-3);
    }

    // ---------------------------------------------------------------- DC, filter bank, threads

    @ParameterizedTest(name = "{0} to {1} Hz")
    @CsvSource({"48000, 22050", "44100, 22050", "8000, 22050", "22050, 16000"})
    void constantInputStaysConstantAwayFromTheEdges(int source, int target) {
        float[] x = new float[source / 10];
        java.util.Arrays.fill(x, 0.25f);
        float[] y = PolyphaseResampler.of(source, target).resample(x);
        for (int k = EDGE; k < y.length - EDGE; k++) {
            assertEquals(0.25, y[k], 1e-6, "sample " + k);
        }
    }

    @Test
    void filterBankPhasesSumToOneAndMirrorEachOther() {
        PolyphaseFilterBank bank = PolyphaseResampler.of(RAVDESS_RATE, TARGET_RATE).filterBank();
        int up = bank.up();
        int h = bank.halfLength();
        assertEquals(147, up);
        assertEquals(160, bank.tapsPerPhase());
        for (int q = 0; q < up; q++) {
            float[] taps = bank.phase(q);
            double sum = 0;
            for (float t : taps) {
                sum += t;
            }
            assertEquals(1.0, sum, 1e-6, "phase " + q);
            // h is symmetric: phase q at distance d and phase up - q (or 0 with itself) at -d.
            float[] mirror = bank.phase((up - q) % up);
            int pivot = q == 0 ? 2 * h : 2 * h + 1;
            for (int j = 0; j <= pivot; j++) {
                assertEquals(taps[j], mirror[pivot - j], 1e-7, "phase " + q + " tap " + j);
            }
        }
    }

    @Test
    void concurrentCallsGiveTheSameResult() throws Exception {
        PolyphaseResampler r = PolyphaseResampler.of(RAVDESS_RATE, TARGET_RATE);
        float[] x = noise(20000, 11);
        float[] expected = r.resample(x);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> r.resample(x)));
            }
            for (Future<float[]> f : results) {
                assertArrayEquals(expected, f.get(), 0f);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static float[] tone(int rate, double freq, double phase) {
        int n = (int) (DURATION_SECONDS * rate);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (AMPLITUDE * Math.sin(2 * Math.PI * freq * i / rate + phase));
        }
        return x;
    }

    private static float[] noise(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.1 * random.nextGaussian());
        }
        return x;
    }

    /** Least-squares {@code (a, b)} with {@code y[k] ~ a cos(w k) + b sin(w k)}, {@code w = 2 pi f / rate}. */
    private static double[] fitTone(float[] y, int rate, double freq, int edge) {
        double w = 2 * Math.PI * freq / rate;
        double cc = 0;
        double ss = 0;
        double cs = 0;
        double yc = 0;
        double ys = 0;
        for (int k = edge; k < y.length - edge; k++) {
            double c = Math.cos(w * k);
            double s = Math.sin(w * k);
            cc += c * c;
            ss += s * s;
            cs += c * s;
            yc += y[k] * c;
            ys += y[k] * s;
        }
        double det = cc * ss - cs * cs;
        return new double[] {(yc * ss - ys * cs) / det, (ys * cc - yc * cs) / det};
    }

    /** Energy left after removing the fitted tone, relative to the tone's ideal energy, in dB. */
    private static double residualDb(float[] y, int rate, double freq, double[] fit) {
        double w = 2 * Math.PI * freq / rate;
        double energy = 0;
        int count = 0;
        for (int k = EDGE; k < y.length - EDGE; k++) {
            double e = y[k] - fit[0] * Math.cos(w * k) - fit[1] * Math.sin(w * k);
            energy += e * e;
            count++;
        }
        return 10 * Math.log10(energy / count / (AMPLITUDE * AMPLITUDE / 2));
    }

    /** Mean power away from the edges relative to that of a pass-band tone of amplitude AMPLITUDE, in dB. */
    private static double energyRelativeToPassBandTone(float[] y) {
        double energy = 0;
        int count = 0;
        for (int k = EDGE; k < y.length - EDGE; k++) {
            energy += (double) y[k] * y[k];
            count++;
        }
        return 10 * Math.log10(energy / count / (AMPLITUDE * AMPLITUDE / 2));
    }

    /** The golden 48 kHz stereo file through the project's decoder (itself held to librosa's decoded samples). */
    private static float[] decodeStereo16BitMean(byte[] wav, int expectedRate) throws AudioFormatException {
        DecodedAudio a = WavDecoder.decode(wav, "speech_stereo_48000.wav");
        assertEquals(expectedRate, a.sampleRate());
        assertEquals(2, a.sourceChannels());
        return a.samples();
    }

}
