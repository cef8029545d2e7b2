package org.serspark.audio;

import java.io.IOException;

/**
 * A file that cannot be decoded, with the file's name and the problem in the message and a machine-readable
 * {@link Problem} for rejects tables.
 */
public class AudioFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the input, stable across releases (rejects tables store the name). */
    public enum Problem {
        NOT_RIFF_WAVE,
        TRUNCATED,
        MISSING_FMT_CHUNK,
        MISSING_DATA_CHUNK,
        NO_SAMPLES,
        UNSUPPORTED_CODEC,
        UNSUPPORTED_FORMAT,
        SIZE_EXCEEDS_FILE,
        CORRUPT_HEADER
    }

    private final String source;
    private final Problem problem;

    public AudioFormatException(String source, Problem problem, String detail) {
        super(source + ": " + problem.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + detail);
        this.source = source;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public Problem problem() {
        return problem;
    }
}
