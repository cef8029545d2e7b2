package org.serspark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * librosa 0.10.1 reference outputs in {@code src/test/resources/golden} (copied from the shared fixtures; see
 * the README there). Matrices come back as librosa lays them out, {@code [rows][frames]}; JSON {@code null}
 * (a non-finite librosa value) becomes {@link Double#NaN}.
 */
public final class GoldenFixture {
    public static final List<String> NAMES =
            List.of("tone_chirp_noise", "speech_espeak", "speech_stereo_48000", "silence", "very_short");

    private final String name;
    private final JsonNode root;

    private GoldenFixture(String name, JsonNode root) {
        this.name = name;
        this.root = root;
    }

    public static GoldenFixture load(String name) {
        try (InputStream in = GoldenFixture.class.getResourceAsStream("/golden/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden fixture " + name);
            }
            return new GoldenFixture(name, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    /** The WAV input, copied to {@code dir} so tests can read it as a file. */
    public Path wavFile(Path dir) {
        try (InputStream in = GoldenFixture.class.getResourceAsStream("/golden/" + name + ".wav")) {
            Path out = dir.resolve(name + ".wav");
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] wavBytes() {
        try (InputStream in = GoldenFixture.class.getResourceAsStream("/golden/" + name + ".wav")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public double[] decodedHead() {
        return vector(root.get("decoded_head"));
    }

    public double decodedRms() {
        return root.get("decoded_rms").asDouble();
    }

    /** Features at the file's own rate. */
    public Features nativeFeatures() {
        return new Features(root.get("native"));
    }

    public boolean hasResampled() {
        return root.has("resample_poly_22050");
    }

    /** {@code scipy.signal.resample_poly(y, 147, 320)} of the decoded audio. */
    public double[] resampledSamples() {
        return vector(root.get("resample_poly_22050").get("samples"));
    }

    /** Features librosa computed on {@link #resampledSamples()} at 22050 Hz. */
    public Features resampledFeatures() {
        return new Features(root.get("resample_poly_22050").get("features"));
    }

    /** One block of features: sr, n_samples, n_frames, estimated_tuning and the matrices. */
    public static final class Features {
        private final JsonNode node;

        Features(JsonNode node) {
            this.node = node;
        }

        public int sampleRate() {
            return node.get("sr").asInt();
        }

        public int nSamples() {
            return node.get("n_samples").asInt();
        }

        public int nFrames() {
            return node.get("n_frames").asInt();
        }

        public double estimatedTuning() {
            return node.get("estimated_tuning").asDouble();
        }

        /** One of mel_power, mel_db, mfcc, chroma, chroma_tuning0, zcr, spectral_centroid: {@code [rows][frames]}. */
        public double[][] matrix(String key) {
            JsonNode m = node.get(key);
            if (m == null) {
                throw new IllegalArgumentException("no matrix " + key);
            }
            double[][] out = new double[m.size()][];
            for (int r = 0; r < m.size(); r++) {
                out[r] = vector(m.get(r));
            }
            return out;
        }
    }

    static double[] vector(JsonNode arr) {
        double[] v = new double[arr.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = arr.get(i);
            v[i] = x.isNull() ? Double.NaN : x.asDouble();
        }
        return v;
    }
}
