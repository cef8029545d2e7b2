package org.serspark.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.spark.LocalSpark;

/** clips.csv and feature_samples/: what the notebooks read instead of Parquet must say what the Parquet says. */
class ExtractCompanionsTest {

    @Test
    void clipsCsvAndFeatureSamplesAgreeWithTheParquet(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("corpus");
        List<String> paths = TestCorpus.writeTones(in, 2, 8);
        Path out = tmp.resolve("out");
        new ExtractJob(ExtractJobTest.options(in, out, ExtractOptions.Mode.FAIL_IF_EXISTS, 5), LocalSpark.get(),
                ExtractJobTest.quiet()).run();

        Map<String, Row> parquet = new HashMap<>();
        for (Row r : LocalSpark.get().read().parquet(out.resolve("features").toString()).collectAsList()) {
            parquet.put(r.getAs("path"), r);
        }
        List<String> lines = Files.readAllLines(out.resolve("clips.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals(ClipTable.LEADING_COLUMNS, header.subList(0, ClipTable.LEADING_COLUMNS.size()));
        assertEquals(ClipTable.LEADING_COLUMNS.size() + 182, header.size());
        assertEquals("mean_mfcc_00", header.get(ClipTable.LEADING_COLUMNS.size()));
        assertEquals("mean_spectral_centroid", header.get(header.size() - 1));
        assertEquals(paths.size() + 1, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            assertEquals(header.size(), v.length, line);
            Row row = parquet.get(v[0]);
            assertEquals((int) row.getAs("actor"), Integer.parseInt(v[1]));
            assertEquals(row.getAs("emotion"), v[3]);
            assertEquals(row.getAs("intensity"), v[5]);
            assertEquals((double) row.getAs("duration_s"), Double.parseDouble(v[11]), 1e-6);
            assertEquals((int) row.getAs("n_frames"), Integer.parseInt(v[13]));
            // the tones are 0.3 sin + 0.1 sin: RMS sqrt(0.05), peak below 0.4; the one stereo file is (1 + 0.5) / 2
            double gain = v[0].equals(paths.get(0)) ? 0.75 : 1.0;
            assertEquals(20 * Math.log10(gain * Math.sqrt(0.05)), Double.parseDouble(v[14]), 0.05, v[0]);
            assertTrue(Double.parseDouble(v[15]) < 20 * Math.log10(0.4), v[0]);
            double[] means = frameMeans(row);
            for (int k = 0; k < means.length; k++) {
                double got = Double.parseDouble(v[ClipTable.LEADING_COLUMNS.size() + k]);
                assertEquals(means[k], got, 1e-4 * Math.max(1, Math.abs(means[k])), v[0] + " " + header.get(16 + k));
            }
        }

        List<String> index = Files.readAllLines(out.resolve("feature_samples/index.csv"));
        assertEquals("emotion,actor,intensity,path,file", index.get(0));
        assertEquals(9, index.size(), "one sample per emotion: " + index);
        ObjectMapper json = new ObjectMapper();
        for (String line : index.subList(1, index.size())) {
            String[] v = line.split(",");
            assertEquals("normal", v[2], "normal intensity is preferred: " + line);
            assertEquals(v[0], parquet.get(v[3]).getAs("emotion"));
            JsonNode sample = json.readTree(out.resolve("feature_samples").resolve(v[4]).toFile());
            List<float[]> frames = frames(parquet.get(v[3]));
            assertEquals(frames.size(), sample.get("n_frames").asInt());
            JsonNode mfcc = sample.get("mfcc");
            JsonNode centroid = sample.get("spectral_centroid").get(0);
            assertEquals(40, mfcc.size());
            for (int t = 0; t < frames.size(); t++) {
                for (int k = 0; k < 40; k++) {
                    assertEquals(frames.get(t)[k], mfcc.get(k).get(t).asDouble(), 1e-3, v[3] + " mfcc " + k);
                }
                assertEquals(frames.get(t)[181], centroid.get(t).asDouble(), 1e-3 * frames.get(t)[181]);
            }
        }
        JsonNode manifest = json.readTree(out.resolve("manifest.json").toFile());
        assertEquals("clips.csv", manifest.get("companions").get("clips").asText());
    }

    @Test
    void clipWithoutSummaryKeepsItsLabelsAndSilenceIsMinusInfinity() {
        ChunkRecord.Clip old = new ChunkRecord.Clip("Actor_01/03-01-05-02-01-01-01.wav", "x", "f", null);
        ClipSummary silent = new ClipSummary();
        silent.sourceSampleRate = 48_000;
        silent.sourceChannels = 1;
        silent.durationS = 1;
        silent.sampleRate = 22_050;
        silent.nFrames = 44;
        silent.featureMeans = new float[] {1.5f, Float.NaN};
        ChunkRecord.Clip quiet = new ChunkRecord.Clip("a,b/03-01-01-01-01-01-02.wav", "y", "g", silent);
        String[] lines = new String(ClipTable.csv(List.of(old, quiet), List.of("f1", "f2")), StandardCharsets.UTF_8)
                .split("\n");
        assertEquals(String.join(",", ClipTable.LEADING_COLUMNS) + ",mean_f1,mean_f2", lines[0]);
        assertEquals("Actor_01/03-01-05-02-01-01-01.wav,1,male,angry,5,strong,1,1,speech,,,,,,,,,", lines[1]);
        assertEquals("\"a,b/03-01-01-01-01-01-02.wav\",2,female,neutral,1,normal,1,1,speech,48000,1,1.000000,22050,"
                + "44,-inf,-inf,1.5,", lines[2]);
    }

    private static List<float[]> frames(Row row) {
        List<float[]> out = new ArrayList<>();
        for (Object f : row.getList(row.fieldIndex("features"))) {
            @SuppressWarnings("unchecked")
            List<Float> frame = scala.collection.JavaConverters.seqAsJavaList((scala.collection.Seq<Float>) f);
            float[] a = new float[frame.size()];
            for (int k = 0; k < a.length; k++) {
                a[k] = frame.get(k);
            }
            out.add(a);
        }
        return out;
    }

    private static double[] frameMeans(Row row) {
        List<float[]> frames = frames(row);
        double[] m = new double[frames.get(0).length];
        for (float[] f : frames) {
            for (int k = 0; k < m.length; k++) {
                m[k] += f[k] / (double) frames.size();
            }
        }
        return m;
    }
}
