package org.serspark.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.serspark.audio.PitchShift;
import org.serspark.audio.Perturbation;
import org.serspark.audio.SpeedPerturbation;
import org.serspark.conf.SersparkConf;
import org.serspark.extract.ExtractJob;
import org.serspark.extract.ExtractOptions;
import org.serspark.extract.ExtractResult;
import org.serspark.spark.SparkSessions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Decode a RAVDESS-named corpus on Spark executors and write per-frame feature sequences "
                + "to Parquet (partitioned by actor), a rejects table and a manifest.")
public final class ExtractCommand implements Callable<Integer> {

    @Mixin
    ConfOptions confOptions;

    @Option(names = "--input", required = true, paramLabel = "URI",
            description = "Corpus root (Actor_NN/*.wav): a local path, file://, hdfs:// or s3a:// URI.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "URI", description = "Output root.")
    String output;

    @Option(names = "--sample-rate", paramLabel = "HZ",
            description = "Rate the audio is resampled to before features (conf features.sample_rate, 22050).")
    Integer sampleRate;

    @ArgGroup(exclusive = true)
    ExistingOutput existing;

    static final class ExistingOutput {
        @Option(names = "--overwrite", description = "Replace an existing extract output.")
        boolean overwrite;

        @Option(names = "--resume", description = "Finish an interrupted extract without redoing finished files.")
        boolean resume;
    }

    @Option(names = "--files-per-chunk", paramLabel = "N",
            description = "Unit of resume (conf extract.files_per_chunk).")
    Integer filesPerChunk;

    @Option(names = "--speed", paramLabel = "F", defaultValue = "1",
            description = "Play every clip F times as fast (tempo and pitch) before extracting, e.g. 0.9 or 1.1: "
                    + "the copies training.speed_perturbation reads, written to FEATURES/speed-F (default 1: as "
                    + "recorded).")
    double speed;

    @Option(names = "--pitch", paramLabel = "F", defaultValue = "1",
            description = "Make every clip's pitch F times as high at the same duration before extracting, e.g. 0.9 "
                    + "or 1.1 (librosa.effects.pitch_shift by 12*log2(F) semitones): the copies "
                    + "training.pitch_perturbation reads, written to FEATURES/pitch-F (default 1: as recorded).")
    double pitch;

    @Override
    public Integer call() throws Exception {
        SersparkConf conf = confOptions.load()
                .with("features.sample_rate", sampleRate)
                .with("extract.files_per_chunk", filesPerChunk);
        ExtractResult r = run(conf, input, output, mode(), perturbation(speed, pitch));
        System.out.println(summary(r));
        return 0;
    }

    static ExtractResult run(SersparkConf conf, String input, String output, ExtractOptions.Mode mode)
            throws java.io.IOException {
        return run(conf, input, output, mode, Perturbation.NONE);
    }

    /** The flags' perturbation, each checked with a message naming its flag. */
    static Perturbation perturbation(double speed, double pitch) {
        try {
            SpeedPerturbation.hundredths(speed);
        } catch (IllegalArgumentException e) {
            throw new UserException("--speed: " + e.getMessage());
        }
        try {
            PitchShift.hundredths(pitch);
        } catch (IllegalArgumentException e) {
            throw new UserException("--pitch: " + e.getMessage());
        }
        return new Perturbation(speed, pitch);
    }

    static ExtractResult run(SersparkConf conf, String input, String output, ExtractOptions.Mode mode,
                             Perturbation perturbation) throws java.io.IOException {
        ExtractOptions options = new ExtractOptions(input, output, FeatureConfigs.from(conf), mode,
                conf.integer("extract.files_per_chunk"), conf.integer("extract.files_per_task"),
                conf.integer("extract.progress_interval_s"), ExtractOptions.MAX_FILE_BYTES_DEFAULT,
                conf.toSortedMap(), perturbation);
        SparkSession spark = SparkSessions.getOrCreate("serspark extract", conf);
        return new ExtractJob(options, spark, System.err).run();
    }

    private ExtractOptions.Mode mode() {
        if (existing == null) {
            return ExtractOptions.Mode.FAIL_IF_EXISTS;
        }
        return existing.overwrite ? ExtractOptions.Mode.OVERWRITE : ExtractOptions.Mode.RESUME;
    }

    static String summary(ExtractResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "extract: %d files -> %d clips, %d rejected in %.1f s (%.1f files/s)%n",
                r.filesListed(), r.extracted(), r.rejected(), r.seconds(), r.filesPerSecond()));
        if (!r.rejectsByReason().isEmpty()) {
            sb.append("  rejects by reason: ").append(r.rejectsByReason()).append('\n');
        }
        for (var group : r.duplicates()) {
            sb.append("  byte-identical: ").append(String.join(" == ", group)).append('\n');
        }
        sb.append("  features: ").append(r.featuresUri()).append('\n');
        sb.append("  rejects:  ").append(r.rejectsUri()).append('\n');
        sb.append("  manifest: ").append(r.output()).append("/manifest.json");
        return sb.toString();
    }
}
