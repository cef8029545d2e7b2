package org.serspark.synth;

/** Nearest class centroid on features standardised with the training set's mean and standard deviation. */
final class NearestCentroid {
    private final int[] features;
    private final double[] mean;
    private final double[] sd;
    private final double[][] centroid;

    /**
     * @param x        rows of features
     * @param label    class of each row, 0..classes-1
     * @param features which feature columns to use
     */
    NearestCentroid(double[][] x, int[] label, int classes, int[] features) {
        this.features = features.clone();
        int d = features.length;
        mean = new double[d];
        sd = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[features[j]] / x.length;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                double z = row[features[j]] - mean[j];
                sd[j] += z * z / x.length;
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j]) + 1e-12;
        }
        centroid = new double[classes][d];
        int[] count = new int[classes];
        for (int i = 0; i < x.length; i++) {
            count[label[i]]++;
            for (int j = 0; j < d; j++) {
                centroid[label[i]][j] += standardised(x[i], j);
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) {
                centroid[c][j] /= Math.max(1, count[c]);
            }
        }
    }

    int predict(double[] row) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroid.length; c++) {
            double distance = 0;
            for (int j = 0; j < features.length; j++) {
                double z = standardised(row, j) - centroid[c][j];
                distance += z * z;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }

    double accuracy(double[][] x, int[] label) {
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            correct += predict(x[i]) == label[i] ? 1 : 0;
        }
        return (double) correct / x.length;
    }

    private double standardised(double[] row, int j) {
        return (row[features[j]] - mean[j]) / sd[j];
    }
}
