package org.serspark.features;

/**
 * {@code librosa.power_to_db(S, ref, amin, top_db)} 0.10.1 with a scalar {@code ref}:
 * {@code 10*log10(max(amin, S)) - 10*log10(max(amin, |ref|))}, then, when {@code top_db} is set, every value
 * is raised to at least {@code max - top_db}, the maximum taken over the whole input (one clip).
 *
 * @param ref   {@code ref}: the power that maps to 0 dB (default 1.0)
 * @param amin  {@code amin}: smallest power considered, avoids log(0) (default 1e-10)
 * @param topDb {@code top_db}: dynamic range below the clip's maximum, or {@code null} for none (default 80)
 */
public record PowerToDb(double ref, double amin, Double topDb) implements java.io.Serializable {
    public static final PowerToDb LIBROSA_DEFAULT = new PowerToDb(1.0, 1e-10, 80.0);

    private static final double DB_PER_DECADE = 10.0;

    public PowerToDb {
        if (!(amin > 0.0)) {
            throw new IllegalArgumentException("amin must be strictly positive, got " + amin);
        }
        if (!Double.isFinite(ref)) {
            throw new IllegalArgumentException("ref must be finite, got " + ref);
        }
        if (topDb != null && !(topDb >= 0.0)) {
            throw new IllegalArgumentException("top_db must be non-negative, got " + topDb);
        }
    }

    /** Converts {@code s[from..to)} in place; the {@code top_db} floor is relative to the maximum of that range. */
    public void applyInPlace(double[] s, int from, int to) {
        double refDb = DB_PER_DECADE * Math.log10(Math.max(amin, Math.abs(ref)));
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            double db = DB_PER_DECADE * Math.log10(Math.max(amin, s[i])) - refDb;
            s[i] = db;
            if (db > max) {
                max = db;
            }
        }
        if (topDb != null && to > from) {
            double floor = max - topDb;
            for (int i = from; i < to; i++) {
                if (s[i] < floor) {
                    s[i] = floor;
                }
            }
        }
    }

    /** A converted copy of {@code s} (any layout; the {@code top_db} floor is relative to the whole matrix). */
    public double[][] apply(double[][] s) {
        int total = 0;
        for (double[] row : s) {
            total += row.length;
        }
        double[] flat = new double[total];
        int pos = 0;
        for (double[] row : s) {
            System.arraycopy(row, 0, flat, pos, row.length);
            pos += row.length;
        }
        applyInPlace(flat, 0, total);
        double[][] out = new double[s.length][];
        pos = 0;
        for (int r = 0; r < s.length; r++) {
            out[r] = new double[s[r].length];
            System.arraycopy(flat, pos, out[r], 0, s[r].length);
            pos += s[r].length;
        }
        return out;
    }
}
