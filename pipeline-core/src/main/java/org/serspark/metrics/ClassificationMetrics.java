package org.serspark.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores of one confusion matrix (one test fold, or pooled folds). Immutable; everything is computed once.
 *
 * <h2>Conventions (chosen to reproduce sklearn 1.x)</h2>
 * <ul>
 * <li><b>Per-class precision, recall, F1</b> follow {@code precision_recall_fscore_support(y_true, y_pred,
 * labels=range(k), zero_division=0)}: a class never predicted has precision 0, a class without support has
 * recall 0, and F1 = 2TP / (2TP + FP + FN) is 0 when that denominator is 0 (class neither present nor predicted).
 * When precision and recall are both defined this equals their harmonic mean.</li>
 * <li><b>Macro precision / recall / F1</b> ({@code average='macro'}) are plain means over <em>all</em> k labels of
 * the label list, including classes absent from the fold, which then contribute zeros. This is what sklearn does
 * when given {@code labels=} explicitly; without it sklearn would only average over labels present in
 * {@code y_true} or {@code y_pred}. The fixed list keeps the averages comparable between folds.</li>
 * <li><b>UAR</b> (unweighted average recall) follows {@code balanced_accuracy_score(y_true, y_pred)} (not
 * adjusted): the mean recall over the classes that have support, so a class absent from the fold is skipped
 * rather than counted as recall 0. Hence UAR equals macro recall exactly when every class has support, and is
 * larger otherwise.</li>
 * <li><b>Accuracy</b> is trace / total.</li>
 * </ul>
 */
public final class ClassificationMetrics {
    private final ConfusionMatrix matrix;
    private final List<PerClassMetrics> perClass;
    private final double accuracy;
    private final double uar;
    private final double macroPrecision;
    private final double macroRecall;
    private final double macroF1;

    private ClassificationMetrics(ConfusionMatrix matrix) {
        this.matrix = matrix;
        int k = matrix.numClasses();
        List<PerClassMetrics> classes = new ArrayList<>(k);
        double sumPrecision = 0;
        double sumRecall = 0;
        double sumF1 = 0;
        double sumPresentRecall = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            int tp = matrix.count(c, c);
            int support = matrix.support(c);
            int predicted = matrix.predictedCount(c);
            int fn = support - tp;
            int fp = predicted - tp;
            double precision = ratioOrZero(tp, predicted);
            double recall = ratioOrZero(tp, support);
            double f1 = ratioOrZero(2.0 * tp, 2.0 * tp + fp + fn);
            classes.add(new PerClassMetrics(matrix.labels().get(c), precision, recall, f1, support));
            sumPrecision += precision;
            sumRecall += recall;
            sumF1 += f1;
            if (support > 0) {
                sumPresentRecall += recall;
                present++;
            }
        }
        this.perClass = List.copyOf(classes);
        this.accuracy = (double) matrix.correct() / matrix.total();
        this.uar = sumPresentRecall / present;
        this.macroPrecision = sumPrecision / k;
        this.macroRecall = sumRecall / k;
        this.macroF1 = sumF1 / k;
    }

    /**
     * @throws IllegalArgumentException if the matrix counts no samples (every score would be 0/0; an empty test
     *                                  fold is a bug upstream, not a score)
     */
    public static ClassificationMetrics of(ConfusionMatrix matrix) {
        Objects.requireNonNull(matrix, "matrix");
        if (matrix.total() == 0) {
            throw new IllegalArgumentException("confusion matrix counts no samples");
        }
        return new ClassificationMetrics(matrix);
    }

    /** Shorthand for {@code of(ConfusionMatrix.of(labels, trueLabels, predictedLabels))}. */
    public static ClassificationMetrics of(List<String> labels, int[] trueLabels, int[] predictedLabels) {
        return of(ConfusionMatrix.of(labels, trueLabels, predictedLabels));
    }

    public ConfusionMatrix confusionMatrix() {
        return matrix;
    }

    /** Number of samples scored. */
    public int total() {
        return matrix.total();
    }

    public double accuracy() {
        return accuracy;
    }

    /** Unweighted average recall over the classes with support (sklearn's {@code balanced_accuracy_score}). */
    public double uar() {
        return uar;
    }

    /** Mean precision over all k labels, zero for classes never predicted. */
    public double macroPrecision() {
        return macroPrecision;
    }

    /** Mean recall over all k labels, zero for classes without support (compare {@link #uar()}). */
    public double macroRecall() {
        return macroRecall;
    }

    /** Mean per-class F1 over all k labels (sklearn {@code f1_score(average='macro', labels=all)}). */
    public double macroF1() {
        return macroF1;
    }

    /** Scores of each class, in label order. */
    public List<PerClassMetrics> perClass() {
        return perClass;
    }

    public PerClassMetrics perClass(int c) {
        return perClass.get(c);
    }

    public double precision(int c) {
        return perClass.get(c).precision();
    }

    public double recall(int c) {
        return perClass.get(c).recall();
    }

    public double f1(int c) {
        return perClass.get(c).f1();
    }

    public int support(int c) {
        return perClass.get(c).support();
    }

    /**
     * {@code n_samples}, {@code accuracy}, {@code uar}, {@code macro_precision}, {@code macro_recall},
     * {@code macro_f1}, {@code per_class} (label -> {@link PerClassMetrics#toMap()}, in label order) and
     * {@code confusion_matrix} ({@link ConfusionMatrix#toMap()}), for JSON.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_samples", matrix.total());
        m.put("accuracy", accuracy);
        m.put("uar", uar);
        m.put("macro_precision", macroPrecision);
        m.put("macro_recall", macroRecall);
        m.put("macro_f1", macroF1);
        Map<String, Object> classes = new LinkedHashMap<>();
        for (PerClassMetrics pc : perClass) {
            classes.put(pc.label(), pc.toMap());
        }
        m.put("per_class", classes);
        m.put("confusion_matrix", matrix.toMap());
        return m;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "ClassificationMetrics[n=%d, accuracy=%.4f, uar=%.4f, macroF1=%.4f]",
                matrix.total(), accuracy, uar, macroF1);
    }

    private static double ratioOrZero(double numerator, double denominator) {
        // sklearn's zero_division=0: an undefined ratio scores 0 instead of NaN
        return denominator == 0 ? 0.0 : numerator / denominator;
    }
}
