package org.serspark.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Decodes RIFF/WAVE files to mono float samples exactly as {@code librosa.load(path, sr=None, mono=True)}
 * (soundfile) does. STUB: implemented in the wav work item.
 */
public final class WavDecoder {
    private WavDecoder() {
    }

    public static DecodedAudio decode(Path file) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static DecodedAudio decode(byte[] bytes, String sourceName) throws AudioFormatException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Decodes a stream whose total length is known (e.g. from a Hadoop FileStatus). */
    public static DecodedAudio decode(InputStream in, long length, String sourceName) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
