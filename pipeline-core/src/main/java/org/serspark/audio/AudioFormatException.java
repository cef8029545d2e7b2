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
        /** Not a RIFF/WAVE file at all: empty, random bytes, MP3, FLAC, Ogg, AIFF, text, another RIFF form. */
        NOT_RIFF_WAVE,
        /**
         * The bytes end early: inside the RIFF header, a chunk header or the fmt chunk; a data chunk cut short in a
         * file whose RIFF size says it was longer; or a stream that delivers fewer bytes than its stated length.
         */
        TRUNCATED,
        /** No {@code fmt } chunk among the file's chunks. */
        MISSING_FMT_CHUNK,
        /** No {@code data} chunk among the file's chunks. */
        MISSING_DATA_CHUNK,
        /** The data chunk holds no complete sample frame. */
        NO_SAMPLES,
        /** A compressed or unknown codec inside the WAV container (ADPCM, A-law, mu-law, MP3, GSM...). */
        UNSUPPORTED_CODEC,
        /** PCM or float data in a layout this decoder does not read: bit depth, RF64, big-endian RIFX, too large. */
        UNSUPPORTED_FORMAT,
        /** A chunk declares more bytes than the file holds and the RIFF size does not vouch for them. */
        SIZE_EXCEEDS_FILE,
        /** Header fields that contradict each other or are impossible: zero channels, zero rate, bad block align. */
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
