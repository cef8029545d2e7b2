package org.serspark.conf;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a resumed run asks for the same settings as the run it continues. Long runs (a full cross-validation, a
 * sweep) span sessions and code versions: a setting the code gained since the run started is absent from the run's
 * record, and that is the same run exactly when the new setting has the value that reproduces the old behaviour.
 */
public final class RunSettings {
    /** Settings added after runs existed, each with the value that does what the code did before it. */
    static final Map<String, Object> BEHAVIOUR_BEFORE = Map.ofEntries(
            Map.entry("length_bucket_pool", 1),
            Map.entry("normalization", "global"),
            Map.entry("trim_silence_db", 0.0),
            Map.entry("pooling", "last"),
            Map.entry("input_noise", 0.0),
            Map.entry("time_masks", 0),
            Map.entry("time_mask_width", 0),
            Map.entry("feature_masks", 0),
            Map.entry("feature_mask_width", 0),
            Map.entry("lr_schedule", "constant"),
            Map.entry("bidirectional", false),
            Map.entry("class_weights", "none"),
            Map.entry("speed_perturbation", List.of()),
            Map.entry("level_normalization", "none"),
            Map.entry("speed_copies", "all"),
            Map.entry("mixup", 0.0),
            Map.entry("weight_averaging", 0.0),
            Map.entry("pitch_perturbation", List.of()),
            Map.entry("copies_per_epoch", 0));

    /**
     * Settings that change how a result is computed but not what it is (model.lstm_kernel: the same network to float
     * rounding; training.worker_prefetch: the same minibatches, fetched ahead or not), so a run may continue under
     * another value: a run that began on DL4J's LSTM code resumes fused.
     */
    static final java.util.Set<String> HOW_NOT_WHAT = java.util.Set.of("lstm_kernel", "worker_prefetch");

    private RunSettings() {
    }

    /** {@code before} and {@code now} as read back from JSON (maps, lists, numbers, strings). */
    public static boolean same(Object before, Object now) {
        if (before instanceof Map<?, ?> b && now instanceof Map<?, ?> n) {
            for (Map.Entry<?, ?> e : n.entrySet()) {
                if (HOW_NOT_WHAT.contains(String.valueOf(e.getKey()))) {
                    continue;
                }
                if (!b.containsKey(e.getKey())) {
                    if (!BEHAVIOUR_BEFORE.containsKey(String.valueOf(e.getKey()))
                            || !sameValue(BEHAVIOUR_BEFORE.get(String.valueOf(e.getKey())), e.getValue())) {
                        return false;
                    }
                } else if (!same(b.get(e.getKey()), e.getValue())) {
                    return false;
                }
            }
            for (Object k : b.keySet()) {
                if (!n.containsKey(k) && !HOW_NOT_WHAT.contains(String.valueOf(k))) {
                    return false;
                }
            }
            return true;
        }
        if (before instanceof List<?> b && now instanceof List<?> n) {
            if (b.size() != n.size()) {
                return false;
            }
            for (int i = 0; i < b.size(); i++) {
                if (!same(b.get(i), n.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return sameValue(before, now);
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }
}
