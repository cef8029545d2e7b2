package org.serspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FoldSummaryTest {

    /*
     * values 0.60 0.65 0.70 0.61: mean 2.56/4 = 0.64, deviations -0.04 0.01 0.06 -0.03,
     * squares sum 0.0016 + 0.0001 + 0.0036 + 0.0009 = 0.0062.
     * sample std sqrt(0.0062/3) = 0.0454606056... (population std sqrt(0.0062/4) = 0.03937 would be wrong)
     */
    @Test
    void sampleStatistics() {
        FoldSummary s = FoldSummary.of(0.60, 0.65, 0.70, 0.61);
        assertEquals(4, s.n());
        assertEquals(0.64, s.mean(), 1e-15);
        assertEquals(Math.sqrt(0.0062 / 3), s.std(), 1e-15);
        assertEquals(0.04546060565661951, s.std(), 1e-15); // numpy std(ddof=1)
        assertEquals(0.60, s.min());
        assertEquals(0.70, s.max());
        assertArrayEquals(new double[] {0.60, 0.65, 0.70, 0.61}, s.values());
        assertEquals("0.640 +- 0.045", s.meanStd().format());
    }

    @Test
    void singleFoldHasUndefinedStd() {
        FoldSummary s = FoldSummary.of(0.7);
        assertEquals(0.7, s.mean());
        assertTrue(Double.isNaN(s.std()));
        assertNull(s.toMap().get("std"));
        assertEquals("0.700 +- nan", s.meanStd().format());
    }

    /* toMap() output must be valid JSON: Jackson would otherwise write the non-standard token NaN. */
    @Test
    void toMapSerialisesAsStrictJson() throws Exception {
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(FoldSummary.of(0.7).toMap());
        assertEquals("{\"n\":1,\"mean\":0.7,\"std\":null,\"min\":0.7,\"max\":0.7,\"values\":[0.7]}", json);
    }

    /* Large values with a small spread: sum(x^2) - n mean^2 would cancel to a few units of 1e16 and lose them. */
    @Test
    void stdIsStableForCloseValues() {
        double base = 1e8;
        FoldSummary s = FoldSummary.of(base + 4, base + 7, base + 13, base + 16);
        // deviations -6 -3 3 6: sqrt(90/3)
        assertEquals(Math.sqrt(30), s.std(), 1e-9);
    }

    @Test
    void rejectsEmptyAndNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> FoldSummary.of());
        assertThrows(IllegalArgumentException.class, () -> FoldSummary.of(0.5, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> FoldSummary.of(Double.POSITIVE_INFINITY));
    }

    @Test
    void meanStdFormatting() {
        assertEquals("0.623 +- 0.012", new MeanStd(0.6234, 0.0124).format());
        assertEquals("0.623 +- 0.012", new MeanStd(0.6234, 0.0124).toString());
        assertEquals("0.62 +- 0.01", new MeanStd(0.6234, 0.0124).format(2));
        // 0.0115 is stored as 0.011499999...: Python prints 0.011, so must we (decimal half-up would say 0.012)
        assertEquals("0.500 +- 0.011", new MeanStd(0.5, 0.0115).format());
        // exact binary values, as Python rounds them: 1.0005 is stored as 1.000499999..., 0.0125 as 0.012500000...07
        assertEquals("1.000 +- 0.013", new MeanStd(1.0005, 0.0125).format());
        // Python prints a negative mean that rounds to zero as "-0.000"
        assertEquals("-0.000 +- 0.001", new MeanStd(-0.0001, 0.0011).format());
        assertThrows(IllegalArgumentException.class, () -> new MeanStd(0, 0).format(-1));
    }
}
