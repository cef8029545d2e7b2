package org.serspark.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts of a single-label classifier's decisions, {@code counts[true][pred]}: row {@code t} holds the samples whose
 * true class is {@code t}, column {@code p} those predicted as {@code p} (the layout of sklearn's
 * {@code confusion_matrix(y_true, y_pred, labels=range(k))}). Immutable; the class indices are positions in
 * {@link #labels()}.
 */
public final class ConfusionMatrix {
    private final List<String> labels;
    private final int[][] counts;
    private final int total;

    private ConfusionMatrix(List<String> labels, int[][] counts) {
        this.labels = labels;
        this.counts = counts;
        int sum = 0;
        for (int[] row : counts) {
            for (int c : row) {
                sum = Math.addExact(sum, c);
            }
        }
        this.total = sum;
    }

    /**
     * Tallies parallel arrays of true and predicted class indices.
     *
     * @throws IllegalArgumentException if the arrays differ in length or an index is outside {@code 0..k-1}
     */
    public static ConfusionMatrix of(List<String> labels, int[] trueLabels, int[] predictedLabels) {
        List<String> names = checkLabels(labels);
        if (trueLabels.length != predictedLabels.length) {
            throw new IllegalArgumentException("true and predicted label arrays differ in length: "
                    + trueLabels.length + " vs " + predictedLabels.length);
        }
        int k = names.size();
        int[][] counts = new int[k][k];
        for (int i = 0; i < trueLabels.length; i++) {
            counts[checkIndex(trueLabels[i], k, "true", i)][checkIndex(predictedLabels[i], k, "predicted", i)]++;
        }
        return new ConfusionMatrix(names, counts);
    }

    /**
     * Wraps existing counts ({@code counts[true][pred]}, copied).
     *
     * @throws IllegalArgumentException if {@code counts} is not k x k or holds a negative count
     */
    public static ConfusionMatrix fromCounts(List<String> labels, int[][] counts) {
        List<String> names = checkLabels(labels);
        int k = names.size();
        if (counts.length != k) {
            throw new IllegalArgumentException("counts has " + counts.length + " rows for " + k + " labels");
        }
        int[][] copy = new int[k][];
        for (int t = 0; t < k; t++) {
            if (counts[t].length != k) {
                throw new IllegalArgumentException("counts row " + t + " has " + counts[t].length
                        + " columns for " + k + " labels");
            }
            copy[t] = counts[t].clone();
            for (int c : copy[t]) {
                if (c < 0) {
                    throw new IllegalArgumentException("negative count " + c + " in row " + t);
                }
            }
        }
        return new ConfusionMatrix(names, copy);
    }

    /**
     * Element-wise sum, e.g. to pool the test folds of a cross-validation into one matrix.
     *
     * @throws IllegalArgumentException if the label lists differ
     */
    public ConfusionMatrix plus(ConfusionMatrix other) {
        if (!labels.equals(other.labels)) {
            throw new IllegalArgumentException("label lists differ: " + labels + " vs " + other.labels);
        }
        int k = labels.size();
        int[][] sum = new int[k][k];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                sum[t][p] = Math.addExact(counts[t][p], other.counts[t][p]);
            }
        }
        return new ConfusionMatrix(labels, sum);
    }

    public List<String> labels() {
        return labels;
    }

    public int numClasses() {
        return labels.size();
    }

    /** Number of samples counted. */
    public int total() {
        return total;
    }

    public int count(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    /** Copy of the counts, {@code [true][pred]}. */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    /** Samples whose true class is {@code c} (row sum). */
    public int support(int c) {
        int sum = 0;
        for (int p = 0; p < counts.length; p++) {
            sum += counts[c][p];
        }
        return sum;
    }

    /** Samples predicted as {@code c} (column sum). */
    public int predictedCount(int c) {
        int sum = 0;
        for (int[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    /** Correctly classified samples (trace). */
    public int correct() {
        int sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += counts[c][c];
        }
        return sum;
    }

    /**
     * Each row divided by its support, so entry {@code [t][p]} is the fraction of class {@code t} predicted as
     * {@code p} and the diagonal holds the per-class recalls (sklearn's {@code normalize='true'}). A row of a class
     * with no support is left all zeros rather than 0/0 = NaN (sklearn also gives zeros there), so the view can be
     * plotted or serialised as is; use {@link #support(int)} to tell such rows from a class never predicted right.
     */
    public double[][] rowNormalized() {
        int k = counts.length;
        double[][] out = new double[k][k];
        for (int t = 0; t < k; t++) {
            int support = support(t);
            if (support == 0) {
                continue;
            }
            for (int p = 0; p < k; p++) {
                out[t][p] = (double) counts[t][p] / support;
            }
        }
        return out;
    }

    /** {@code labels}, {@code counts} ([true][pred]) and {@code row_normalized}, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", labels);
        List<List<Integer>> rows = new ArrayList<>(counts.length);
        List<List<Double>> normalized = new ArrayList<>(counts.length);
        double[][] norm = rowNormalized();
        for (int t = 0; t < counts.length; t++) {
            List<Integer> row = new ArrayList<>(counts.length);
            List<Double> normRow = new ArrayList<>(counts.length);
            for (int p = 0; p < counts.length; p++) {
                row.add(counts[t][p]);
                normRow.add(norm[t][p]);
            }
            rows.add(row);
            normalized.add(normRow);
        }
        m.put("counts", rows);
        m.put("row_normalized", normalized);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix other && labels.equals(other.labels)
                && Arrays.deepEquals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return 31 * labels.hashCode() + Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ConfusionMatrix").append(labels).append(" [true][pred]:");
        for (int[] row : counts) {
            sb.append('\n').append(Arrays.toString(row));
        }
        return sb.toString();
    }

    private static List<String> checkLabels(List<String> labels) {
        Objects.requireNonNull(labels, "labels");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("no class labels");
        }
        List<String> copy = List.copyOf(labels);
        if (new java.util.HashSet<>(copy).size() != copy.size()) {
            // names key the per-class JSON, so a repeated name would silently merge two classes
            throw new IllegalArgumentException("repeated class label in " + copy);
        }
        return copy;
    }

    private static int checkIndex(int label, int k, String which, int position) {
        if (label < 0 || label >= k) {
            throw new IllegalArgumentException(which + " label " + label + " at position " + position
                    + " is outside 0.." + (k - 1));
        }
        return label;
    }
}
