package org.serspark.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.serspark.BuildInfo;
import org.serspark.cv.CrossValidationJob;
import org.serspark.cv.CvOptions;
import org.serspark.features.FeatureSelection;
import org.serspark.folds.ValidationActors;
import org.serspark.io.AtomicFiles;
import org.serspark.model.ModelArchitecture;
import org.serspark.train.FeatureDataset;
import org.serspark.train.ParameterAveragingTrainer;
import org.serspark.train.TrainRequest;

/**
 * Runs the trials of a sweep that are not finished yet, in plan order, within the invocation's budget, then promotes
 * the best finished trial's model to {@code DIR/best}. A trial is one cross-validation ({@link CrossValidationJob})
 * under {@code DIR/runs/ID/cv}; because that job resumes at its first unfinished fold, a trial interrupted by a kill
 * is rerun at the cost of its unfinished folds only. The caller holds the {@link SweepLock}.
 */
public final class SweepJob {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    public static final String RUNS = "runs";
    public static final String SWEEP_JSON = "sweep.json";

    private final SparkSession spark;
    private final PrintStream log;
    /** Set by a shutdown hook (SIGTERM from a scheduler): the running trial's failure is an interruption. */
    private volatile boolean stopping;

    public SweepJob(SparkSession spark, PrintStream log) {
        this.spark = spark;
        this.log = log;
    }

    public SweepResult run(SweepOptions o, SweepLock lock) throws IOException {
        long t0 = System.nanoTime();
        SweepSpec spec = o.spec();
        FeatureDataset data = FeatureDataset.open(spark, o.features());
        String code = BuildInfo.current().codeVersion();
        List<Trial> plan = SweepPlan.of(spec, o.conf(), data.config(), o.validationActors(),
                data.fingerprint(), code);
        if (plan.isEmpty()) {
            throw new IllegalArgumentException(spec.source() + ": the spec yields no trials");
        }
        cleanTemporaries(o.output());
        writeSweepJson(o, plan, data, code);
        TrialsTable table = new TrialsTable(o.output());
        Map<String, TrialRecord> rows = table.read(spark);
        for (TrialRecord r : List.copyOf(rows.values())) {
            if (r.is(TrialRecord.Status.RUNNING)) {
                // we hold the lock, so nobody runs it: the invocation that started it died (also for trials an
                // edited spec no longer plans, so no row claims to run forever)
                lock.verify();
                TrialRecord marked = r.ended(TrialRecord.Status.INTERRUPTED, null, null,
                        "its invocation (pid " + r.pid() + " on " + r.host() + ") stopped while it ran");
                table.write(marked);
                rows.put(r.trialId(), marked);
                log.printf(Locale.ROOT, "sweep: trial %s (#%d) was interrupted; rerunning it%n", r.trialId(),
                        r.trialIndex());
            }
        }
        List<Trial> todo = new ArrayList<>();
        for (Trial t : plan) {
            TrialRecord r = rows.get(t.id());
            if (r == null || r.is(TrialRecord.Status.INTERRUPTED)
                    || r.is(TrialRecord.Status.FAILED) && o.retryFailed()) {
                todo.add(t);
            }
        }
        log.printf(Locale.ROOT, "sweep %s: %d trials (%s search), %d to run; objective mean %s over %s folds%s%n",
                spec.name(), plan.size(), spec.search().name().toLowerCase(Locale.ROOT), todo.size(),
                spec.metric().key(), spec.folds().spec(), budgetText(spec));

        Thread hook = new Thread(() -> stopping = true, "sweep-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        String stoppedBy = "complete";
        int ran = 0;
        double longest = 0;
        double spent = 0;
        long loopStart = System.nanoTime();
        try {
            for (Trial t : todo) {
                double elapsed = (System.nanoTime() - loopStart) / 1e9;
                if (spec.maxTrials() > 0 && ran >= spec.maxTrials()) {
                    stoppedBy = "max_trials";
                    break;
                }
                if (spec.maxWallSeconds() > 0 && (elapsed >= spec.maxWallSeconds()
                        || elapsed + longest > spec.maxWallSeconds())) {
                    stoppedBy = "max_wall_seconds";
                    break;
                }
                String eta = ran == 0 ? "" : String.format(Locale.ROOT, ", ETA %s for %d more",
                        duration(spent / ran * (todo.size() - ran)), todo.size() - ran);
                log.printf(Locale.ROOT, "sweep: trial %d/%d %s (#%d): %s%s%n", ran + 1, todo.size(), t.id(), t.index(),
                        t.describe(), eta);
                long ts = System.nanoTime();
                TrialRecord r = runTrial(o, t, rows.get(t.id()), table, lock, data, code);
                double secs = (System.nanoTime() - ts) / 1e9;
                rows.put(t.id(), r);
                table.writeLeaderboard(rows.values());
                ran++;
                spent += secs;
                longest = Math.max(longest, secs);
                log.printf(Locale.ROOT, "sweep: trial %s %s%s (%.1f s)%n", t.id(), r.status(),
                        r.objective() == null ? "" : String.format(Locale.ROOT, ", %s %.4f", r.metric(),
                                r.objective()), secs);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting; the hook has run
            }
        }

        TrialRecord best = best(plan, rows);
        if (best != null && !best.trialId().equals(BestModel.current(o.output()))) {
            lock.verify();
            promote(o, plan.stream().filter(t -> t.id().equals(best.trialId())).findFirst().orElseThrow(), best,
                    data);
        }
        table.writeLeaderboard(rows.values());
        int done = 0;
        int failed = 0;
        for (Trial t : plan) {
            TrialRecord r = rows.get(t.id());
            done += r != null && r.is(TrialRecord.Status.DONE) ? 1 : 0;
            failed += r != null && r.is(TrialRecord.Status.FAILED) ? 1 : 0;
        }
        int pending = plan.size() - done - failed;
        return new SweepResult(plan.size(), done, failed, pending, ran, stoppedBy,
                best == null ? null : best.trialId(), best == null ? null : best.objective(),
                (System.nanoTime() - t0) / 1e9);
    }

    private TrialRecord runTrial(SweepOptions o, Trial t, TrialRecord before, TrialsTable table, SweepLock lock,
                                 FeatureDataset data, String code) throws IOException {
        SweepSpec spec = o.spec();
        String runDir = RUNS + "/" + t.id();
        lock.verify();
        TrialRecord running = TrialRecord.running(t, spec, data.fingerprint(), code,
                before == null ? 1 : before.attempts() + 1, Instant.now().toString(), SweepLock.host(),
                ProcessHandle.current().pid(), runDir);
        table.write(running);
        long ts = System.nanoTime();
        ModelArchitecture arch = t.model().architecture();
        Map<String, Object> metrics;
        try {
            CvOptions cv = new CvOptions(o.features(), o.output().resolve(runDir).resolve("cv"), spec.folds(),
                    List.of(arch), Map.of(arch, t.model()), t.training(), o.validationActors(), t.training().seed(),
                    provenance(o, t), t.featureBlocks());
            metrics = new CrossValidationJob(spark, log).run(cv);
        } catch (RuntimeException | IOException e) {
            if (stopping) {
                throw e; // killed by the scheduler: the row stays running and the next invocation reruns it
            }
            lock.verify();
            TrialRecord failed = running.ended(TrialRecord.Status.FAILED, Instant.now().toString(),
                    (System.nanoTime() - ts) / 1e9, e.getClass().getSimpleName() + ": " + e.getMessage());
            table.write(failed);
            log.println("sweep: trial " + t.id() + " failed: " + e.getMessage());
            return failed;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) ((Map<String, Object>) metrics.get("summary")).get(arch.id());
        lock.verify();
        TrialRecord done = running.done(mean(s, spec.metric().key()), mean(s, "uar"), std(s, "uar"),
                mean(s, "accuracy"), mean(s, "macro_f1"), ((Number) field(s, "uar", "n")).intValue(),
                Instant.now().toString(), (System.nanoTime() - ts) / 1e9);
        table.write(done);
        return done;
    }

    /** The best done trial of this plan (ties: the earlier in the plan). */
    static TrialRecord best(List<Trial> plan, Map<String, TrialRecord> rows) {
        List<TrialRecord> candidates = new ArrayList<>();
        for (Trial t : plan) {
            TrialRecord r = rows.get(t.id());
            if (r != null && r.is(TrialRecord.Status.DONE)) {
                candidates.add(r);
            }
        }
        return candidates.isEmpty() ? null : TrialsTable.ranked(candidates).get(0);
    }

    /**
     * The promoted model: the trial's settings trained once more on every actor of the dataset, with validation
     * actors held out as in each fold (the CV folds' models each miss their test actors). Resumable like any training.
     */
    private void promote(SweepOptions o, Trial t, TrialRecord r, FeatureDataset all) throws IOException {
        FeatureDataset data = all.select(FeatureSelection.parse(t.featureBlocks(), all.config()));
        Path runDir = o.output().resolve(r.runDir());
        Path finalDir = runDir.resolve("final");
        if (!Files.exists(finalDir.resolve(ParameterAveragingTrainer.SUCCESS))) {
            log.printf(Locale.ROOT, "sweep: training the best trial %s on all actors for %s/%n", t.id(),
                    BestModel.LINK);
            SortedSet<Integer> train = new TreeSet<>(data.actors());
            SortedSet<Integer> val = ValidationActors.pick(train, o.validationActors(), t.training().seed());
            train.removeAll(val);
            Map<String, Object> prov = provenance(o, t);
            prov.put("label", "sweep " + o.spec().name() + " best " + t.id());
            new ParameterAveragingTrainer(spark, log).train(TrainRequest.byActors(data, train, val, t.model(),
                    t.training(), finalDir, Files.exists(finalDir.resolve("train.json")) ? TrainRequest.Mode.RESUME
                            : TrainRequest.Mode.FAIL_IF_EXISTS, prov));
        }
        Map<String, Path> files = new LinkedHashMap<>();
        files.put(ParameterAveragingTrainer.BUNDLE, finalDir.resolve(ParameterAveragingTrainer.BUNDLE));
        files.put("learning_curve.csv", finalDir.resolve("learning_curve.csv"));
        files.put(CrossValidationJob.METRICS, runDir.resolve("cv").resolve(CrossValidationJob.METRICS));
        Map<String, Object> trial = new LinkedHashMap<>();
        trial.put("trial_id", t.id());
        trial.put("trial_index", t.index());
        trial.put("sweep", o.spec().name());
        trial.put("objective", Map.of("metric", r.metric(), "value", r.objective(), "folds", r.foldScheme()));
        trial.put("uar_mean", r.uarMean());
        trial.put("settings", t.settings());
        trial.put("feature_fingerprint", data.fingerprint());
        trial.put("features", data.root());
        trial.put("code_version", BuildInfo.current().codeVersion());
        trial.put("code", BuildInfo.current().provenance());
        trial.put("model", "trained on all actors but the validation actors; metrics.json is the trial's "
                + "cross-validation");
        trial.put("promoted_at", Instant.now().toString());
        BestModel.promote(o.output(), t.id(), files, trial);
        log.printf(Locale.ROOT, "sweep: %s/ is now trial %s (%s %.4f)%n", o.output().resolve(BestModel.LINK), t.id(),
                r.metric(), r.objective());
    }

    private static Map<String, Object> provenance(SweepOptions o, Trial t) {
        Map<String, Object> prov = new LinkedHashMap<>(o.provenance());
        prov.put("sweep", o.spec().name());
        prov.put("trial_id", t.id());
        return prov;
    }

    private void writeSweepJson(SweepOptions o, List<Trial> plan, FeatureDataset data, String code)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "serspark sweep");
        m.put("spec", o.spec().toMap());
        m.put("features", data.root());
        m.put("feature_fingerprint", data.fingerprint());
        m.put("code_version", code);
        m.put("code", BuildInfo.current().provenance());
        m.put("spark_version", spark.version());
        m.put("validation_actors", o.validationActors());
        m.putAll(o.provenance());
        List<Map<String, Object>> trials = new ArrayList<>();
        for (Trial t : plan) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("index", t.index());
            tm.put("id", t.id());
            tm.put("point", t.point());
            trials.add(tm);
        }
        m.put("trials", trials);
        AtomicFiles.write(o.output().resolve(SWEEP_JSON), JSON.writeValueAsBytes(m));
    }

    /** Temporary links and folders a killed promotion left. */
    private static void cleanTemporaries(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("." + BestModel.LINK + ".") && n.endsWith(".tmp")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String budgetText(SweepSpec spec) {
        List<String> parts = new ArrayList<>();
        if (spec.maxTrials() > 0) {
            parts.add("at most " + spec.maxTrials() + " trials");
        }
        if (spec.maxWallSeconds() > 0) {
            parts.add("at most " + spec.maxWallSeconds() + " s");
        }
        return parts.isEmpty() ? "" : "; this invocation: " + String.join(", ", parts);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 120 ? s + " s" : s < 7200 ? (s + 30) / 60 + " min" : String.format(Locale.ROOT, "%.1f h", s / 3600.0);
    }

    private static Object field(Map<String, Object> summary, String metric, String key) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) summary.get(metric);
        return m.get(key);
    }

    private static double mean(Map<String, Object> summary, String metric) {
        return ((Number) field(summary, metric, "mean")).doubleValue();
    }

    private static Double std(Map<String, Object> summary, String metric) {
        Object v = field(summary, metric, "std");
        return v == null ? null : ((Number) v).doubleValue();
    }
}
