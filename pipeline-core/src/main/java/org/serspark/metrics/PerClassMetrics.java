package org.serspark.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One class's scores as {@link ClassificationMetrics} defines them (zero where sklearn's {@code zero_division=0}
 * would apply).
 *
 * @param label     class name
 * @param precision TP / (TP + FP); 0 if the class was never predicted
 * @param recall    TP / (TP + FN); 0 if the class has no support
 * @param f1        2 TP / (2 TP + FP + FN); 0 if the class was neither present nor predicted
 * @param support   number of samples whose true class this is
 */
public record PerClassMetrics(String label, double precision, double recall, double f1, int support) {

    /** {@code precision}, {@code recall}, {@code f1}, {@code support}, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("f1", f1);
        m.put("support", support);
        return m;
    }
}
