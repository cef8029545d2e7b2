package org.serspark.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.serspark.conf.SersparkConf;
import org.serspark.spark.SparkSessions;
import org.serspark.sweep.BestModel;
import org.serspark.sweep.SweepJob;
import org.serspark.sweep.SweepLock;
import org.serspark.sweep.SweepOptions;
import org.serspark.sweep.SweepResult;
import org.serspark.sweep.SweepSpec;
import org.serspark.sweep.TrialsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Hyperparameter sweep (grid or random search), one cross-validation per trial; safe to run again "
                + "and again from a scheduler: finished trials are skipped, interrupted ones rerun, the best model is "
                + "promoted to DIR/best. Exit codes: 0 finished or stopped at its budget, 2 bad input, "
                + SweepCommand.EXIT_LOCKED + " another invocation holds DIR/sweep.lock.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:all trials finished, or this invocation stopped at its budget (run it again)",
            "2:bad spec, configuration, features or output", "75:locked: another invocation of this sweep runs"})
public final class SweepCommand implements Callable<Integer> {
    /** EX_TEMPFAIL (sysexits.h): try again later. */
    public static final int EXIT_LOCKED = 75;

    @Mixin
    ConfOptions confOptions;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "Sweep spec, e.g. conf/sweeps/paper.yaml.")
    Path spec;

    @Option(names = "--features", required = true, paramLabel = "URI", description = "An extract --output folder.")
    String features;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Sweep folder on the driver's filesystem (trials/, leaderboard.csv, runs/, best/).")
    Path output;

    @Option(names = "--max-trials", paramLabel = "N", description = "This invocation runs at most N trials (spec budget.max_trials; 0 = no limit).")
    Integer maxTrials;

    @Option(names = "--max-wall-seconds", paramLabel = "S",
            description = "This invocation starts no trial after S seconds (spec budget.max_wall_seconds; 0 = no limit).")
    Long maxWallSeconds;

    @Option(names = "--retry-failed", description = "Run trials that failed before again.")
    boolean retryFailed;

    @Override
    public Integer call() throws Exception {
        SersparkConf conf = confOptions.load();
        SweepSpec s;
        try {
            s = SweepSpec.load(spec).withBudget(maxTrials, maxWallSeconds);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        // the lock comes first, before Spark starts: a refused invocation returns at once
        SweepLock lock;
        try {
            lock = SweepLock.acquire(output, Duration.ofSeconds(conf.integer("sweep.lock_stale_after_s")),
                    System.err);
        } catch (SweepLock.HeldException e) {
            System.err.println("serspark sweep: " + e.getMessage() + " (exit " + EXIT_LOCKED + ")");
            return EXIT_LOCKED;
        }
        try (lock) {
            SparkSession spark = SparkSessions.getOrCreate("serspark sweep " + s.name(), conf);
            Map<String, Object> prov = new LinkedHashMap<>();
            prov.put("profile", confOptions.profile);
            prov.put("configuration", conf.toSortedMap());
            SweepOptions o = new SweepOptions(s, features, output, conf, conf.integer("training.validation_actors"),
                    retryFailed, prov);
            SweepResult r = new SweepJob(spark, System.err).run(o, lock);
            System.out.println(summary(s, r, output));
            return 0;
        }
    }

    static String summary(SweepSpec s, SweepResult r, Path output) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "sweep %s: %d/%d trials done, %d failed, %d to go; ran %d in %.1f s (%s)%n",
                s.name(), r.done(), r.planned(), r.failed(), r.pending(), r.ranThisInvocation(), r.seconds(),
                r.complete() ? "complete" : "stopped by " + r.stoppedBy() + "; run again to continue"));
        if (r.bestId() != null) {
            sb.append(String.format(Locale.ROOT, "  best: trial %s, mean %s %.4f over %s folds -> %s%n", r.bestId(),
                    s.metric().key(), r.bestObjective(), s.folds().spec(), output.resolve(BestModel.LINK)));
        }
        sb.append("  leaderboard: ").append(output.resolve(TrialsTable.LEADERBOARD)).append('\n');
        sb.append("  trials table (Parquet): ").append(output.resolve(TrialsTable.DIR));
        return sb.toString();
    }
}
