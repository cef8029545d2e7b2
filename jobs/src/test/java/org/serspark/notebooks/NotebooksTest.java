package org.serspark.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.audio.WavWriter;
import org.serspark.cv.CrossValidationJob;
import org.serspark.cv.CvOptions;
import org.serspark.extract.ExtractJob;
import org.serspark.extract.ExtractOptions;
import org.serspark.features.FeatureConfig;
import org.serspark.folds.FoldScheme;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;
import org.serspark.spark.LocalSpark;
import org.serspark.synth.SynthCorpus;
import org.serspark.synth.SynthSpec;
import org.serspark.train.FeatureDataset;
import org.serspark.train.ParameterAveragingTrainer;
import org.serspark.train.TrainRequest;

/**
 * The notebooks under {@code notebooks/}: committed without outputs, and every one runs top to bottom (jupyter
 * nbconvert --execute) against a small synthetic run built here the way {@code serspark pipeline} lays it out.
 *
 * <p>Without jupyter the execution test is skipped with a printed reason, except where notebooks are required:
 * {@code .ci/run} exports {@code SERSPARK_NOTEBOOKS=required}, and {@code CI=true} counts too, so CI cannot pass
 * without executing them. {@code -Dserspark.notebooks.run=DIR} builds the small run in DIR and keeps it, for
 * editing the notebooks against it ({@code SERSPARK_RUN=DIR jupyter notebook}).
 */
class NotebooksTest {
    static final List<String> NOTEBOOKS = List.of("01_data_exploration.ipynb", "02_features.ipynb",
            "03_training.ipynb", "04_evaluation.ipynb");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void committedNotebooksCarryNoOutputsAndReadTheRunFromOneCell() throws IOException {
        Path dir = notebooksDir();
        for (String name : NOTEBOOKS) {
            JsonNode nb = JSON.readTree(dir.resolve(name).toFile());
            JsonNode cells = nb.get("cells");
            assertEquals("markdown", cells.get(0).get("cell_type").asText(), name);
            assertTrue(text(cells.get(0)).contains("without outputs"), name + ": first cell states the outputs");
            String params = text(cells.get(1));
            assertTrue(params.contains("SERSPARK_RUN") && params.contains("\"../runs/pipeline\""),
                    name + ": second cell sets RUN, default ../runs/pipeline: " + params);
            for (JsonNode cell : cells) {
                if (cell.get("cell_type").asText().equals("code")) {
                    assertEquals(0, cell.get("outputs").size(), name + " has committed outputs: " + text(cell));
                    assertTrue(cell.get("execution_count").isNull(), name + " has an execution count");
                }
            }
        }
    }

    @Test
    void everyNotebookRunsTopToBottomOnASmallSyntheticRun(@TempDir Path tmp) throws Exception {
        String jupyter = jupyterOrSkip();
        // -Dserspark.notebooks.run=DIR keeps the small run, to edit notebooks against it
        String keep = System.getProperty("serspark.notebooks.run");
        Path run = keep != null ? Path.of(keep).toAbsolutePath() : tmp.resolve("run");
        long t0 = System.nanoTime();
        buildRun(run);
        long tRun = System.nanoTime();
        Path executed = tmp.resolve("executed");
        List<String> cmd = new ArrayList<>(List.of(jupyter, "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=600", "--output-dir", executed.toString()));
        cmd.addAll(NOTEBOOKS);
        Path log = tmp.resolve("nbconvert.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(notebooksDir().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("SERSPARK_RUN", run.toString());
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1"); // the kernel's debugger warns on every start
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("nbconvert did not finish within 15 minutes: " + tail(log));
        }
        assertEquals(0, p.exitValue(), "a notebook cell failed:\n" + tail(log));
        System.out.printf("notebooks: run built in %.0f s, executed in %.0f s%n", (tRun - t0) / 1e9,
                (System.nanoTime() - tRun) / 1e9);

        String data = outputs(executed.resolve(NOTEBOOKS.get(0)));
        assertTrue(data.contains("66 files listed, 64 extracted, 2 rejected"), data);
        assertTrue(data.contains("not_wav") && data.contains("empty"), "rejects by reason: " + data);
        assertTrue(outputs(executed.resolve(NOTEBOOKS.get(1))).contains("182 features per frame"));
        String eval = outputs(executed.resolve(NOTEBOOKS.get(3)));
        assertTrue(eval.contains("recomputed from the saved predictions: equal to metrics.json"), eval);
        for (String name : NOTEBOOKS) {
            assertTrue(Files.readString(executed.resolve(name)).contains("image/png"), name + " drew no figure");
        }
    }

    /** The layout of {@code serspark pipeline --output RUN}: corpus/, extract/, train/, cv/, small and fast. */
    static void buildRun(Path run) throws IOException {
        Path corpus = run.resolve("corpus");
        SynthCorpus.write(SynthSpec.defaults().withActors(4).withClipsPerActor(16).withDurationSeconds(1.0), corpus);
        Files.write(corpus.resolve("Actor_01/03-01-03-02-02-02-01.wav"), WavWriter.toBytes(new float[0], 48_000));
        Files.writeString(corpus.resolve("Actor_02/notes.txt"), "not audio");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Path extract = run.resolve("extract");
        new ExtractJob(new ExtractOptions(corpus.toString(), extract.toString(), FeatureConfig.librosaDefault(),
                ExtractOptions.Mode.FAIL_IF_EXISTS, 1000, 16, 0, ExtractOptions.MAX_FILE_BYTES_DEFAULT, Map.of()),
                LocalSpark.get(), quiet).run();

        TrainingConfig tc = TrainingConfig.builder().batchSize(16).epochs(2).averagingFrequency(1).build();
        Map<ModelArchitecture, ModelConfig> models = new EnumMap<>(ModelArchitecture.class);
        models.put(ModelArchitecture.DUAL_LSTM, small(ModelArchitecture.DUAL_LSTM, List.of(16, 8)));
        models.put(ModelArchitecture.SINGLE_LSTM, small(ModelArchitecture.SINGLE_LSTM, List.of(16)));
        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), extract.toString());
        new ParameterAveragingTrainer(LocalSpark.get(), quiet).train(TrainRequest.byActors(data,
                new TreeSet<>(List.of(1, 2, 3)), new TreeSet<>(List.of(4)), models.get(ModelArchitecture.DUAL_LSTM),
                tc, run.resolve("train"), TrainRequest.Mode.FAIL_IF_EXISTS, Map.of("label", "dual-lstm")));
        new CrossValidationJob(LocalSpark.get(), quiet).run(new CvOptions(extract.toString(), run.resolve("cv"),
                FoldScheme.parse("kfold:2"), List.of(ModelArchitecture.DUAL_LSTM, ModelArchitecture.SINGLE_LSTM),
                models, tc, 1, 42, Map.of("profile", "test")));
    }

    private static ModelConfig small(ModelArchitecture a, List<Integer> units) {
        return new ModelConfig(a, units, 0.3, 8, 1e-2, 0, 42, 182, 8);
    }

    /** jupyter on the PATH, or a skipped test, or a failure where notebooks are required. */
    private static String jupyterOrSkip() throws InterruptedException {
        String why;
        try {
            Process p = new ProcessBuilder("jupyter", "nbconvert", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() == 0) {
                return "jupyter";
            }
            why = "'jupyter nbconvert --version' failed: " + out;
        } catch (IOException e) {
            why = "jupyter is not on the PATH";
        }
        String reason = why + " (Debian: apt-get install jupyter-nbconvert python3-ipykernel python3-pandas "
                + "python3-matplotlib)";
        if (required()) {
            fail("notebooks must run here (SERSPARK_NOTEBOOKS=required or CI=true) but " + reason);
        }
        System.out.println("NotebooksTest: skipped executing the notebooks: " + reason);
        Assumptions.abort(reason);
        return null;
    }

    static boolean required() {
        return "required".equals(System.getenv("SERSPARK_NOTEBOOKS")) || "true".equals(System.getenv("CI"));
    }

    static Path notebooksDir() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("notebooks")) && Files.exists(d.resolve("pom.xml"))) {
                return d.resolve("notebooks");
            }
        }
        throw new IllegalStateException("no notebooks/ folder above " + Path.of("").toAbsolutePath());
    }

    private static String text(JsonNode cell) {
        JsonNode src = cell.get("source");
        if (src.isTextual()) {
            return src.asText();
        }
        StringBuilder sb = new StringBuilder();
        src.forEach(s -> sb.append(s.asText()));
        return sb.toString();
    }

    /** The text a notebook printed and displayed (streams and plain-text results), cell after cell. */
    private static String outputs(Path notebook) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (JsonNode cell : JSON.readTree(notebook.toFile()).get("cells")) {
            for (JsonNode o : cell.path("outputs")) {
                JsonNode t = o.has("text") ? o.get("text") : o.path("data").path("text/plain");
                if (t.isArray()) {
                    t.forEach(s -> sb.append(s.asText()));
                } else {
                    sb.append(t.asText(""));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
