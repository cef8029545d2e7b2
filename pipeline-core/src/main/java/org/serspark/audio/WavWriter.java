package org.serspark.audio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes 16-bit PCM RIFF/WAVE files (format tag 1, canonical 44-byte header) from float samples in [-1, 1].
 *
 * <p>A float {@code x} becomes {@code rint(x * 32768)} clipped to [-32768, 32767]: the exact inverse of the
 * {@code int16 / 32768} scaling soundfile (and so librosa and {@link WavDecoder}) applies when reading, so every value
 * {@code k / 32768} survives a write/read round trip bit for bit, and +1.0 clips to 32767 rather than wrapping.
 * Multi-channel audio is passed interleaved (frame by frame, as the file stores it); {@link #interleave} builds that
 * from one array per channel.
 */
public final class WavWriter {
    public static final int BITS_PER_SAMPLE = 16;
    public static final int HEADER_BYTES = 44;

    private static final int BYTES_PER_SAMPLE = BITS_PER_SAMPLE / 8;
    private static final int PCM_FORMAT_TAG = 1;
    private static final int FMT_CHUNK_BYTES = 16;
    /** RIFF sizes are unsigned 32-bit. */
    private static final long MAX_RIFF_SIZE = 0xFFFF_FFFFL;
    private static final float INT16_SCALE = 32768f;
    /** Samples converted per buffer when streaming, so large clips never need a second full-size byte[]. */
    private static final int CHUNK_SAMPLES = 8192;

    private WavWriter() {
    }

    /** The complete file contents. */
    public static byte[] toBytes(float[] interleaved, int channels, int sampleRate) {
        long dataBytes = checkedDataBytes(interleaved, channels, sampleRate);
        byte[] out = new byte[(int) (HEADER_BYTES + dataBytes)];
        writeHeader(out, channels, sampleRate, dataBytes);
        encode(interleaved, 0, interleaved.length, out, HEADER_BYTES);
        return out;
    }

    /** Streams the file to {@code out}, which is neither buffered further nor closed here. */
    public static void write(float[] interleaved, int channels, int sampleRate, OutputStream out)
            throws IOException {
        long dataBytes = checkedDataBytes(interleaved, channels, sampleRate);
        byte[] header = new byte[HEADER_BYTES];
        writeHeader(header, channels, sampleRate, dataBytes);
        out.write(header);
        byte[] chunk = new byte[Math.min(interleaved.length, CHUNK_SAMPLES) * BYTES_PER_SAMPLE];
        for (int from = 0; from < interleaved.length; from += CHUNK_SAMPLES) {
            int to = Math.min(interleaved.length, from + CHUNK_SAMPLES);
            encode(interleaved, from, to, chunk, 0);
            out.write(chunk, 0, (to - from) * BYTES_PER_SAMPLE);
        }
    }

    /**
     * Writes {@code file} atomically: the data goes to a hidden temporary file in the same directory, which is then
     * renamed over {@code file}. Readers (e.g. a Spark job listing the corpus) therefore see either no file or the
     * whole file, never a truncated one, and a failed write leaves any previous file untouched. Missing parent
     * directories are created.
     */
    public static void write(float[] interleaved, int channels, int sampleRate, Path file) throws IOException {
        checkedDataBytes(interleaved, channels, sampleRate);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // Same directory, so the rename cannot cross file systems; a random name, so concurrent writers never clash.
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                write(interleaved, channels, sampleRate, out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Mono convenience: {@code toBytes(samples, 1, sampleRate)}. */
    public static byte[] toBytes(float[] mono, int sampleRate) {
        return toBytes(mono, 1, sampleRate);
    }

    /** Mono convenience: {@code write(samples, 1, sampleRate, file)}. */
    public static void write(float[] mono, int sampleRate, Path file) throws IOException {
        write(mono, 1, sampleRate, file);
    }

    /**
     * Interleaves one array per channel into frame order: {@code [c0[0], c1[0], .., c0[1], c1[1], ..]}.
     *
     * @throws IllegalArgumentException if there are no channels or they differ in length
     */
    public static float[] interleave(float[]... channels) {
        if (channels.length == 0) {
            throw new IllegalArgumentException("no channels");
        }
        int frames = channels[0].length;
        for (int c = 1; c < channels.length; c++) {
            if (channels[c].length != frames) {
                throw new IllegalArgumentException("channel " + c + " has " + channels[c].length
                        + " samples, channel 0 has " + frames);
            }
        }
        if (channels.length == 1) {
            return channels[0].clone();
        }
        float[] out = new float[Math.multiplyExact(frames, channels.length)];
        for (int c = 0; c < channels.length; c++) {
            float[] ch = channels[c];
            for (int i = 0, j = c; i < frames; i++, j += channels.length) {
                out[j] = ch[i];
            }
        }
        return out;
    }

    /** The 16-bit value a sample is stored as (see the class comment for the scaling). */
    public static short toInt16(float sample) {
        if (Float.isNaN(sample)) {
            throw new IllegalArgumentException("sample is NaN");
        }
        double scaled = Math.rint((double) sample * INT16_SCALE);
        if (scaled > Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (scaled < Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return (short) scaled;
    }

    private static long checkedDataBytes(float[] interleaved, int channels, int sampleRate) {
        if (channels < 1 || channels > Short.MAX_VALUE) {
            throw new IllegalArgumentException("channel count " + channels + " is not 1-" + Short.MAX_VALUE);
        }
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " is not positive");
        }
        if (interleaved.length % channels != 0) {
            throw new IllegalArgumentException(interleaved.length + " interleaved samples are not a whole number of "
                    + channels + "-channel frames");
        }
        long dataBytes = (long) interleaved.length * BYTES_PER_SAMPLE;
        // The RIFF size field counts everything after itself: the header minus 8 bytes, plus the data.
        if (dataBytes + HEADER_BYTES - 8 > MAX_RIFF_SIZE || dataBytes + HEADER_BYTES > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(interleaved.length + " samples do not fit one WAV file");
        }
        if ((long) sampleRate * channels * BYTES_PER_SAMPLE > MAX_RIFF_SIZE) {
            throw new IllegalArgumentException("byte rate of " + sampleRate + " Hz x " + channels
                    + " channels does not fit the header");
        }
        return dataBytes;
    }

    private static void writeHeader(byte[] out, int channels, int sampleRate, long dataBytes) {
        int blockAlign = channels * BYTES_PER_SAMPLE;
        putAscii(out, 0, "RIFF");
        putInt(out, 4, (int) (HEADER_BYTES - 8 + dataBytes));
        putAscii(out, 8, "WAVE");
        putAscii(out, 12, "fmt ");
        putInt(out, 16, FMT_CHUNK_BYTES);
        putShort(out, 20, PCM_FORMAT_TAG);
        putShort(out, 22, channels);
        putInt(out, 24, sampleRate);
        putInt(out, 28, sampleRate * blockAlign);
        putShort(out, 32, blockAlign);
        putShort(out, 34, BITS_PER_SAMPLE);
        putAscii(out, 36, "data");
        putInt(out, 40, (int) dataBytes);
    }

    private static void encode(float[] samples, int from, int to, byte[] out, int offset) {
        for (int i = from, o = offset; i < to; i++, o += BYTES_PER_SAMPLE) {
            short v;
            try {
                v = toInt16(samples[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sample " + i + " is NaN", e);
            }
            out[o] = (byte) v;
            out[o + 1] = (byte) (v >> 8);
        }
    }

    private static void putAscii(byte[] out, int offset, String fourCc) {
        for (int i = 0; i < 4; i++) {
            out[offset + i] = (byte) fourCc.charAt(i);
        }
    }

    private static void putShort(byte[] out, int offset, int v) {
        out[offset] = (byte) v;
        out[offset + 1] = (byte) (v >> 8);
    }

    private static void putInt(byte[] out, int offset, int v) {
        out[offset] = (byte) v;
        out[offset + 1] = (byte) (v >> 8);
        out[offset + 2] = (byte) (v >> 16);
        out[offset + 3] = (byte) (v >> 24);
    }
}
