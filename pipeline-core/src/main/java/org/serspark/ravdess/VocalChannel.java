package org.serspark.ravdess;

/** Second file-name field: spoken or sung. */
public enum VocalChannel {
    SPEECH(1),
    SONG(2);

    private final int code;

    VocalChannel(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException if {@code code} is not 1..2 */
    public static VocalChannel fromCode(int code) {
        if (code < 1 || code > values().length) {
            throw new IllegalArgumentException("vocal channel code " + code + " is not 1-2");
        }
        return values()[code - 1];
    }
}
