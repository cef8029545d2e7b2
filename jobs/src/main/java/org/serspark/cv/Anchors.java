package org.serspark.cv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Published and locally measured figures printed beside every cross-validation result. */
final class Anchors {
    private Anchors() {
    }

    static final List<Map<String, Object>> LIST = List.of(
            anchor("ResLSTM-SA (MFCC + chroma LSTM with attention)", "speaker-independent 5-fold",
                    Map.of("uar_mean", 0.623, "uar_std", 0.012, "uar_best", 0.652)),
            anchor("Keras reproduction of this paper", "unstated split",
                    Map.of("accuracy_dual", 0.595, "accuracy_single", 0.575)),
            anchor("Paper (Yang, Yu, Xu 2024)", "unstated split", Map.of("accuracy", 0.87)),
            anchor("RBF SVM on clip mean+std of the 182 features (measured here)", "emobox6",
                    Map.of("uar_mean", 0.459, "uar_std", 0.018)),
            anchor("Paper network in PyTorch, same features, 30 epochs (measured here)", "emobox6",
                    Map.of("uar_dual", 0.381, "uar_dual_std", 0.048, "uar_single", 0.410, "uar_single_std", 0.047)));

    private static Map<String, Object> anchor(String name, String protocol, Map<String, Object> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("protocol", protocol);
        m.putAll(new java.util.TreeMap<>(values));
        return m;
    }
}
