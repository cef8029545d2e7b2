package org.serspark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.serspark.conf.SersparkConf;
import org.serspark.extract.ExtractJob;
import org.serspark.extract.ExtractOptions;
import org.serspark.extract.ExtractResult;
import org.serspark.synth.SynthSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The README's main command: every stage in local mode, each skipped when its output is complete and current, and
 * resumed when it was interrupted, so running it again is cheap and safe.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Run every stage end to end in Spark local mode: synth (when no --input), extract. "
                + "Finished stages are reused; interrupted ones resume.")
public final class PipelineCommand implements Callable<Integer> {

    @Mixin
    ConfOptions confOptions;

    @Option(names = "--input", paramLabel = "DIR",
            description = "A RAVDESS corpus root (Actor_01..Actor_24). Default: a synthetic corpus under the output.")
    String input;

    @Option(names = "--output", defaultValue = "runs/pipeline", paramLabel = "DIR",
            description = "Run directory (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--actors", defaultValue = "8", paramLabel = "N", description = "Synthetic corpus: actors.")
    int actors;

    @Option(names = "--clips-per-actor", defaultValue = "60", paramLabel = "N",
            description = "Synthetic corpus: clips per actor (1-60).")
    int clipsPerActor;

    @Option(names = "--seed", defaultValue = "20180516", paramLabel = "N", description = "Synthetic corpus seed.")
    long seed;

    @Option(names = "--overwrite", description = "Redo every stage from scratch.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        SersparkConf conf = confOptions.load();
        long t0 = System.nanoTime();
        Files.createDirectories(output);
        String corpus = input;
        if (corpus == null) {
            Path synthDir = output.resolve("corpus");
            SynthSpec spec = SynthSpec.defaults().withActors(actors).withSeed(seed).withClipsPerActor(clipsPerActor);
            long t = System.nanoTime();
            int n = SynthCommand.ensure(spec, synthDir).size();
            System.err.printf(Locale.ROOT, "synth: %d synthetic clips of %d actors in %s (%.1f s)%n", n, actors,
                    synthDir, (System.nanoTime() - t) / 1e9);
            corpus = synthDir.toString();
        }

        Path extractOut = output.resolve("extract");
        ExtractOptions.Mode mode = overwrite ? ExtractOptions.Mode.OVERWRITE : ExtractOptions.Mode.RESUME;
        if (!overwrite && Files.exists(extractOut.resolve(ExtractJob.SUCCESS))) {
            if (current(extractOut, conf)) {
                System.err.println("extract: up to date in " + extractOut + " (--overwrite to redo)");
            } else {
                throw new UserException(extractOut + " was extracted with another feature configuration; "
                        + "rerun with --overwrite or choose another --output");
            }
        } else {
            if (!Files.exists(extractOut) || isEmpty(extractOut)) {
                mode = ExtractOptions.Mode.FAIL_IF_EXISTS;
            }
            ExtractResult r = ExtractCommand.run(conf, corpus, extractOut.toString(), mode);
            System.err.println(ExtractCommand.summary(r));
        }
        System.out.printf(Locale.ROOT, "pipeline: done in %.1f s. Features: %s%n", (System.nanoTime() - t0) / 1e9,
                extractOut.resolve("features"));
        return 0;
    }

    private static boolean current(Path extractOut, SersparkConf conf) throws java.io.IOException {
        JsonNode m = new ObjectMapper().readTree(extractOut.resolve(ExtractJob.MANIFEST).toFile());
        return FeatureConfigs.from(conf).fingerprint().equals(m.path("feature_fingerprint").asText());
    }

    private static boolean isEmpty(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
