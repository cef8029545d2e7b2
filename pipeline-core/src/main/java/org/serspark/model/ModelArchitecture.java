package org.serspark.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The networks this project trains; the name is what {@code --model} and the configuration take. */
public enum ModelArchitecture {
    /** The paper's network: LSTM 128 -> dropout -> LSTM 64 -> dropout -> dense 64 ReLU -> softmax. */
    DUAL_LSTM("dual-lstm", 2),
    /** The paper's baseline: LSTM 128 -> dropout -> dense 64 ReLU -> softmax. */
    SINGLE_LSTM("single-lstm", 1);

    private final String id;
    private final int lstmLayers;

    ModelArchitecture(String id, int lstmLayers) {
        this.id = id;
        this.lstmLayers = lstmLayers;
    }

    public String id() {
        return id;
    }

    public int lstmLayers() {
        return lstmLayers;
    }

    public static ModelArchitecture of(String id) {
        for (ModelArchitecture a : values()) {
            if (a.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown model '" + id + "'; expected one of "
                + Arrays.stream(values()).map(ModelArchitecture::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
