package org.serspark.features;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one clip's {@link FeatureBlocks} in the golden JSON layout: {@code n_frames}, {@code estimated_tuning},
 * {@code sample_rate}, then {@code mel_db}, {@code mfcc}, {@code chroma}, {@code zcr}, {@code spectral_centroid}
 * (and with the pitch block {@code f0}, {@code f0_aperiodicity}, {@code log2_f0}) as {@code [rows][frames]} arrays. Non-finite
 * numbers (which JSON cannot hold) are written as {@code null}, as in the golden files. Streams with Jackson's
 * generator, so no tree of boxed numbers is built.
 */
public final class FeatureJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private FeatureJson() {
    }

    public static void write(FeatureBlocks blocks, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(blocks, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes to {@code out} without closing it. */
    public static void write(FeatureBlocks blocks, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            write(blocks, g);
        }
    }

    public static String toJson(FeatureBlocks blocks) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(blocks, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(FeatureBlocks b, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("n_frames", b.nFrames());
        g.writeFieldName("estimated_tuning");
        number(g, b.estimatedTuning());
        g.writeNumberField("sample_rate", b.sampleRate());
        matrix(g, "mel_db", b.melDb());
        matrix(g, "mfcc", b.mfcc());
        matrix(g, "chroma", b.chroma());
        matrix(g, "zcr", b.zcr());
        matrix(g, "spectral_centroid", b.spectralCentroid());
        if (b.pitch() != null) {
            matrix(g, "f0", new double[][] {b.pitch()[0]});
            matrix(g, "f0_aperiodicity", new double[][] {b.pitch()[1]});
            matrix(g, "log2_f0", new double[][] {b.pitch()[2]});
        }
        g.writeEndObject();
    }

    private static void matrix(JsonGenerator g, String name, double[][] rows) throws IOException {
        g.writeFieldName(name);
        if (rows == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (double[] row : rows) {
            g.writeStartArray();
            for (double v : row) {
                number(g, v);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeNull();
        }
    }
}
