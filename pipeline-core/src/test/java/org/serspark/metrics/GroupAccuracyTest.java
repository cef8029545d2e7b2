package org.serspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupAccuracyTest {
    static final double EPS = 1e-15;

    /*
     *   actor: 3 1 3 2 1 3
     *   true : 0 1 2 3 4 5
     *   pred : 0 7 2 3 4 1
     *   hit  : y n y y y n
     * actor 1: 1/2, actor 2: 1/1, actor 3: 2/3. Pooled accuracy 4/6 = 2/3, but the mean over actors is
     * (1/2 + 1 + 2/3)/3 = 13/18, which is what summary() must report.
     */
    static final int[] ACTORS = {3, 1, 3, 2, 1, 3};
    static final int[] TRUE = {0, 1, 2, 3, 4, 5};
    static final int[] PRED = {0, 7, 2, 3, 4, 1};

    @Test
    void accuracyPerActorInKeyOrder() {
        GroupAccuracy<Integer> g = GroupAccuracy.of(ACTORS, TRUE, PRED);
        assertEquals(List.of(1, 2, 3), g.keys());
        assertEquals(0.5, g.accuracy(1), EPS);
        assertEquals(1.0, g.accuracy(2), EPS);
        assertEquals(2.0 / 3, g.accuracy(3), EPS);
        assertEquals(new GroupAccuracy.Group<>(3, 2, 3), g.group(3));
        assertEquals(List.of(0.5, 1.0, 2.0 / 3), List.copyOf(g.accuracies().values()));
        assertThrows(IllegalArgumentException.class, () -> g.accuracy(4));
    }

    @Test
    void summaryWeightsGroupsEqually() {
        FoldSummary s = GroupAccuracy.of(ACTORS, TRUE, PRED).summary();
        assertEquals(3, s.n());
        assertEquals(13.0 / 18, s.mean(), EPS);
        assertEquals(0.5, s.min());
        assertEquals(1.0, s.max());
    }

    @Test
    void genderKeysSortAlphabetically() {
        List<String> gender = List.of("male", "female", "male", "female", "male");
        GroupAccuracy<String> g = GroupAccuracy.of(gender, new int[] {1, 1, 1, 1, 1}, new int[] {1, 0, 0, 1, 0});
        assertEquals(List.of("female", "male"), g.keys());
        assertEquals(0.5, g.accuracy("female"), EPS);
        assertEquals(1.0 / 3, g.accuracy("male"), EPS);
        Map<String, Object> map = g.toMap();
        assertEquals(List.of("female", "male"), List.copyOf(map.keySet()));
        assertEquals(Map.of("accuracy", 1.0 / 3, "correct", 1, "total", 3), map.get("male"));
    }

    @Test
    void rejectsMismatchedLengthsAndNullKeys() {
        assertThrows(IllegalArgumentException.class,
                () -> GroupAccuracy.of(new int[] {1, 2}, new int[] {0, 0}, new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> GroupAccuracy.of(java.util.Arrays.asList("m", null), new int[] {0, 0}, new int[] {0, 0}));
    }
}
