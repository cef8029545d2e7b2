package org.serspark.metrics;

/** Helpers shared by the {@code toMap()} methods, whose maps are meant to be serialised as JSON. */
final class JsonValues {
    private JsonValues() {
    }

    /**
     * JSON has no NaN or infinity, so undefined values (a std over one fold, a p-value of a test without data) are
     * written as {@code null}, the same convention as the project's golden feature files.
     */
    static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
