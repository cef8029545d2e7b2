package org.serspark.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.serspark.audio.DecodedAudio;
import org.serspark.audio.WavDecoder;
import org.serspark.features.FeatureConfig;
import org.serspark.features.FeatureExtractor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Benchmarks: separate commands, never timed unit tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (results belong in docs/RESULTS.md).",
        subcommands = {BenchCommand.Features.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = "Single-thread clips/s of read + decode + resample + all 182 features on WAV files "
                    + "(e.g. the RAVDESS speech set), median over repeats after a warm-up pass.")
    static final class Features implements Callable<Integer> {
        @Mixin
        ConfOptions confOptions;

        @Option(names = "--input", required = true, paramLabel = "DIR", description = "Folder of .wav files.")
        Path input;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Use the first N files (0 = all).")
        int limit;

        @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", description = "Timed passes (median reported).")
        int repeat;

        @Option(names = "--record", paramLabel = "RESULTS.md",
                description = "Replace the bench-features block of this Markdown file with the result.")
        Path record;

        @Override
        public Integer call() throws Exception {
            FeatureConfig config = FeatureConfigs.from(confOptions.load());
            List<Path> files = wavFiles(input, limit);
            if (files.isEmpty()) {
                throw new UserException(input + ": no .wav files");
            }
            FeatureExtractor extractor = new FeatureExtractor(config);
            long frames = pass(files, extractor); // warm-up: JIT compilation is not per-clip work
            double[] rates = new double[repeat];
            for (int r = 0; r < repeat; r++) {
                long t = System.nanoTime();
                pass(files, extractor);
                double s = (System.nanoTime() - t) / 1e9;
                rates[r] = files.size() / s;
                System.out.printf(Locale.ROOT, "bench features: pass %d/%d: %d clips in %.2f s = %.1f clips/s%n",
                        r + 1, repeat, files.size(), s, rates[r]);
            }
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            String line = String.format(Locale.ROOT,
                    "%s, %s, %d cores, Java %s: %d clips (%d frames), single thread, median of %d passes: "
                            + "**%.1f clips/s** (passes: %s)",
                    LocalDate.now(), host(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), files.size(), frames, repeat, median, fmt(rates));
            System.out.println(line);
            if (record != null) {
                Results.replaceBlock(record, "bench-features", line);
                System.out.println("recorded in " + record);
            }
            return 0;
        }

        private static long pass(List<Path> files, FeatureExtractor extractor) throws IOException {
            long frames = 0;
            for (Path f : files) {
                DecodedAudio a = WavDecoder.decode(f);
                frames += extractor.extract(a.samples(), a.sampleRate()).nFrames();
            }
            return frames;
        }
    }

    static List<Path> wavFiles(Path dir, int limit) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UserException(dir + ": not a directory");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = new ArrayList<>(s.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                    .filter(Files::isRegularFile).sorted().toList());
            return limit > 0 && files.size() > limit ? files.subList(0, limit) : files;
        }
    }

    static String host() {
        String cpu = "unknown CPU";
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    cpu = l.substring(l.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException ignored) {
            // not Linux: the CPU name is a nicety
        }
        return cpu;
    }

    static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double x : v) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", x));
        }
        return sb.toString();
    }
}
