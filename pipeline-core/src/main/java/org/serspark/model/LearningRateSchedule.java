package org.serspark.model;

import java.util.Locale;

/**
 * The Adam learning rate of each epoch ({@code training.lr_schedule}). The trainer sets the epoch's rate on the
 * network before fitting it, so the rate depends on the epoch number only: a resumed run continues where it was.
 */
public enum LearningRateSchedule {
    /** {@code training.learning_rate} every epoch (the paper). */
    CONSTANT,
    /**
     * Half a cosine from {@code training.learning_rate} at epoch 1 towards 0 after the last epoch
     * ({@code training.epochs}): rate(e) = base * (1 + cos(pi * (e - 1) / epochs)) / 2 (SGDR without restarts).
     */
    COSINE;

    public static LearningRateSchedule of(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lr_schedule must be constant or cosine, got '" + s + "'");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The rate of {@code epoch} (1-based) of at most {@code epochs}.
     *
     * @throws IllegalArgumentException if epoch is not in 1..epochs
     */
    public double rate(double base, int epoch, int epochs) {
        if (epoch < 1 || epoch > epochs) {
            throw new IllegalArgumentException("epoch " + epoch + " is not in 1.." + epochs);
        }
        return switch (this) {
            case CONSTANT -> base;
            case COSINE -> base * (1 + Math.cos(Math.PI * (epoch - 1) / epochs)) / 2;
        };
    }
}
