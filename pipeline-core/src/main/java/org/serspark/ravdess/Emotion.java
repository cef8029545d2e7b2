package org.serspark.ravdess;

import java.util.Locale;

/**
 * The eight RAVDESS emotions. The declaration order is the label order: {@link #labelIndex()} is 0 for neutral
 * through 7 for surprised, the same as RAVDESS code minus one, so class indices and file codes never need a table.
 */
public enum Emotion {
    NEUTRAL(1),
    CALM(2),
    HAPPY(3),
    SAD(4),
    ANGRY(5),
    FEARFUL(6),
    DISGUST(7),
    SURPRISED(8);

    /** Number of emotion classes, the size of a classifier's output layer. */
    public static final int COUNT = 8;

    private static final Emotion[] BY_INDEX = values();

    private final int code;
    private final String label;

    Emotion(int code) {
        this.code = code;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    /** RAVDESS file-name code, 1 (neutral) to 8 (surprised). */
    public int code() {
        return code;
    }

    /** Lower-case name as RAVDESS documents it, e.g. {@code "fearful"}. */
    public String label() {
        return label;
    }

    /** Class index 0..7 in RAVDESS code order. */
    public int labelIndex() {
        return ordinal();
    }

    /** RAVDESS code as the two-digit field of a file name, e.g. {@code "06"}. */
    public String codeField() {
        return RavdessFileName.twoDigits(code);
    }

    /** @throws IllegalArgumentException if {@code code} is not 1..8 */
    /** Label names in label-index order, the class order of every model and metric. */
    public static java.util.List<String> labels() {
        return java.util.Arrays.stream(values()).map(Emotion::label).toList();
    }

    public static Emotion fromCode(int code) {
        if (code < 1 || code > COUNT) {
            throw new IllegalArgumentException("emotion code " + code + " is not 1-8");
        }
        return BY_INDEX[code - 1];
    }

    /** @throws IllegalArgumentException if {@code labelIndex} is not 0..7 */
    public static Emotion fromLabelIndex(int labelIndex) {
        if (labelIndex < 0 || labelIndex >= COUNT) {
            throw new IllegalArgumentException("emotion label index " + labelIndex + " is not 0-7");
        }
        return BY_INDEX[labelIndex];
    }

    /**
     * Emotion by its name, ignoring case and surrounding blanks ({@code "Angry"}, {@code "SAD"}).
     *
     * @throws IllegalArgumentException for any other string
     */
    public static Emotion fromName(String name) {
        if (name != null) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            for (Emotion e : BY_INDEX) {
                if (e.label.equals(wanted)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a RAVDESS emotion name");
    }

    @Override
    public String toString() {
        return label;
    }
}
