package org.serspark.cv;

import org.serspark.metrics.MeanStd;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** How the report prints numbers: fractions with three decimals, differences in percentage points, p-values. */
final class Formats {
    /** Shown for a value the metrics file does not have. */
    static final String MISSING = "–";
    private static final double POINTS_PER_FRACTION = 100.0;
    private static final int SECONDS_PER_MINUTE = 60;
    private static final int SECONDS_PER_HOUR = 3600;
    private static final DateTimeFormatter UTC_MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** A fraction with three decimals, "0.412", rounded like {@link MeanStd#format()}; {@link #MISSING} for NaN. */
    static String fraction(double v) {
        return decimals(v, MeanStd.DEFAULT_DECIMALS);
    }

    /** A number with the given decimals, rounded half-to-even on the exact binary value like Python's format. */
    static String decimals(double v, int decimals) {
        if (Double.isNaN(v)) {
            return MISSING;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * {@code "0.412 +- 0.031"} (same rounding as {@link MeanStd#format()}, so Java and Python reports agree); with an
     * undefined spread (a single fold) {@code "0.412 +- n/a"}; {@link #MISSING} without a mean.
     */
    static String meanStd(double mean, double std) {
        if (Double.isNaN(mean)) {
            return MISSING;
        }
        if (Double.isNaN(std)) {
            return fraction(mean) + " +- n/a";
        }
        return new MeanStd(mean, std).format();
    }

    /** A difference of fractions in signed percentage points with one decimal, "+1.2" or "-0.8". */
    static String points(double fractionDifference) {
        if (Double.isNaN(fractionDifference)) {
            return MISSING;
        }
        double p = fractionDifference * POINTS_PER_FRACTION;
        String s = String.format(Locale.ROOT, "%.1f", p);
        if (s.equals("-0.0") || s.equals("0.0")) {
            return "0.0"; // no sign on "no change", including differences that round to it
        }
        return s.startsWith("-") ? s : "+" + s;
    }

    /** A p-value: two decimals from 0.1 up, three below, "< 0.001" for tiny ones. */
    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return MISSING;
        }
        if (p < 0.001) {
            return "< 0.001";
        }
        return String.format(Locale.ROOT, p >= 0.1 ? "%.2f" : "%.3f", p);
    }

    /** Wall time as "1 h 02 min", "20 min 34 s" or "12.3 s". */
    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return MISSING;
        }
        long s = Math.round(seconds);
        if (s >= SECONDS_PER_HOUR) {
            return String.format(Locale.ROOT, "%d h %02d min", s / SECONDS_PER_HOUR,
                    (s % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE);
        }
        if (s >= SECONDS_PER_MINUTE) {
            return String.format(Locale.ROOT, "%d min %02d s", s / SECONDS_PER_MINUTE, s % SECONDS_PER_MINUTE);
        }
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /** An ISO-8601 instant as "2026-11-25 04:00 UTC"; anything else is returned unchanged. */
    static String timestamp(String iso) {
        if (iso == null) {
            return MISSING;
        }
        try {
            return UTC_MINUTES.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** An integer-valued number without decimals, other numbers as given; {@link #MISSING} for NaN. */
    static String count(double v) {
        if (Double.isNaN(v)) {
            return MISSING;
        }
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
