package org.serspark.ravdess;

/** First file-name field: which recording a file holds. */
public enum Modality {
    FULL_AV(1),
    VIDEO_ONLY(2),
    AUDIO_ONLY(3);

    private final int code;

    Modality(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException if {@code code} is not 1..3 */
    public static Modality fromCode(int code) {
        if (code < 1 || code > values().length) {
            throw new IllegalArgumentException("modality code " + code + " is not 1-3");
        }
        return values()[code - 1];
    }
}
