package org.serspark.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Accuracy broken down by a grouping key such as the actor or the gender of each test sample. Groups are listed in
 * the keys' natural order when every key is {@link Comparable} (actors 1..24, "female" before "male"), otherwise in
 * order of first appearance, so reports come out in a stable order.
 *
 * @param <K> group key type
 */
public final class GroupAccuracy<K> {

    /**
     * One group's tally.
     *
     * @param key     group key
     * @param correct samples whose prediction equals the true label
     * @param total   samples in the group (always at least 1)
     */
    public record Group<K>(K key, int correct, int total) {
        public double accuracy() {
            return (double) correct / total;
        }
    }

    private final List<Group<K>> groups;
    private final Map<K, Group<K>> byKey;

    private GroupAccuracy(List<Group<K>> groups) {
        this.groups = List.copyOf(groups);
        Map<K, Group<K>> map = new HashMap<>();
        for (Group<K> g : groups) {
            map.put(g.key(), g);
        }
        this.byKey = map;
    }

    /**
     * Tallies parallel lists: sample i belongs to group {@code keys.get(i)} and has the given true and predicted
     * labels. Labels are only compared for equality, so any class index scheme works.
     *
     * @throws IllegalArgumentException if the lengths differ or a key is null
     */
    public static <K> GroupAccuracy<K> of(List<K> keys, int[] trueLabels, int[] predictedLabels) {
        if (keys.size() != trueLabels.length || trueLabels.length != predictedLabels.length) {
            throw new IllegalArgumentException("keys, true and predicted labels differ in length: " + keys.size()
                    + ", " + trueLabels.length + ", " + predictedLabels.length);
        }
        Map<K, int[]> tallies = new LinkedHashMap<>();
        for (int i = 0; i < trueLabels.length; i++) {
            K key = keys.get(i);
            if (key == null) {
                throw new IllegalArgumentException("null group key at position " + i);
            }
            int[] t = tallies.computeIfAbsent(key, k -> new int[2]);
            if (trueLabels[i] == predictedLabels[i]) {
                t[0]++;
            }
            t[1]++;
        }
        List<Group<K>> groups = new ArrayList<>(tallies.size());
        tallies.forEach((key, t) -> groups.add(new Group<>(key, t[0], t[1])));
        sortIfComparable(groups);
        return new GroupAccuracy<>(groups);
    }

    /** {@link #of(List, int[], int[])} for integer keys such as actor numbers. */
    public static GroupAccuracy<Integer> of(int[] keys, int[] trueLabels, int[] predictedLabels) {
        List<Integer> boxed = new ArrayList<>(keys.length);
        for (int k : keys) {
            boxed.add(k);
        }
        return of(boxed, trueLabels, predictedLabels);
    }

    /** The groups in report order (see class comment). */
    public List<Group<K>> groups() {
        return groups;
    }

    /** Keys in report order. */
    public List<K> keys() {
        List<K> keys = new ArrayList<>(groups.size());
        for (Group<K> g : groups) {
            keys.add(g.key());
        }
        return keys;
    }

    /** @throws IllegalArgumentException if no sample had this key */
    public Group<K> group(K key) {
        Group<K> g = byKey.get(key);
        if (g == null) {
            throw new IllegalArgumentException("no samples in group " + key);
        }
        return g;
    }

    /** @throws IllegalArgumentException if no sample had this key */
    public double accuracy(K key) {
        return group(key).accuracy();
    }

    /** Group key -> accuracy, in report order. */
    public Map<K, Double> accuracies() {
        Map<K, Double> m = new LinkedHashMap<>();
        for (Group<K> g : groups) {
            m.put(g.key(), g.accuracy());
        }
        return m;
    }

    /**
     * Mean, std, min, max of the per-group accuracies, each group weighted equally (e.g. the spread over actors),
     * unlike the pooled accuracy, which weights groups by size.
     */
    public FoldSummary summary() {
        double[] acc = new double[groups.size()];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = groups.get(i).accuracy();
        }
        return FoldSummary.of(acc);
    }

    /** {@code String.valueOf(key)} -> {accuracy, correct, total}, in report order, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Group<K> g : groups) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("accuracy", g.accuracy());
            entry.put("correct", g.correct());
            entry.put("total", g.total());
            m.put(String.valueOf(g.key()), entry);
        }
        return m;
    }

    @Override
    public String toString() {
        return "GroupAccuracy" + accuracies();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <K> void sortIfComparable(List<Group<K>> groups) {
        for (Group<K> g : groups) {
            if (!(g.key() instanceof Comparable)) {
                return;
            }
        }
        List<Group<K>> sorted = new ArrayList<>(groups);
        try {
            sorted.sort(Comparator.comparing(g -> (Comparable) g.key()));
        } catch (ClassCastException mixedKeyTypes) {
            // keys of different Comparable types cannot be ordered: keep first-appearance order
            return;
        }
        groups.clear();
        groups.addAll(sorted);
    }
}
