package org.serspark.corpus;

import org.serspark.audio.AudioFormatException;

/** Why a file could not be used; the lower-case name is what rejects tables store. */
public enum RejectReason {
    /** Not a .wav file (by extension). */
    NOT_WAV,
    /** Not a valid RAVDESS name, or its actor code contradicts its Actor_NN folder. */
    MISNAMED,
    /** Zero bytes, or a valid header with no samples. */
    EMPTY,
    /** Bytes that are not RIFF/WAVE audio (e.g. random bytes or another format named .wav). */
    NOT_AUDIO,
    /** The file ends before its header or data chunk does, or a header size exceeds the file. */
    TRUNCATED,
    /** A codec or sample format this project does not decode (e.g. ADPCM or mu-law inside WAV). */
    UNSUPPORTED,
    /** A header that is internally inconsistent. */
    CORRUPT,
    /** Larger than the per-file limit, so never read into memory. */
    TOO_LARGE,
    /** The storage layer failed to read it. */
    READ_ERROR,
    /** Decoding worked but feature extraction failed: a bug, reported instead of stopping the job. */
    EXTRACT_ERROR;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static RejectReason of(AudioFormatException e) {
        return switch (e.problem()) {
            case NOT_RIFF_WAVE -> NOT_AUDIO;
            case TRUNCATED, MISSING_DATA_CHUNK, SIZE_EXCEEDS_FILE -> TRUNCATED;
            case NO_SAMPLES -> EMPTY;
            case UNSUPPORTED_CODEC, UNSUPPORTED_FORMAT -> UNSUPPORTED;
            default -> CORRUPT;
        };
    }
}
