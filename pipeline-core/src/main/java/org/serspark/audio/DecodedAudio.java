package org.serspark.audio;

/**
 * A decoded clip, down-mixed to mono.
 *
 * @param samples        mono samples in [-1, 1), scaled as soundfile/librosa scale them, channels averaged
 * @param sampleRate     samples per second of {@code samples}
 * @param sourceChannels channel count in the file before the down-mix
 * @param sourceBits     bits per sample in the file
 * @param sourceEncoding how the file stored its samples ({@code PCM_INT} or {@code PCM_FLOAT})
 */
public record DecodedAudio(float[] samples, int sampleRate, int sourceChannels, int sourceBits,
                           String sourceEncoding) {

    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }
}
