package org.serspark.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.serspark.audio.AudioFormatException.Problem;

/**
 * Decodes RIFF/WAVE files to mono float samples exactly as {@code librosa.load(path, sr=None, mono=True)} does:
 * soundfile/libsndfile's float32 conversion of each sample (8-bit unsigned {@code (x-128)/128}, integers
 * {@code x / 2^(bits-1)}, float32 as stored, float64 rounded to float32), then {@code librosa.to_mono}'s float32 mean
 * over channels.
 *
 * <p>Reads 8/16/24/32-bit integer PCM (and narrower depths in those containers), 32/64-bit IEEE float and
 * WAVE_FORMAT_EXTENSIBLE with a PCM or float sub-format, any channel count. Unknown chunks are skipped; the RIFF
 * size field is not trusted. Everything else is an {@link AudioFormatException} naming the file and the
 * {@link Problem}. Deliberately stricter than libsndfile: a data chunk larger than the file, an empty data chunk
 * and compressed codecs (ADPCM, A-law, mu-law, GSM...) are rejected rather than truncated or decoded.
 *
 * <p>Every buffer is sized from the bytes actually read, never from a size the header claims.
 */
public final class WavDecoder {
    /** The largest Java array: whole files are decoded in memory. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
    /** First read buffer for streams; grown by doubling, so a wrong stated length cannot force a huge allocation. */
    private static final int INITIAL_READ_BYTES = 1 << 20;
    /** Interleaved samples converted per down-mix block: keeps the scratch buffer small and in cache. */
    private static final int MIX_BLOCK_SAMPLES = 8192;

    private WavDecoder() {
    }

    /** Decodes a file; errors name it as {@code file.toString()}. */
    public static DecodedAudio decode(Path file) throws IOException {
        String source = file.toString();
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return decode(in, size, source);
        }
    }

    /** Decodes a whole WAV file held in memory. */
    public static DecodedAudio decode(byte[] bytes, String sourceName) throws AudioFormatException {
        return decode(bytes, bytes.length, sourceName);
    }

    /**
     * Decodes a stream whose total length is known (e.g. from a Hadoop FileStatus). Reads exactly {@code length}
     * bytes: a stream that ends sooner is {@link Problem#TRUNCATED}, bytes after {@code length} are not read, and no
     * chunk may extend past {@code length} whatever the header says.
     */
    public static DecodedAudio decode(InputStream in, long length, String sourceName) throws IOException {
        Objects.requireNonNull(in, "in");
        if (length < 0) {
            throw new IllegalArgumentException(sourceName + ": negative length " + length);
        }
        if (length > MAX_FILE_BYTES) {
            throw new AudioFormatException(sourceName, Problem.UNSUPPORTED_FORMAT,
                    "file is " + length + " bytes, over the " + MAX_FILE_BYTES + "-byte limit of in-memory decoding");
        }
        int n = (int) length;
        byte[] buf = new byte[Math.min(n, INITIAL_READ_BYTES)];
        int filled = 0;
        while (filled < n) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            }
            int read = in.read(buf, filled, buf.length - filled);
            if (read < 0) {
                throw new AudioFormatException(sourceName, Problem.TRUNCATED,
                        "stream ended after " + filled + " of its " + length + " bytes");
            }
            filled += read;
        }
        return decode(buf, n, sourceName);
    }

    private static DecodedAudio decode(byte[] bytes, int length, String source) throws AudioFormatException {
        WavHeader header = RiffWaveParser.parse(bytes, length, source);
        ByteBuffer data = ByteBuffer.wrap(bytes, 0, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        int frames = header.frames();
        int channels = header.channels();
        SampleCodec codec = header.codec();
        float[] mono = new float[frames];
        if (channels == 1) {
            // librosa leaves 1-D audio alone: no mean, so no arithmetic beyond the sample conversion.
            codec.toFloat(data, header.dataOffset(), mono, 0, frames);
        } else {
            int blockFrames = Math.max(1, MIX_BLOCK_SAMPLES / channels);
            float[] scratch = new float[Math.min(frames, blockFrames) * channels];
            for (int f = 0; f < frames; f += blockFrames) {
                int count = Math.min(blockFrames, frames - f);
                codec.toFloat(data, header.dataOffset() + f * header.blockAlign(), scratch, 0, count * channels);
                ChannelMixer.mix(scratch, count, channels, mono, f);
            }
        }
        return new DecodedAudio(mono, header.sampleRate(), channels, header.bitsPerSample(), codec.encoding());
    }
}
