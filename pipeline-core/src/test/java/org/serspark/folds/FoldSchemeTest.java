package org.serspark.folds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FoldSchemeTest {
    static final List<Integer> ALL = IntStream.rangeClosed(1, 24).boxed().toList();

    @Test
    void emobox6IsTheBenchmarkTable() {
        List<Fold> folds = FoldScheme.parse("emobox6").folds(ALL, Map.of(), 1);
        assertEquals(6, folds.size());
        assertEquals(new TreeSet<>(List.of(1, 11, 20, 21)), folds.get(0).testActors());
        assertEquals(new TreeSet<>(List.of(6, 13, 17, 22)), folds.get(5).testActors());
        Set<Integer> seen = new HashSet<>();
        for (Fold f : folds) {
            assertEquals(4, f.testActors().size());
            assertEquals(20, f.trainActors().size());
            for (int a : f.testActors()) {
                assertTrue(seen.add(a), "each actor is tested once");
                assertFalse(f.trainActors().contains(a), "never trained on a test actor");
            }
            assertTrue(f.speakerIndependent());
            assertNull(f.testPaths());
        }
        assertEquals(24, seen.size());
    }

    @Test
    void emobox6KeepsOnlyActorsPresent() {
        List<Fold> folds = FoldScheme.parse("emobox6").folds(List.of(1, 2, 3, 4), Map.of(), 1);
        // table folds 1 {1,11,20,21}, 2 {4,10,12,14}, 4 {3,5,7,24}, 5 {2,15,16,18}; 3 and 6 have none of 1-4
        assertEquals(List.of(1, 2, 4, 5), folds.stream().map(Fold::number).toList(), "numbers kept, empty dropped");
        assertEquals(new TreeSet<>(List.of(1)), folds.get(0).testActors());
        assertEquals(new TreeSet<>(List.of(2, 3, 4)), folds.get(0).trainActors());
    }

    @Test
    void loaoAndKfold() {
        assertEquals(24, FoldScheme.parse("loao").folds(ALL, Map.of(), 1).size());
        List<Fold> k4 = FoldScheme.parse("kfold:4").folds(ALL, Map.of(), 7);
        assertEquals(4, k4.size());
        Set<Integer> seen = new HashSet<>();
        for (Fold f : k4) {
            assertEquals(6, f.testActors().size());
            long male = f.testActors().stream().filter(a -> a % 2 == 1).count();
            assertEquals(3, male, "genders balanced: " + f.testActors());
            seen.addAll(f.testActors());
        }
        assertEquals(24, seen.size());
        assertEquals(k4, FoldScheme.parse("kfold:4").folds(ALL, Map.of(), 7), "seeded");
        assertThrows(IllegalArgumentException.class, () -> FoldScheme.parse("kfold:1"));
        assertThrows(IllegalArgumentException.class, () -> FoldScheme.parse("bogus"));
    }

    @Test
    void randomSplitIsSpeakerDependentAndStratified() {
        Map<String, Integer> clips = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            clips.put("c" + i, i % 4);
        }
        FoldScheme s = FoldScheme.parse("random:0.2");
        assertFalse(s.speakerIndependent());
        List<Fold> f = s.folds(List.of(1, 2), clips, 3);
        assertEquals(1, f.size());
        assertEquals(20, f.get(0).testPaths().size());
        for (int label = 0; label < 4; label++) {
            final int l = label;
            assertEquals(5, f.get(0).testPaths().stream().filter(p -> clips.get(p) == l).count());
        }
    }

    @Test
    void validationActorsComeFromTrainingActorsOneOfEachGender() {
        SortedSet<Integer> train = new TreeSet<>(List.of(2, 3, 4, 5, 6, 7, 8, 9));
        SortedSet<Integer> v = ValidationActors.pick(train, 2, 11);
        assertEquals(2, v.size());
        assertTrue(train.containsAll(v));
        assertEquals(1, v.stream().filter(a -> a % 2 == 1).count());
        assertEquals(v, ValidationActors.pick(train, 2, 11));
        List<SortedSet<Integer>> picks = new ArrayList<>();
        for (long seed = 0; seed < 10; seed++) {
            picks.add(ValidationActors.pick(train, 2, seed));
        }
        assertTrue(new HashSet<>(picks).size() > 1, "the seed matters");
    }
}
