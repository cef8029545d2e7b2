package org.serspark.train;

import java.io.Serializable;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which clips a run uses: the clips of some actors, optionally narrowed to listed paths or with paths left out
 * (the speaker-dependent random split needs clip-level selection).
 *
 * @param include null = every clip of the actors; else only these paths
 * @param exclude null = none left out; else these paths are left out
 */
public record ClipSelection(SortedSet<Integer> actors, Set<String> include, Set<String> exclude)
        implements Serializable {

    public static ClipSelection actors(SortedSet<Integer> actors) {
        return new ClipSelection(new TreeSet<>(actors), null, null);
    }

    public boolean isEmpty() {
        return actors.isEmpty() || include != null && include.isEmpty();
    }

    @Override
    public String toString() {
        return "actors " + actors + (include == null ? "" : ", " + include.size() + " listed clips")
                + (exclude == null ? "" : ", " + exclude.size() + " clips left out");
    }
}
