package org.serspark.folds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Chooses validation actors for early stopping from a fold's TRAINING actors (never its test actors), alternating
 * genders (RAVDESS: odd actors male, even female) so a two-actor validation set has one of each.
 */
public final class ValidationActors {
    private ValidationActors() {
    }

    public static SortedSet<Integer> pick(SortedSet<Integer> trainActors, int k, long seed) {
        if (k < 0 || k >= trainActors.size()) {
            throw new IllegalArgumentException("cannot hold out " + k + " of " + trainActors.size()
                    + " training actors " + trainActors);
        }
        Random r = new Random(seed);
        List<Integer> male = new ArrayList<>();
        List<Integer> female = new ArrayList<>();
        for (int a : trainActors) {
            (a % 2 == 1 ? male : female).add(a);
        }
        Collections.shuffle(male, r);
        Collections.shuffle(female, r);
        SortedSet<Integer> out = new TreeSet<>();
        boolean takeMale = r.nextBoolean();
        while (out.size() < k) {
            List<Integer> from = takeMale && !male.isEmpty() || female.isEmpty() ? male : female;
            out.add(from.remove(0));
            takeMale = !takeMale;
        }
        return out;
    }
}
