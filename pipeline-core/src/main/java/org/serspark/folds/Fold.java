package org.serspark.folds;

import java.util.Set;
import java.util.SortedSet;

/**
 * One cross-validation fold.
 *
 * @param number      1-based
 * @param testActors  actors whose clips are tested (speaker-independent schemes)
 * @param trainActors actors whose clips may be used for training and validation
 * @param testPaths   for the speaker-dependent random split only: the test clips (all actors train); else null
 */
public record Fold(int number, SortedSet<Integer> testActors, SortedSet<Integer> trainActors, Set<String> testPaths) {

    public boolean speakerIndependent() {
        return testPaths == null;
    }
}
