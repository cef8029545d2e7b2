package org.serspark.sweep;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the trials table: the latest state of one trial.
 *
 * @param status    {@link Status}
 * @param objective the spec's metric, mean over folds (null until done)
 * @param attempts  how many invocations started this trial (more than 1 only after an interruption or a retry)
 * @param seconds   wall time of the attempt that set this status
 * @param runDir    the trial's cross-validation folder, relative to the sweep output
 */
public record TrialRecord(String trialId, int trialIndex, String status, Double objective, String metric,
                          Double uarMean, Double uarStd, Double accuracyMean, Double macroF1Mean, Integer folds,
                          String architecture, String lstmUnits, double dropout, int denseUnits, double learningRate,
                          double l2, int batchSize, int averagingFrequency, int epochs, String featureBlocks,
                          String paramsJson, String foldScheme, String featureFingerprint, String codeVersion,
                          String sweep, int attempts, String startedAt, String finishedAt, Double seconds,
                          String host, long pid, String error, String runDir) {

    /** Trial states. Only {@code done} and {@code failed} are final; the others are rerun. */
    public enum Status {
        /** started by a live invocation (or by one killed since; the next invocation marks it interrupted) */
        RUNNING,
        /** cross-validated: metrics and objective filled in */
        DONE,
        /** the run threw (bad settings, out of memory); skipped unless --retry-failed */
        FAILED,
        /** an invocation stopped while it ran; the next invocation reruns it */
        INTERRUPTED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            field("trial_id", DataTypes.StringType, false),
            field("trial_index", DataTypes.IntegerType, false),
            field("status", DataTypes.StringType, false),
            field("objective", DataTypes.DoubleType, true),
            field("metric", DataTypes.StringType, false),
            field("uar_mean", DataTypes.DoubleType, true),
            field("uar_std", DataTypes.DoubleType, true),
            field("accuracy_mean", DataTypes.DoubleType, true),
            field("macro_f1_mean", DataTypes.DoubleType, true),
            field("folds", DataTypes.IntegerType, true),
            field("architecture", DataTypes.StringType, false),
            field("lstm_units", DataTypes.StringType, false),
            field("dropout", DataTypes.DoubleType, false),
            field("dense_units", DataTypes.IntegerType, false),
            field("learning_rate", DataTypes.DoubleType, false),
            field("l2", DataTypes.DoubleType, false),
            field("batch_size", DataTypes.IntegerType, false),
            field("averaging_frequency", DataTypes.IntegerType, false),
            field("epochs", DataTypes.IntegerType, false),
            field("feature_blocks", DataTypes.StringType, false),
            field("params_json", DataTypes.StringType, false),
            field("fold_scheme", DataTypes.StringType, false),
            field("feature_fingerprint", DataTypes.StringType, false),
            field("code_version", DataTypes.StringType, false),
            field("sweep", DataTypes.StringType, false),
            field("attempts", DataTypes.IntegerType, false),
            field("started_at", DataTypes.StringType, true),
            field("finished_at", DataTypes.StringType, true),
            field("seconds", DataTypes.DoubleType, true),
            field("host", DataTypes.StringType, false),
            field("pid", DataTypes.LongType, false),
            field("error", DataTypes.StringType, true),
            field("run_dir", DataTypes.StringType, false)));

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }

    /** A fresh row for a trial about to run. */
    static TrialRecord running(Trial t, SweepSpec spec, String fingerprint, String codeVersion, int attempts,
                               String startedAt, String host, long pid, String runDir) {
        return new TrialRecord(t.id(), t.index(), Status.RUNNING.id(), null, spec.metric().key(), null, null, null,
                null, null, t.model().architecture().id(), units(t.model().lstmUnits()), t.model().dropout(),
                t.model().denseUnits(), t.model().learningRate(), t.model().l2(), t.training().batchSize(),
                t.training().averagingFrequency(), t.training().epochs(), t.featureBlocks(), t.settingsJson(),
                spec.folds().spec(), fingerprint, codeVersion, spec.name(), attempts, startedAt, null, null, host, pid,
                null, runDir);
    }

    TrialRecord done(double objective, double uarMean, Double uarStd, double accuracyMean, double macroF1Mean,
                     int nFolds, String finished, double secs) {
        return new TrialRecord(trialId, trialIndex, Status.DONE.id(), objective, metric, uarMean, uarStd,
                accuracyMean, macroF1Mean, nFolds, architecture, lstmUnits, dropout, denseUnits, learningRate, l2,
                batchSize, averagingFrequency, epochs, featureBlocks, paramsJson, foldScheme, featureFingerprint,
                codeVersion, sweep, attempts, startedAt, finished, secs, host, pid, null, runDir);
    }

    TrialRecord ended(Status s, String finished, Double secs, String why) {
        return new TrialRecord(trialId, trialIndex, s.id(), null, metric, null, null, null, null, null,
                architecture, lstmUnits, dropout, denseUnits, learningRate, l2, batchSize, averagingFrequency, epochs,
                featureBlocks, paramsJson, foldScheme, featureFingerprint, codeVersion, sweep, attempts, startedAt,
                finished, secs, host, pid, why, runDir);
    }

    public boolean is(Status s) {
        return status.equals(s.id());
    }

    static String units(List<Integer> units) {
        return String.join("-", units.stream().map(String::valueOf).toList());
    }

    Object[] toValues() {
        return new Object[] {trialId, trialIndex, status, objective, metric, uarMean, uarStd, accuracyMean,
            macroF1Mean, folds, architecture, lstmUnits, dropout, denseUnits, learningRate, l2, batchSize,
            averagingFrequency, epochs, featureBlocks, paramsJson, foldScheme, featureFingerprint, codeVersion, sweep,
            attempts, startedAt, finishedAt, seconds, host, pid, error, runDir};
    }

    static TrialRecord fromRow(Row r) {
        return new TrialRecord(r.getString(0), r.getInt(1), r.getString(2), dbl(r, 3), r.getString(4), dbl(r, 5),
                dbl(r, 6), dbl(r, 7), dbl(r, 8), r.isNullAt(9) ? null : r.getInt(9), r.getString(10), r.getString(11),
                r.getDouble(12), r.getInt(13), r.getDouble(14), r.getDouble(15), r.getInt(16), r.getInt(17),
                r.getInt(18), r.getString(19), r.getString(20), r.getString(21), r.getString(22), r.getString(23),
                r.getString(24), r.getInt(25), r.getString(26), r.getString(27), dbl(r, 28), r.getString(29),
                r.getLong(30), r.getString(31), r.getString(32));
    }

    private static Double dbl(Row r, int i) {
        return r.isNullAt(i) ? null : r.getDouble(i);
    }
}
