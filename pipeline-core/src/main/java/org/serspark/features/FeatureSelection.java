package org.serspark.features;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A subset of the per-frame feature blocks ({@code mfcc}, {@code chroma}, {@code mel}, {@code zcr}, {@code centroid})
 * as frame columns, for models trained on part of the features. Written {@code all} or blocks joined by {@code +}
 * (e.g. {@code mfcc+chroma}); {@link #spec()} is canonical (frame order), so equal selections compare equal.
 */
public final class FeatureSelection {
    public static final String ALL = "all";
    /** Block names in frame order. */
    public static final List<String> BLOCKS = List.of("mfcc", "chroma", "mel", "zcr", "centroid");

    private final String spec;
    private final int[] columns;

    private FeatureSelection(String spec, int[] columns) {
        this.spec = spec;
        this.columns = columns;
    }

    public static FeatureSelection parse(String text, FeatureConfig config) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String part : text.trim().toLowerCase(Locale.ROOT).split("\\+")) {
            String b = part.trim();
            if (b.equals(ALL)) {
                wanted.addAll(BLOCKS);
            } else if (BLOCKS.contains(b)) {
                wanted.add(b);
            } else {
                throw new IllegalArgumentException("feature block '" + b + "' is not one of " + BLOCKS + " or all");
            }
        }
        List<String> ordered = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        for (String b : BLOCKS) {
            if (wanted.contains(b)) {
                ordered.add(b);
                int from = switch (b) {
                    case "mfcc" -> config.mfccOffset();
                    case "chroma" -> config.chromaOffset();
                    case "mel" -> config.melOffset();
                    case "zcr" -> config.zcrOffset();
                    default -> config.centroidOffset();
                };
                int to = switch (b) {
                    case "mfcc" -> config.chromaOffset();
                    case "chroma" -> config.melOffset();
                    case "mel" -> config.zcrOffset();
                    case "zcr" -> config.centroidOffset();
                    default -> config.nFeatures();
                };
                for (int c = from; c < to; c++) {
                    cols.add(c);
                }
            }
        }
        boolean all = ordered.size() == BLOCKS.size();
        return new FeatureSelection(all ? ALL : String.join("+", ordered),
                cols.stream().mapToInt(Integer::intValue).toArray());
    }

    public String spec() {
        return spec;
    }

    public boolean isAll() {
        return spec.equals(ALL);
    }

    /** Frame columns kept, ascending. */
    public int[] columns() {
        return columns.clone();
    }

    public int size() {
        return columns.length;
    }

    /** {@code frames} with only the given columns ({@code null} columns: the frames themselves). */
    public static float[][] project(float[][] frames, int[] columns) {
        if (columns == null) {
            return frames;
        }
        float[][] out = new float[frames.length][columns.length];
        for (int t = 0; t < frames.length; t++) {
            for (int k = 0; k < columns.length; k++) {
                out[t][k] = frames[t][columns[k]];
            }
        }
        return out;
    }
}
