package org.serspark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.serspark.BuildInfo;
import org.serspark.io.AtomicFiles;
import org.serspark.synth.SynthCorpus;
import org.serspark.synth.SynthSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Write a RAVDESS-named corpus of synthetic voiced speech (48 kHz, 16-bit) whose acoustics "
                + "depend on emotion and actor: a corpus for demos and tests when RAVDESS is absent.")
public final class SynthCommand implements Callable<Integer> {
    /** Written last; its presence means the corpus is complete, its content says how it was made. */
    public static final String MARKER = "_SYNTH.json";

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Corpus root to write.")
    Path output;

    @Option(names = "--actors", defaultValue = "8", paramLabel = "N", description = "Actors 1..N (default 8).")
    int actors;

    @Option(names = "--seed", defaultValue = "20180516", paramLabel = "N", description = "Random seed.")
    long seed;

    @Option(names = "--clips-per-actor", defaultValue = "60", paramLabel = "N",
            description = "Clips per actor, 1-60 (RAVDESS has 60; fewer still cover every emotion).")
    int clipsPerActor;

    @Option(names = "--duration", defaultValue = "2.5", paramLabel = "SECONDS", description = "Clip length.")
    double duration;

    @Override
    public Integer call() throws IOException {
        SynthSpec spec;
        try {
            spec = SynthSpec.defaults().withActors(actors).withSeed(seed).withClipsPerActor(clipsPerActor)
                    .withDurationSeconds(duration);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        long t = System.nanoTime();
        List<Path> files = ensure(spec, output);
        System.out.printf(Locale.ROOT, "synth: %d clips of %d actors in %s (%.1f s)%n", files.size(), spec.actors(),
                output, (System.nanoTime() - t) / 1e9);
        return 0;
    }

    /** Writes the corpus unless a complete one of the same spec is already there; returns its files. */
    static List<Path> ensure(SynthSpec spec, Path dir) throws IOException {
        Map<String, Object> description = describe(spec);
        Path marker = dir.resolve(MARKER);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (Files.exists(marker)) {
            Map<?, ?> existing = json.readValue(marker.toFile(), Map.class);
            if (existing.get("spec").equals(json.convertValue(description.get("spec"), Map.class))) {
                return SynthCorpus.clipNames(spec).stream()
                        .map(n -> dir.resolve(n.toRelativePath())).toList();
            }
            Files.delete(marker); // another spec: rewrite (every file is replaced atomically)
        }
        List<Path> files = SynthCorpus.write(spec, dir);
        AtomicFiles.write(marker, json.writeValueAsBytes(description));
        return files;
    }

    static Map<String, Object> describe(SynthSpec spec) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("actors", spec.actors());
        s.put("seed", spec.seed());
        s.put("duration_s", spec.durationSeconds());
        s.put("sample_rate", spec.sampleRate());
        s.put("stereo_fraction", spec.stereoFraction());
        s.put("clips_per_actor", spec.clipsPerActor());
        s.put("emotions", spec.emotions().stream().map(e -> e.label()).toList());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "serspark synth corpus (synthetic, not RAVDESS)");
        m.put("spec", s);
        m.put("code_version", BuildInfo.current().codeVersion());
        return m;
    }
}
