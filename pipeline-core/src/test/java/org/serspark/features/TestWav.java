package org.serspark.features;

import org.serspark.audio.AudioFormatException;
import org.serspark.audio.DecodedAudio;
import org.serspark.audio.WavDecoder;

/**
 * A golden WAV decoded for the feature tests, through the project's {@link WavDecoder} (whose own tests hold it to
 * librosa's {@code decoded_head} and {@code decoded_rms} exactly).
 */
record TestWav(float[] mono, int sampleRate) {

    static TestWav decode(byte[] bytes) {
        try {
            DecodedAudio a = WavDecoder.decode(bytes, "golden.wav");
            return new TestWav(a.samples(), a.sampleRate());
        } catch (AudioFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same clip under the accessor names some tests use. */
    float[] samples() {
        return mono;
    }
}
