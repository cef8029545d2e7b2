package org.serspark.cli;

import java.util.SortedSet;
import java.util.TreeSet;

/** Parses actor lists such as {@code 1,2,5-8}. */
final class Actors {
    private Actors() {
    }

    static SortedSet<Integer> parse(String spec, String option) {
        SortedSet<Integer> out = new TreeSet<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(",")) {
            String p = part.trim();
            try {
                if (p.contains("-")) {
                    String[] ab = p.split("-", 2);
                    int a = Integer.parseInt(ab[0].trim());
                    int b = Integer.parseInt(ab[1].trim());
                    for (int i = Math.min(a, b); i <= Math.max(a, b); i++) {
                        out.add(check(i, option));
                    }
                } else {
                    out.add(check(Integer.parseInt(p), option));
                }
            } catch (NumberFormatException e) {
                throw new UserException(option + ": '" + p + "' is not an actor number or range (e.g. 1,2,5-8)");
            }
        }
        return out;
    }

    private static int check(int a, String option) {
        if (a < 1 || a > 24) {
            throw new UserException(option + ": actor " + a + " is not 1-24");
        }
        return a;
    }
}
