package org.serspark.features;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Test-only WAV reader for the golden inputs (16-bit PCM or 32-bit float, any channel count), decoding as
 * {@code librosa.load(path, sr=None, mono=True)} does: int16 / 32768 to float32, channels averaged in float32.
 * The production decoder is another work item; this keeps the feature tests independent of it.
 */
record TestWav(float[] mono, int sampleRate) {
    private static final int PCM = 1;
    private static final int IEEE_FLOAT = 3;
    private static final float INT16_SCALE = 1.0f / 32768.0f;

    static TestWav decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (!tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        int pos = 12;
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (pos + 8 <= bytes.length) {
            String id = tag(b, pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id.equals("fmt ")) {
                format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
            } else if (id.equals("data")) {
                return new TestWav(samples(b, body, size, format, channels, bits), rate);
            }
            pos = body + size + (size & 1);
        }
        throw new IllegalArgumentException("no data chunk");
    }

    private static float[] samples(ByteBuffer b, int start, int size, int format, int channels, int bits) {
        int bytesPerSample = bits / 8;
        int n = size / (bytesPerSample * channels);
        float[] mono = new float[n];
        for (int i = 0; i < n; i++) {
            float sum = 0f;
            for (int c = 0; c < channels; c++) {
                int at = start + (i * channels + c) * bytesPerSample;
                float v;
                if (format == PCM && bits == 16) {
                    v = b.getShort(at) * INT16_SCALE;
                } else if (format == IEEE_FLOAT && bits == 32) {
                    v = b.getFloat(at);
                } else {
                    throw new IllegalArgumentException("unsupported format " + format + "/" + bits + " bits");
                }
                sum += v;
            }
            mono[i] = channels == 1 ? sum : sum / channels;
        }
        return mono;
    }

    private static String tag(ByteBuffer b, int at) {
        byte[] t = new byte[4];
        b.get(at, t);
        return new String(t, StandardCharsets.US_ASCII);
    }
}
