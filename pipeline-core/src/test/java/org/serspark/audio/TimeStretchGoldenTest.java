package org.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.serspark.GoldenFixture;

/**
 * Against librosa 0.10.1 itself ({@code golden/time_stretch.json}, made by spark-submit/bench/librosa_time_stretch.py):
 * {@code effects.time_stretch} of real (synthetic) speech, and pitch_shift's two steps for a factor of 1.1.
 *
 * <p>Why signal-to-error ratios and not sample tolerances: librosa runs the phase vocoder in complex64, and its phase
 * accumulator is float32 (np.angle of complex64, added to in place), where the one here is double: measured 72 dB
 * apart for both rates. A wrong phase advance, window normalisation or frame position costs far more.
 */
class TimeStretchGoldenTest {
    static final int N = 16384;
    static float[] input;
    static JsonNode golden;

    @BeforeAll
    static void load() throws Exception {
        float[] speech = WavDecoder.decode(GoldenFixture.load("speech_espeak").wavBytes(), "speech_espeak.wav")
                .samples();
        input = Arrays.copyOf(speech, N);
        try (InputStream in = TimeStretchGoldenTest.class.getResourceAsStream("/golden/time_stretch.json")) {
            golden = new ObjectMapper().readTree(in);
        }
    }

    static float[] reference(String key) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(golden.get(key).asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    /** 10 log10 of the reference's energy over the difference's, in dB. */
    static double snr(float[] reference, float[] actual) {
        double signal = 0;
        double error = 0;
        for (int i = 0; i < reference.length; i++) {
            signal += (double) reference[i] * reference[i];
            double d = reference[i] - actual[i];
            error += d * d;
        }
        return 10 * Math.log10(signal / error);
    }

    @Test
    void timeStretchIsLibrosas() {
        for (double rate : new double[] {0.9, 1 / 1.1}) {
            float[] ref = reference(String.format(java.util.Locale.ROOT, "time_stretch_%.6f", rate));
            float[] ours = new TimeStretch().apply(input, rate, TimeStretch.stretchedLength(N, rate));
            assertEquals(ref.length, ours.length, "rate " + rate);
            double db = snr(ref, ours);
            assertTrue(db > 60, "rate " + rate + ": " + db + " dB from librosa");
        }
    }

    @Test
    void pitchShiftIsLibrosasStepsUpToTheResamplingFilter() {
        float[] ref = reference("pitch_shift_1.1");
        float[] ours = PitchShift.apply(input, 1.1);
        assertEquals(ref.length, ours.length);
        // SpeedPerturbation's filter is not scipy's resample_poly filter (PolyphaseResampler: they differ near the
        // Nyquist frequency, 58 dB apart on speech), and librosa itself resamples with soxr here: measured 46 dB
        double db = snr(ref, ours);
        assertTrue(db > 40, db + " dB from librosa");
    }
}
