package org.serspark.features;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a network reads of each frame: a subset of the per-frame feature blocks ({@code mfcc}, {@code chroma},
 * {@code mel}, {@code zcr}, {@code centroid}, and {@code pitch} when the features have it) as frame columns,
 * optionally followed by their deltas ({@link DeltaFeatures}, librosa's {@code feature.delta} over 9 frames).
 * Written {@code all} or blocks joined by {@code +} (e.g. {@code mfcc+chroma}), with {@code +delta} (first-order
 * deltas appended) or {@code +delta+delta2} (first and second order); {@link #spec()} is canonical (frame order), so
 * equal selections compare equal.
 */
public final class FeatureSelection implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final String ALL = "all";
    /** Block names in frame order; {@code pitch} only in features extracted with it ({@link #blocks}). */
    public static final List<String> BLOCKS = List.of("mfcc", "chroma", "mel", "zcr", "centroid", "pitch");
    /** The spec tokens that append first- and second-order deltas of the selected columns. */
    public static final List<String> DELTAS = List.of("delta", "delta2");

    private final String spec;
    private final int[] columns;
    private final int deltaOrder;

    private FeatureSelection(String spec, int[] columns, int deltaOrder) {
        this.spec = spec;
        this.columns = columns;
        this.deltaOrder = deltaOrder;
    }

    /** The blocks features extracted with {@code config} have, in frame order. */
    public static List<String> blocks(FeatureConfig config) {
        return config.hasPitch() ? BLOCKS : BLOCKS.subList(0, BLOCKS.size() - 1);
    }

    public static FeatureSelection parse(String text, FeatureConfig config) {
        List<String> available = blocks(config);
        Set<String> wanted = new LinkedHashSet<>();
        int order = 0;
        for (String part : text.trim().toLowerCase(Locale.ROOT).split("\\+")) {
            String b = part.trim();
            if (b.equals(ALL)) {
                wanted.addAll(available);
            } else if (available.contains(b)) {
                wanted.add(b);
            } else if (BLOCKS.contains(b)) {
                throw new IllegalArgumentException("feature block '" + b + "' is not in these features: extract "
                        + "them with features.pitch: true");
            } else if (DELTAS.contains(b)) {
                order = Math.max(order, DELTAS.indexOf(b) + 1);
            } else {
                throw new IllegalArgumentException("feature block '" + b + "' is not one of " + available
                        + ", all, delta or delta2");
            }
        }
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names deltas but no feature block to take them of");
        }
        List<String> ordered = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        // block k holds the columns from its start to the next one's (pitchOffset is the frame's end without pitch)
        int[] starts = {config.mfccOffset(), config.chromaOffset(), config.melOffset(), config.zcrOffset(),
            config.centroidOffset(), config.pitchOffset(), config.nFeatures()};
        for (int k = 0; k < available.size(); k++) {
            String b = available.get(k);
            if (wanted.contains(b)) {
                ordered.add(b);
                for (int c = starts[k]; c < starts[k + 1]; c++) {
                    cols.add(c);
                }
            }
        }
        boolean all = ordered.size() == available.size();
        return new FeatureSelection(all ? ALL : String.join("+", ordered),
                cols.stream().mapToInt(Integer::intValue).toArray(), 0).withDeltas(order);
    }

    /**
     * The same blocks followed by their deltas up to {@code order} (0: none, 1: {@code delta}, 2: {@code delta} and
     * {@code delta2}), whatever this selection had.
     */
    public FeatureSelection withDeltas(int order) {
        if (order < 0 || order > 2) {
            throw new IllegalArgumentException("deltas must be 0, 1 or 2, got " + order);
        }
        String blocks = deltaOrder == 0 ? spec : spec.substring(0, spec.indexOf("+delta"));
        return new FeatureSelection(blocks + (order == 0 ? "" : order == 1 ? "+delta" : "+delta+delta2"), columns,
                order);
    }

    public String spec() {
        return spec;
    }

    /** Every frame column as it is: all blocks, no deltas. */
    public boolean isAll() {
        return spec.equals(ALL);
    }

    /** 0 (none), 1 (deltas appended) or 2 (deltas and second-order deltas appended). */
    public int deltaOrder() {
        return deltaOrder;
    }

    /** Frame columns kept, ascending. */
    public int[] columns() {
        return columns.clone();
    }

    /** Values per frame the network reads: the selected columns and their deltas. */
    public int size() {
        return columns.length * (1 + deltaOrder);
    }

    /** A clip's frames ({@code [frames][every column]}) as the network reads them: projected, deltas appended. */
    public float[][] apply(float[][] frames) {
        if (isAll()) {
            return frames;
        }
        float[][] projected = spec.startsWith(ALL) ? frames : project(frames, columns);
        return DeltaFeatures.append(projected, deltaOrder, DeltaFeatures.DEFAULT_WIDTH);
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
