package org.serspark.audio;

import java.nio.ByteBuffer;

/**
 * How one stored sample becomes a float32, bit for bit as libsndfile converts it when soundfile reads with
 * {@code dtype='float32'} (libsndfile's normalised integer-to-float path). Each constant converts a run of
 * little-endian samples in one tight loop so the decoder never touches a sample through an object.
 */
enum SampleCodec {
    /** WAV 8-bit PCM is unsigned with its zero at 128; libsndfile scales by 1/128. */
    PCM_U8(1, "PCM_INT") {
        @Override
        void toFloat(ByteBuffer src, int offset, float[] dst, int dstOffset, int count) {
            for (int i = 0; i < count; i++) {
                dst[dstOffset + i] = ((src.get(offset + i) & BYTE_MASK) - U8_ZERO) * U8_SCALE;
            }
        }
    },
    PCM_S16(2, "PCM_INT") {
        @Override
        void toFloat(ByteBuffer src, int offset, float[] dst, int dstOffset, int count) {
            for (int i = 0; i < count; i++) {
                dst[dstOffset + i] = src.getShort(offset + 2 * i) * S16_SCALE;
            }
        }
    },
    /**
     * libsndfile left-justifies 24-bit samples in an int and scales by 2^-31; a 24-bit value is exact in a float, so
     * this equals value / 2^23.
     */
    PCM_S24(3, "PCM_INT") {
        @Override
        void toFloat(ByteBuffer src, int offset, float[] dst, int dstOffset, int count) {
            for (int i = 0, p = offset; i < count; i++, p += 3) {
                int leftJustified = (src.get(p) & BYTE_MASK) << 8
                        | (src.get(p + 1) & BYTE_MASK) << 16
                        | src.get(p + 2) << 24;
                dst[dstOffset + i] = leftJustified * S32_SCALE;
            }
        }
    },
    /** The int-to-float cast rounds to nearest (as C's does) before the exact power-of-two scaling. */
    PCM_S32(4, "PCM_INT") {
        @Override
        void toFloat(ByteBuffer src, int offset, float[] dst, int dstOffset, int count) {
            for (int i = 0; i < count; i++) {
                dst[dstOffset + i] = (float) src.getInt(offset + 4 * i) * S32_SCALE;
            }
        }
    },
    FLOAT32(4, "PCM_FLOAT") {
        @Override
        void toFloat(ByteBuffer src, int offset, float[] dst, int dstOffset, int count) {
            for (int i = 0; i < count; i++) {
                dst[dstOffset + i] = src.getFloat(offset + 4 * i);
            }
        }
    },
    /** librosa returns float32, so doubles are rounded to nearest float as libsndfile's d2f does. */
    FLOAT64(8, "PCM_FLOAT") {
        @Override
        void toFloat(ByteBuffer src, int offset, float[] dst, int dstOffset, int count) {
            for (int i = 0; i < count; i++) {
                dst[dstOffset + i] = (float) src.getDouble(offset + 8 * i);
            }
        }
    };

    private static final int BYTE_MASK = 0xFF;
    private static final int U8_ZERO = 128;
    private static final float U8_SCALE = 1f / 128f;
    private static final float S16_SCALE = 0x1p-15f;
    private static final float S32_SCALE = 0x1p-31f;

    private final int bytesPerSample;
    private final String encoding;

    SampleCodec(int bytesPerSample, String encoding) {
        this.bytesPerSample = bytesPerSample;
        this.encoding = encoding;
    }

    int bytesPerSample() {
        return bytesPerSample;
    }

    /** {@code PCM_INT} or {@code PCM_FLOAT}, as {@link DecodedAudio#sourceEncoding()} reports it. */
    String encoding() {
        return encoding;
    }

    /** Converts {@code count} consecutive samples starting at byte {@code offset} of a little-endian buffer. */
    abstract void toFloat(ByteBuffer src, int offset, float[] dst, int dstOffset, int count);

    /** The integer codec libsndfile picks for a container of {@code bytes} bytes, or null if there is none. */
    static SampleCodec integerOfWidth(int bytes) {
        return switch (bytes) {
            case 1 -> PCM_U8;
            case 2 -> PCM_S16;
            case 3 -> PCM_S24;
            case 4 -> PCM_S32;
            default -> null;
        };
    }

    /** The IEEE float codec for a container of {@code bytes} bytes, or null if there is none. */
    static SampleCodec floatOfWidth(int bytes) {
        return switch (bytes) {
            case 4 -> FLOAT32;
            case 8 -> FLOAT64;
            default -> null;
        };
    }
}
