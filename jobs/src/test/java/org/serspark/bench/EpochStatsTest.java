package org.serspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochStatsTest {
    static List<EpochTiming> curve(double[] secs, double[] uar) {
        List<EpochTiming> c = new ArrayList<>();
        for (int i = 0; i < secs.length; i++) {
            c.add(new EpochTiming(i + 1, secs[i], secs[i] - 1, 2.0, 2.0, uar[i], uar[i]));
        }
        return c;
    }

    @Test
    void medianLeavesOutTheWarmUpEpoch() {
        List<EpochTiming> c = curve(new double[] {100, 4, 9, 5}, new double[] {0.1, 0.2, 0.3, 0.4});
        assertEquals(5, EpochStats.medianSeconds(c), 0);
        assertEquals(4, EpochStats.medianFitSeconds(c), 0);
        List<EpochTiming> even = curve(new double[] {100, 4, 6}, new double[] {0.1, 0.2, 0.3});
        assertEquals(5, EpochStats.medianSeconds(even), 0);
        assertEquals(100, EpochStats.medianSeconds(even.subList(0, 1)), 0);
    }

    @Test
    void timeToTargetSumsEpochsFromTheFirst() {
        List<EpochTiming> c = curve(new double[] {10, 4, 9, 5}, new double[] {0.1, 0.35, 0.3, 0.5});
        EpochStats.TargetHit hit = EpochStats.timeToTarget(c, 0.35);
        assertEquals(2, hit.epoch());
        assertEquals(14, hit.seconds(), 1e-12);
        assertEquals(4, EpochStats.timeToTarget(c, 0.45).epoch());
        assertNull(EpochStats.timeToTarget(c, 0.6));
        assertEquals(4, EpochStats.best(c).epoch());
    }
}
