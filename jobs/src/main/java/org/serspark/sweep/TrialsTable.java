package org.serspark.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.serspark.extract.SparkRowParquetWriter;
import org.serspark.io.AtomicFiles;

/**
 * The trials table: {@code trials/trial-ID.parquet}, one single-row Parquet file per trial holding its latest state,
 * plus {@code leaderboard.csv}. A row is replaced by writing a hidden file and renaming it over the old one, so at any
 * instant (kill -9 included) every trial has at most one complete row and readers (Spark, DuckDB:
 * {@code read_parquet('DIR/trials/*.parquet')}) skip the hidden files. One file per trial instead of one table file
 * keeps each update small and a torn write impossible.
 */
public final class TrialsTable {
    public static final String DIR = "trials";
    public static final String LEADERBOARD = "leaderboard.csv";

    private final Path root;
    private final Path dir;
    private final Configuration hadoop;

    public TrialsTable(Path sweepOutput) {
        this.root = sweepOutput;
        this.dir = sweepOutput.resolve(DIR);
        // the raw local filesystem: no .crc side files to go stale when a file is renamed over another
        this.hadoop = new Configuration();
        hadoop.set("fs.file.impl", org.apache.hadoop.fs.RawLocalFileSystem.class.getName());
        hadoop.setBoolean("fs.file.impl.disable.cache", true);
    }

    public Path dir() {
        return dir;
    }

    /** Every trial's row by id; removes temporary files a killed writer left (call with the sweep lock held). */
    public Map<String, TrialRecord> read(SparkSession spark) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(".")) {
                    Files.deleteIfExists(p);
                } else if (n.endsWith(".parquet")) {
                    files.add(p);
                }
            }
        }
        Map<String, TrialRecord> out = new LinkedHashMap<>();
        if (files.isEmpty()) {
            return out;
        }
        List<Row> rows = spark.read().schema(TrialRecord.SCHEMA).parquet(dir.toAbsolutePath().toString())
                .collectAsList();
        for (Row r : rows) {
            TrialRecord t = TrialRecord.fromRow(r);
            if (out.put(t.trialId(), t) != null) {
                throw new IllegalStateException(dir + ": trial " + t.trialId() + " has two rows");
            }
        }
        return out;
    }

    /** Replaces the trial's row atomically. */
    public void write(TrialRecord t) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve("trial-" + t.trialId() + ".parquet").toAbsolutePath();
        Path staged = dir.resolve(".trial-" + t.trialId() + ".parquet.new").toAbsolutePath();
        SparkRowParquetWriter.write(hadoop, new org.apache.hadoop.fs.Path(staged.toUri()), TrialRecord.SCHEMA,
                List.<Object[]>of(t.toValues()).iterator());
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Done trials best first (ties: plan order), then the others in plan order. */
    public static List<TrialRecord> ranked(Collection<TrialRecord> trials) {
        List<TrialRecord> out = new ArrayList<>(trials);
        out.sort(Comparator.comparing((TrialRecord t) -> t.is(TrialRecord.Status.DONE) ? 0 : 1)
                .thenComparing(t -> t.objective() == null ? 0 : -t.objective())
                .thenComparing(TrialRecord::codeVersion)
                .thenComparingInt(TrialRecord::trialIndex));
        return out;
    }

    /** {@code leaderboard.csv}: every trial, ranked, rewritten whole. */
    public void writeLeaderboard(Collection<TrialRecord> trials) throws IOException {
        StringBuilder sb = new StringBuilder("rank,trial_id,status,objective,metric,uar_mean,uar_std,accuracy_mean,"
                + "macro_f1_mean,architecture,lstm_units,dropout,dense_units,learning_rate,l2,batch_size,"
                + "averaging_frequency,epochs,feature_blocks,fold_scheme,attempts,seconds,finished_at,code_version,"
                + "error\n");
        int rank = 0;
        for (TrialRecord t : ranked(trials)) {
            boolean done = t.is(TrialRecord.Status.DONE);
            sb.append(done ? Integer.toString(++rank) : "").append(',').append(t.trialId()).append(',')
                    .append(t.status()).append(',').append(num(t.objective())).append(',').append(t.metric())
                    .append(',').append(num(t.uarMean())).append(',').append(num(t.uarStd())).append(',')
                    .append(num(t.accuracyMean())).append(',').append(num(t.macroF1Mean())).append(',')
                    .append(t.architecture()).append(',').append(t.lstmUnits()).append(',').append(t.dropout())
                    .append(',').append(t.denseUnits()).append(',').append(t.learningRate()).append(',')
                    .append(t.l2()).append(',').append(t.batchSize()).append(',').append(t.averagingFrequency())
                    .append(',').append(t.epochs()).append(',').append(t.featureBlocks()).append(',')
                    .append(t.foldScheme()).append(',').append(t.attempts()).append(',')
                    .append(t.seconds() == null ? "" : String.format(Locale.ROOT, "%.1f", t.seconds())).append(',')
                    .append(t.finishedAt() == null ? "" : t.finishedAt()).append(',').append(t.codeVersion())
                    .append(',').append(csv(t.error())).append('\n');
        }
        AtomicFiles.writeString(root.resolve(LEADERBOARD), sb);
    }

    private static String num(Double d) {
        return d == null ? "" : String.format(Locale.ROOT, "%.6f", d);
    }

    private static String csv(String s) {
        return s == null ? "" : '"' + s.replace("\"", "\"\"").replace('\n', ' ') + '"';
    }
}
