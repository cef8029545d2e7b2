package org.serspark.ravdess;

/**
 * A file name (or relative path) that is not a valid RAVDESS name. The message names the input and the exact reason,
 * e.g. {@code "03-01-09-01-01-01-01.wav: emotion code 09 is not 01-08"}; {@link #reason()} is the machine-readable
 * cause for rejects tables.
 *
 * <p>Unchecked because callers validate names in stream/Spark lambdas, where a checked exception would have to be
 * wrapped anyway; callers that keep going catch it and record {@link #source()} and {@link #reason()}.
 */
public class InvalidRavdessNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why a name was rejected, stable across releases (rejects tables store the name). */
    public enum Reason {
        EMPTY_NAME,
        NOT_WAV,
        FIELD_COUNT,
        NOT_TWO_DIGITS,
        BAD_MODALITY,
        BAD_VOCAL_CHANNEL,
        BAD_EMOTION,
        BAD_INTENSITY,
        BAD_STATEMENT,
        BAD_REPETITION,
        BAD_ACTOR,
        NEUTRAL_STRONG,
        SONG_EMOTION,
        BAD_ACTOR_FOLDER,
        ACTOR_FOLDER_MISMATCH
    }

    private final String source;
    private final Reason reason;

    public InvalidRavdessNameException(String source, Reason reason, String detail) {
        super(source + ": " + detail);
        this.source = source;
        this.reason = reason;
    }

    /** The file name or relative path exactly as given to the parser. */
    public String source() {
        return source;
    }

    public Reason reason() {
        return reason;
    }
}
