package org.serspark.audio;

/**
 * What a WAV file's {@code fmt } and {@code data} chunks say, validated against each other and against the bytes
 * actually present.
 *
 * @param formatTag     the effective format: {@link WaveFormatTag#PCM} or {@link WaveFormatTag#IEEE_FLOAT}, the
 *                      sub-format for WAVE_FORMAT_EXTENSIBLE files
 * @param extensible    whether the fmt chunk was WAVE_FORMAT_EXTENSIBLE
 * @param channels      interleaved channels per frame, at least 1
 * @param sampleRate    frames per second, at least 1
 * @param bitsPerSample the container size in bits ({@code wBitsPerSample})
 * @param validBits     meaningful bits per sample ({@code wValidBitsPerSample}, else {@code bitsPerSample}); like
 *                      libsndfile the decoder scales by the container size, valid for left-justified samples
 * @param blockAlign    bytes per frame, {@code channels * codec.bytesPerSample()}
 * @param codec         how each sample converts to float
 * @param dataOffset    offset of the first sample byte in the file
 * @param dataBytes     the data chunk's size, known to lie inside the file
 */
record WavHeader(int formatTag, boolean extensible, int channels, int sampleRate, int bitsPerSample, int validBits,
                 int blockAlign, SampleCodec codec, int dataOffset, int dataBytes) {

    /** This format with its data chunk located. */
    WavHeader withData(int offset, int bytes) {
        return new WavHeader(formatTag, extensible, channels, sampleRate, bitsPerSample, validBits, blockAlign, codec,
                offset, bytes);
    }

    /** Whole frames in the data chunk; a trailing partial frame is ignored, as libsndfile ignores it. */
    int frames() {
        return dataBytes / blockAlign;
    }
}
