package org.serspark.ravdess;

/** Fourth file-name field: emotional intensity. Neutral is only recorded at normal intensity. */
public enum Intensity {
    NORMAL(1),
    STRONG(2);

    private final int code;

    Intensity(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException if {@code code} is not 1..2 */
    public static Intensity fromCode(int code) {
        if (code < 1 || code > values().length) {
            throw new IllegalArgumentException("intensity code " + code + " is not 1-2");
        }
        return values()[code - 1];
    }
}
