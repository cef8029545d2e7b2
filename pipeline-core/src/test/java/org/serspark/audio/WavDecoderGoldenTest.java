package org.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.serspark.GoldenFixture;

/** Parity with {@code librosa.load(path, sr=None, mono=True)} on the five golden inputs. */
class WavDecoderGoldenTest {
    /** librosa returns float32 samples, serialised exactly; this only absorbs JSON decimal printing. */
    private static final double HEAD_TOLERANCE = 1e-9;
    private static final double RMS_RELATIVE_TOLERANCE = 1e-6;

    static java.util.List<String> names() {
        return GoldenFixture.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void headAndRmsMatchLibrosa(String name, @TempDir Path dir) throws Exception {
        GoldenFixture golden = GoldenFixture.load(name);
        DecodedAudio audio = WavDecoder.decode(golden.wavFile(dir));

        assertEquals(golden.nativeFeatures().sampleRate(), audio.sampleRate());
        assertEquals(golden.nativeFeatures().nSamples(), audio.samples().length);
        double[] head = golden.decodedHead();
        double[] actual = new double[head.length];
        for (int i = 0; i < head.length; i++) {
            actual[i] = audio.samples()[i];
        }
        assertArrayEquals(head, actual, HEAD_TOLERANCE);

        double sumSquares = 0;
        for (float s : audio.samples()) {
            sumSquares += (double) s * s;
        }
        double rms = Math.sqrt(sumSquares / audio.samples().length);
        double expected = golden.decodedRms();
        assertEquals(expected, rms, Math.max(Math.abs(expected) * RMS_RELATIVE_TOLERANCE, Double.MIN_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void allThreeEntryPointsAgree(String name, @TempDir Path dir) throws Exception {
        GoldenFixture golden = GoldenFixture.load(name);
        byte[] bytes = golden.wavBytes();
        float[] fromPath = WavDecoder.decode(golden.wavFile(dir)).samples();
        float[] fromBytes = WavDecoder.decode(bytes, name).samples();
        float[] fromStream = WavDecoder.decode(new ByteArrayInputStream(bytes), bytes.length, name).samples();
        assertArrayEquals(fromPath, fromBytes);
        assertArrayEquals(fromPath, fromStream);
    }
}
