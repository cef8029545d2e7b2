package org.serspark.ravdess;

/** Fifth file-name field: the sentence spoken (or sung). */
public enum Statement {
    KIDS(1, "Kids are talking by the door"),
    DOGS(2, "Dogs are sitting by the door");

    private final int code;
    private final String text;

    Statement(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** @throws IllegalArgumentException if {@code code} is not 1..2 */
    public static Statement fromCode(int code) {
        if (code < 1 || code > values().length) {
            throw new IllegalArgumentException("statement code " + code + " is not 1-2");
        }
        return values()[code - 1];
    }
}
