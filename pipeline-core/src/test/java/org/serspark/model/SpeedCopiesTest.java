package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpeedCopiesTest {

    static String path(int i) {
        return String.format("Actor_%02d/03-01-%02d-01-01-%02d-%02d.wav", i % 24 + 1, i % 8 + 1, i % 2 + 1,
                i % 24 + 1) + i;
    }

    @Test
    void eachVersionIsDrawnForAboutAThirdOfTheClipsEveryEpoch() {
        for (int epoch = 1; epoch <= 5; epoch++) {
            int[] counts = new int[3];
            for (int i = 0; i < 3000; i++) {
                counts[SpeedCopies.drawn(path(i), epoch, 42, 3)]++;
            }
            for (int c : counts) {
                assertTrue(c > 900 && c < 1100, "epoch " + epoch + ": " + java.util.Arrays.toString(counts));
            }
        }
    }

    @Test
    void aClipHearsEverySpeedOverTheEpochsAndTheDrawIsRepeatable() {
        int heardAll = 0;
        for (int i = 0; i < 200; i++) {
            Set<Integer> seen = new HashSet<>();
            for (int epoch = 1; epoch <= 12; epoch++) {
                int v = SpeedCopies.drawn(path(i), epoch, 42, 3);
                assertEquals(v, SpeedCopies.drawn(path(i), epoch, 42, 3));
                seen.add(v);
            }
            heardAll += seen.size() == 3 ? 1 : 0;
        }
        // a fair three-way draw misses a version in 12 epochs with probability 3 * (2/3)^12 = 2.3%
        assertTrue(heardAll >= 180, heardAll + " of 200 clips heard all three versions in 12 epochs");
        int differ = 0;
        for (int i = 0; i < 300; i++) {
            differ += SpeedCopies.drawn(path(i), 1, 42, 3) != SpeedCopies.drawn(path(i), 1, 43, 3) ? 1 : 0;
        }
        assertTrue(differ > 150 && differ < 250, "another seed draws otherwise for about two thirds: " + differ);
    }

    @Test
    void drawnCopiesPicksKDistinctCopiesEachAlikeOftenAndRepeatably() {
        int[] counts = new int[4];
        int[] pairs = new int[16];
        for (int i = 0; i < 2000; i++) {
            for (int epoch = 1; epoch <= 3; epoch++) {
                boolean[] read = SpeedCopies.drawnCopies(path(i), epoch, 42, 4, 2);
                assertEquals(4, read.length);
                assertArrayEquals(read, SpeedCopies.drawnCopies(path(i), epoch, 42, 4, 2));
                int n = 0;
                int first = -1;
                for (int j = 0; j < 4; j++) {
                    if (read[j]) {
                        counts[j]++;
                        n++;
                        if (first < 0) {
                            first = j;
                        } else {
                            pairs[first * 4 + j]++;
                        }
                    }
                }
                assertEquals(2, n, path(i) + " epoch " + epoch);
            }
        }
        // 6000 draws of 2 of 4: each copy in half of them, each of the 6 pairs in a sixth
        for (int c : counts) {
            assertTrue(c > 2800 && c < 3200, java.util.Arrays.toString(counts));
        }
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                assertTrue(pairs[a * 4 + b] > 880 && pairs[a * 4 + b] < 1120, java.util.Arrays.toString(pairs));
            }
        }
        int differ = 0;
        for (int i = 0; i < 300; i++) {
            differ += java.util.Arrays.equals(SpeedCopies.drawnCopies(path(i), 1, 42, 4, 2),
                    SpeedCopies.drawnCopies(path(i), 2, 42, 4, 2)) ? 0 : 1;
        }
        assertTrue(differ > 200 && differ < 290, "the next epoch draws another pair for about 5/6: " + differ);
        assertArrayEquals(new boolean[] {true, true, true}, SpeedCopies.drawnCopies(path(0), 1, 42, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> SpeedCopies.drawnCopies(path(0), 1, 42, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> SpeedCopies.drawnCopies(path(0), 1, 42, 2, 0));
    }

    @Test
    void parsesItsTwoValues() {
        assertEquals(SpeedCopies.ONE, SpeedCopies.of(" One "));
        assertEquals("all", SpeedCopies.ALL.id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpeedCopies.of("half"));
        assertEquals("speed_copies must be all or one, got 'half'", e.getMessage());
    }
}
