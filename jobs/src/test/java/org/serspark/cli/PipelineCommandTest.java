package org.serspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.spark.LocalSpark;

/** The README's main command, on a small synthetic corpus, with a configuration that reads speed and pitch copies. */
class PipelineCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    record Outcome(int code, String out, String err) {
    }

    static Outcome pipeline(Path run, Path conf) {
        LocalSpark.get(); // the tests' session, which the command's getOrCreate finds
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute("pipeline", "--output", run.toString(), "--actors", "4", "--clips-per-actor", "8",
                    "--epochs", "1", "--models", "single-lstm", "--conf", conf.toString(), "--profile=");
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void extractsTheCopiesItsConfigurationReadsOnceAndReusesThem(@TempDir Path tmp) throws Exception {
        Path conf = Files.writeString(tmp.resolve("conf.yaml"), String.join("\n",
                "model:", "  lstm_units: [16, 8]", "  dense_units: 8",
                "training:", "  speed_perturbation: [1.1]", "  pitch_perturbation: [0.9]", "  test_speeds: [0.9]",
                "  validation_actors: 1",
                "  batch_size: 8", ""));
        Path run = tmp.resolve("run");
        Outcome first = pipeline(run, conf);
        assertEquals(0, first.code(), first.err());
        for (double speed : new double[] {0.9, 1.1}) {
            Path copy = run.resolve("extract/speed-" + speed);
            assertTrue(Files.exists(copy.resolve("_SUCCESS")), copy + ": " + first.err());
            JsonNode manifest = JSON.readTree(copy.resolve("manifest.json").toFile());
            assertEquals(speed, manifest.get("speed").asDouble());
            assertEquals(32, manifest.get("counts").get("extracted").asInt());
        }
        JsonNode pitched = JSON.readTree(run.resolve("extract/pitch-0.9/manifest.json").toFile());
        assertEquals(0.9, pitched.get("pitch").asDouble());
        assertEquals(1.0, pitched.get("speed").asDouble());
        assertEquals("[0.9]", JSON.readTree(run.resolve("train/train.json").toFile())
                .findValue("pitch_perturbation").toString());
        assertEquals("[1.1]", JSON.readTree(run.resolve("train/train.json").toFile())
                .findValue("speed_perturbation").toString());
        JsonNode metrics = JSON.readTree(run.resolve("cv/metrics.json").toFile());
        assertEquals("[0.9]", metrics.get("test_speeds").toString());
        assertTrue(first.err().contains("as recorded and played at speeds [1.1] and with pitch made [0.9] times as "
                + "high"), first.err());
        assertTrue(first.err().contains("as recorded only"), "cv scored the slowed copies too: " + first.err());

        Outcome again = pipeline(run, conf);
        assertEquals(0, again.code(), again.err());
        for (String stage : new String[] {"extract", "extract/speed-0.9", "extract/speed-1.1", "extract/pitch-0.9"}) {
            assertTrue(again.err().contains("extract: up to date in " + run.resolve(stage) + " "), again.err());
        }
        assertTrue(again.err().contains("train: up to date"), again.err());
    }

    @Test
    void aBadTestSpeedStopsItBeforeAnyStage(@TempDir Path tmp) throws Exception {
        Path conf = Files.writeString(tmp.resolve("conf.yaml"), "training:\n  test_speeds: [1.0, 0.9]\n");
        Path run = tmp.resolve("run");
        Outcome o = pipeline(run, conf);
        assertEquals(2, o.code());
        assertTrue(o.err().contains("serspark pipeline: training.test_speeds lists the copies scored besides the "
                + "recordings; 1 is not one of them: [1.0, 0.9] (" + conf), o.err());
        assertFalse(Files.exists(run.resolve("corpus")), "no stage ran");
    }
}
