package org.serspark.folds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How clips are split into folds: {@code emobox6} (the EmoBox benchmark's 6 speaker-independent folds of 4 test
 * actors), {@code loao} (leave one actor out), {@code kfold:K} (K folds of actors, seeded, genders alternated), or
 * {@code random:P} (one speaker-DEPENDENT split with a fraction P of clips, stratified by emotion, for comparison
 * with papers that use one; never the headline).
 */
public final class FoldScheme {
    private final String spec;
    private final Kind kind;
    private final double parameter;

    private enum Kind { EMOBOX6, LOAO, KFOLD, RANDOM }

    private FoldScheme(String spec, Kind kind, double parameter) {
        this.spec = spec;
        this.kind = kind;
        this.parameter = parameter;
    }

    public static FoldScheme parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.equals("emobox6")) {
                return new FoldScheme(s, Kind.EMOBOX6, 0);
            }
            if (s.equals("loao")) {
                return new FoldScheme(s, Kind.LOAO, 0);
            }
            if (s.startsWith("kfold:")) {
                int k = Integer.parseInt(s.substring(6));
                if (k < 2) {
                    throw new IllegalArgumentException("kfold needs K >= 2, got " + k);
                }
                return new FoldScheme(s, Kind.KFOLD, k);
            }
            if (s.startsWith("random:")) {
                double p = Double.parseDouble(s.substring(7));
                if (!(p > 0 && p < 1)) {
                    throw new IllegalArgumentException("random:P needs 0 < P < 1, got " + p);
                }
                return new FoldScheme(s, Kind.RANDOM, p);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad fold scheme '" + spec + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("unknown fold scheme '" + spec
                + "'; expected emobox6, loao, kfold:K or random:P");
    }

    public String spec() {
        return spec;
    }

    public boolean speakerIndependent() {
        return kind != Kind.RANDOM;
    }

    /**
     * The folds over the actors present. Folds of a fixed table (emobox6) keep only test actors that are present and
     * are dropped when none is.
     *
     * @param clipsByPath emotion label per clip path (used by the random split only)
     */
    public List<Fold> folds(List<Integer> actors, Map<String, Integer> clipsByPath, long seed) {
        SortedSet<Integer> all = new TreeSet<>(actors);
        List<Fold> out = new ArrayList<>();
        switch (kind) {
            case EMOBOX6 -> {
                // folds keep the table's numbers, so "fold 4" means the same actors in every report
                int n = 0;
                for (SortedSet<Integer> test : emobox6()) {
                    n++;
                    test.retainAll(all);
                    if (!test.isEmpty() && test.size() < all.size()) {
                        out.add(fold(n, test, all));
                    }
                }
            }
            case LOAO -> {
                int n = 0;
                for (int a : all) {
                    out.add(fold(++n, new TreeSet<>(Set.of(a)), all));
                }
            }
            case KFOLD -> {
                int k = (int) parameter;
                if (k > all.size()) {
                    throw new IllegalArgumentException("kfold:" + k + " needs at least " + k + " actors, have "
                            + all.size());
                }
                List<Integer> male = new ArrayList<>();
                List<Integer> female = new ArrayList<>();
                for (int a : all) {
                    (a % 2 == 1 ? male : female).add(a);
                }
                Random r = new Random(seed);
                Collections.shuffle(male, r);
                Collections.shuffle(female, r);
                List<Integer> order = new ArrayList<>(male);
                order.addAll(female);
                List<SortedSet<Integer>> groups = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    groups.add(new TreeSet<>());
                }
                for (int i = 0; i < order.size(); i++) {
                    groups.get(i % k).add(order.get(i));
                }
                for (int i = 0; i < k; i++) {
                    out.add(fold(i + 1, groups.get(i), all));
                }
            }
            case RANDOM -> {
                Map<Integer, List<String>> byLabel = new TreeMap<>();
                new TreeMap<>(clipsByPath).forEach((p, l) -> byLabel.computeIfAbsent(l, x -> new ArrayList<>()).add(p));
                Random r = new Random(seed);
                Set<String> test = new HashSet<>();
                for (List<String> paths : byLabel.values()) {
                    Collections.shuffle(paths, r);
                    test.addAll(paths.subList(0, (int) Math.round(paths.size() * parameter)));
                }
                out.add(new Fold(1, new TreeSet<>(all), new TreeSet<>(all), test));
            }
        }
        return out;
    }

    private static Fold fold(int n, SortedSet<Integer> test, SortedSet<Integer> all) {
        SortedSet<Integer> train = new TreeSet<>(all);
        train.removeAll(test);
        return new Fold(n, test, train, null);
    }

    /** The EmoBox RAVDESS folds (copied from its fold table into this jar). */
    static List<SortedSet<Integer>> emobox6() {
        List<SortedSet<Integer>> out = new ArrayList<>();
        try (InputStream in = FoldScheme.class.getResourceAsStream("/folds/emobox6.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("fold") || line.isBlank()) {
                    continue;
                }
                SortedSet<Integer> test = new TreeSet<>();
                for (String a : line.split("\t")[1].split(",")) {
                    test.add(Integer.parseInt(a.trim()));
                }
                out.add(test);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public String toString() {
        return spec;
    }
}
