package org.serspark.features;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Test-only reader for the golden WAVs (16-bit PCM, mono or stereo; checked with python's wave module), decoding
 * as {@code librosa.load(path, sr=None, mono=True)} does: {@code int16 / 32768} as float32, channels averaged.
 * The production decoder is someone else's work item.
 */
final class GoldenWavReader {
    private static final int PCM = 1;
    private static final int BITS_16 = 16;
    private static final float INT16_SCALE = 32768f;

    private GoldenWavReader() {
    }

    record Wav(float[] samples, int sampleRate) {
    }

    static Wav read(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (!tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        int channels = 0;
        int sampleRate = 0;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = tag(b, pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id.equals("fmt ")) {
                int format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2);
                sampleRate = b.getInt(body + 4);
                int bits = b.getShort(body + 14);
                if (format != PCM || bits != BITS_16) {
                    throw new IllegalArgumentException("test reader handles 16-bit PCM only");
                }
            } else if (id.equals("data")) {
                if (channels == 0) {
                    throw new IllegalArgumentException("data before fmt");
                }
                int frames = Math.min(size, bytes.length - body) / (2 * channels);
                float[] y = new float[frames];
                for (int i = 0; i < frames; i++) {
                    float sum = 0f;
                    for (int c = 0; c < channels; c++) {
                        sum += b.getShort(body + 2 * (i * channels + c)) / INT16_SCALE;
                    }
                    y[i] = sum / channels;
                }
                return new Wav(y, sampleRate);
            }
            pos = body + size + (size & 1);
        }
        throw new IllegalArgumentException("no data chunk");
    }

    private static String tag(ByteBuffer b, int at) {
        byte[] t = new byte[4];
        b.get(at, t);
        return new String(t, StandardCharsets.US_ASCII);
    }
}
