package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.serspark.GoldenFixture;

class FeatureJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void writesTheGoldenLayoutWithNaNAsNull() throws Exception {
        FeatureBlocks b = new FeatureBlocks(2, 0.25, 22050, new double[][] {{1, 2}}, new double[][] {{-1.5, 0}},
                new double[][] {{3, Double.NaN}}, new double[][] {{0.5, 1}}, new double[][] {{0.125, 0}},
                new double[][] {{Double.POSITIVE_INFINITY, 440.0}});
        JsonNode root = MAPPER.readTree(FeatureJson.toJson(b));
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        assertEquals(List.of("n_frames", "estimated_tuning", "sample_rate", "mel_db", "mfcc", "chroma", "zcr",
                "spectral_centroid"), keys);
        assertEquals(2, root.get("n_frames").asInt());
        assertEquals(0.25, root.get("estimated_tuning").asDouble());
        assertEquals(22050, root.get("sample_rate").asInt());
        assertEquals(-1.5, root.get("mel_db").get(0).get(0).asDouble());
        assertTrue(root.get("mfcc").get(0).get(1).isNull());
        assertTrue(root.get("spectral_centroid").get(0).get(0).isNull());
        assertEquals(440.0, root.get("spectral_centroid").get(0).get(1).asDouble());
    }

    @Test
    void roundTripsAClipExactly() throws Exception {
        GoldenFixture g = GoldenFixture.load("speech_espeak");
        TestWav wav = TestWav.decode(g.wavBytes());
        FeatureBlocks b = new FeatureExtractor(FeatureGoldenParityTest.nativeConfig())
                .blocks(wav.mono(), wav.sampleRate(), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FeatureJson.write(b, out);
        JsonNode root = MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(b.nFrames(), root.get("n_frames").asInt());
        assertTrue(root.get("chroma").isNull(), "chroma-less blocks write chroma as null");
        assertTrue(root.get("estimated_tuning").isNull());
        JsonNode mfcc = root.get("mfcc");
        assertEquals(40, mfcc.size());
        for (int r = 0; r < 40; r++) {
            for (int t = 0; t < b.nFrames(); t++) {
                assertEquals(b.mfcc()[r][t], mfcc.get(r).get(t).asDouble(), 0.0);
            }
        }
        assertEquals(b.melDb()[127][b.nFrames() - 1], root.get("mel_db").get(127).get(b.nFrames() - 1).asDouble(), 0.0);
    }
}
