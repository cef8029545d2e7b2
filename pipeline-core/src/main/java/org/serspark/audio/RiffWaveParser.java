package org.serspark.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.serspark.audio.AudioFormatException.Problem;

/**
 * Walks the chunks of an in-memory RIFF/WAVE file and validates its fmt and data chunks into a {@link WavHeader}.
 * Every size read from the file is checked against the bytes actually present before it is used, so a lying header
 * can cause an exception but never a large allocation or a read past the end.
 */
final class RiffWaveParser {
    private static final int RIFF_HEADER_BYTES = 12;
    private static final int RIFF_SIZE_OFFSET = 4;
    private static final int FORM_TYPE_OFFSET = 8;
    private static final int CHUNK_HEADER_BYTES = 8;
    private static final int CHUNK_SIZE_OFFSET = 4;
    /** wFormatTag .. wBitsPerSample: the WAVEFORMAT/PCMWAVEFORMAT part every fmt chunk has. */
    private static final int FMT_MIN_BYTES = 16;
    /** WAVEFORMATEXTENSIBLE: 18 bytes of WAVEFORMATEX plus its 22 extension bytes. */
    private static final int FMT_EXTENSIBLE_BYTES = 40;
    private static final int EXTENSIBLE_CB_SIZE = 22;
    private static final int FMT_CHANNELS = 2;
    private static final int FMT_SAMPLE_RATE = 4;
    private static final int FMT_BLOCK_ALIGN = 12;
    private static final int FMT_BITS = 14;
    private static final int FMT_CB_SIZE = 16;
    private static final int FMT_VALID_BITS = 18;
    private static final int FMT_SUBFORMAT = 24;
    private static final int FOURCC_BYTES = 4;
    private static final int GUID_TAIL_OFFSET = 4;
    private static final int GUID_BYTES = 16;
    /** KSDATAFORMAT_SUBTYPE_*: xxxxxxxx-0000-0010-8000-00AA00389B71, the codec id in the first four bytes. */
    private static final byte[] KSDATAFORMAT_TAIL = {
        0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};
    /** SUBTYPE_AMBISONIC_B_FORMAT_*: xxxxxxxx-0721-11D3-8644-C8C1CA000000, accepted by libsndfile as PCM/float. */
    private static final byte[] AMBISONIC_TAIL = {
        0x21, 0x07, (byte) 0xD3, 0x11, (byte) 0x86, 0x44, (byte) 0xC8, (byte) 0xC1, (byte) 0xCA, 0x00, 0x00, 0x00};
    private static final int BITS_PER_BYTE = 8;
    private static final long UINT32_MASK = 0xFFFF_FFFFL;
    private static final int UINT16_MASK = 0xFFFF;
    /** Chunks listed in a missing-chunk message; a pathological file may hold millions. */
    private static final int LISTED_CHUNKS = 8;

    private final byte[] bytes;
    private final int length;
    private final ByteBuffer buf;
    private final String source;
    private long riffEnd;

    private RiffWaveParser(byte[] bytes, int length, String source) {
        this.bytes = bytes;
        this.length = length;
        // Absolute reads past `length` throw instead of seeing stale bytes beyond the file.
        this.buf = ByteBuffer.wrap(bytes, 0, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
    }

    /** Parses the first {@code length} bytes of {@code bytes} as a WAV file named {@code source} in errors. */
    static WavHeader parse(byte[] bytes, int length, String source) throws AudioFormatException {
        return new RiffWaveParser(bytes, length, source).parse();
    }

    private WavHeader parse() throws AudioFormatException {
        checkRiffHeader();
        int fmtOffset = -1;
        int fmtSize = 0;
        int dataOffset = -1;
        int dataSize = 0;
        List<String> seen = new ArrayList<>();
        int pos = RIFF_HEADER_BYTES;
        while (fmtOffset < 0 || dataOffset < 0) {
            int left = length - pos;
            if (left == 0) {
                break;
            }
            if (left < CHUNK_HEADER_BYTES) {
                throw fail(Problem.TRUNCATED, "file ends " + left + " bytes into the chunk header at offset " + pos
                        + " (" + missing(fmtOffset, dataOffset) + " not found yet)");
            }
            String id = FileSignature.fourCc(bytes, pos);
            long size = uint32(pos + CHUNK_SIZE_OFFSET);
            int body = pos + CHUNK_HEADER_BYTES;
            checkFits(id, size, body);
            if (seen.size() < LISTED_CHUNKS) {
                seen.add(id + " (" + size + " bytes)");
            }
            if (isId(pos, "fmt ") && fmtOffset < 0) {
                fmtOffset = body;
                fmtSize = (int) size;
            } else if (isId(pos, "data") && dataOffset < 0) {
                dataOffset = body;
                dataSize = (int) size;
            }
            pos = nextChunk(body, (int) size);
        }
        if (fmtOffset < 0) {
            throw fail(Problem.MISSING_FMT_CHUNK, "no 'fmt ' chunk" + (dataOffset < 0 ? " and no 'data' chunk" : "")
                    + "; chunks found: " + (seen.isEmpty() ? "none" : String.join(", ", seen)));
        }
        WavHeader format = parseFmt(fmtOffset, fmtSize);
        if (dataOffset < 0) {
            throw fail(Problem.MISSING_DATA_CHUNK, "no 'data' chunk; chunks found: " + String.join(", ", seen));
        }
        if (dataSize < format.blockAlign()) {
            throw fail(Problem.NO_SAMPLES, dataSize == 0 ? "data chunk is empty"
                    : "data chunk holds " + dataSize + " bytes, less than one " + format.blockAlign() + "-byte frame");
        }
        return format.withData(dataOffset, dataSize);
    }

    private void checkRiffHeader() throws AudioFormatException {
        if (length == 0) {
            throw fail(Problem.NOT_RIFF_WAVE, "empty file (0 bytes)");
        }
        if (FileSignature.startsWith(bytes, length, 0, "RIFX")) {
            throw fail(Problem.UNSUPPORTED_FORMAT, "big-endian RIFX files are not supported");
        }
        if (FileSignature.startsWith(bytes, length, 0, "RF64")) {
            throw fail(Problem.UNSUPPORTED_FORMAT, "RF64 (64-bit RIFF) files are not supported");
        }
        if (length < RIFF_HEADER_BYTES) {
            if (isPrefixOfRiff()) {
                throw fail(Problem.TRUNCATED,
                        "file is " + length + " bytes, shorter than the " + RIFF_HEADER_BYTES + "-byte RIFF header");
            }
            throw fail(Problem.NOT_RIFF_WAVE, "not a RIFF/WAVE file: " + FileSignature.describe(bytes, length));
        }
        if (!FileSignature.startsWith(bytes, length, 0, "RIFF")) {
            throw fail(Problem.NOT_RIFF_WAVE, "not a RIFF/WAVE file: " + FileSignature.describe(bytes, length));
        }
        if (!isId(FORM_TYPE_OFFSET, "WAVE")) {
            throw fail(Problem.NOT_RIFF_WAVE,
                    "RIFF form type " + FileSignature.fourCc(bytes, FORM_TYPE_OFFSET) + " is not 'WAVE'");
        }
        riffEnd = CHUNK_HEADER_BYTES + uint32(RIFF_SIZE_OFFSET);
    }

    /** Whether a short file is the start of a RIFF/WAVE header, i.e. a cut-off WAV rather than something else. */
    private boolean isPrefixOfRiff() {
        String riff = "RIFF";
        for (int i = 0; i < Math.min(length, riff.length()); i++) {
            if (bytes[i] != (byte) riff.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A chunk larger than what is left is a truncated file when the RIFF size vouches for the missing bytes (the file
     * was cut short), otherwise a size field that exceeds the file.
     */
    private void checkFits(String id, long size, int body) throws AudioFormatException {
        long remain = (long) length - body;
        if (size <= remain) {
            return;
        }
        String detail = id + " chunk declares " + size + " bytes but only " + remain + " remain";
        if (riffEnd > length && body + size <= riffEnd) {
            throw fail(Problem.TRUNCATED, detail + " (the RIFF header declares a " + riffEnd + "-byte file, it has "
                    + length + " bytes)");
        }
        throw fail(Problem.SIZE_EXCEEDS_FILE, detail);
    }

    /**
     * The offset after a chunk: RIFF pads odd-sized chunks to an even length, but some writers omit the pad byte, so
     * when the padded offset does not start a chunk id and the unpadded one does, the unpadded one is taken.
     */
    private int nextChunk(int body, int size) {
        int end = body + size;
        if ((size & 1) == 0 || end >= length) {
            return end;
        }
        int padded = end + 1;
        boolean paddedLooksRight = padded + FOURCC_BYTES > length || FileSignature.isFourCc(bytes, padded);
        boolean unpaddedLooksRight = end + FOURCC_BYTES <= length && FileSignature.isFourCc(bytes, end);
        return !paddedLooksRight && unpaddedLooksRight ? end : padded;
    }

    /** The fmt chunk as a header without its data location (dataOffset and dataBytes 0). */
    private WavHeader parseFmt(int fmt, int size) throws AudioFormatException {
        if (size < FMT_MIN_BYTES) {
            throw fail(Problem.CORRUPT_HEADER, "fmt chunk is " + size + " bytes, at least " + FMT_MIN_BYTES
                    + " needed");
        }
        int tag = uint16(fmt);
        int channels = uint16(fmt + FMT_CHANNELS);
        long rate = uint32(fmt + FMT_SAMPLE_RATE);
        int blockAlign = uint16(fmt + FMT_BLOCK_ALIGN);
        int bits = uint16(fmt + FMT_BITS);
        boolean extensible = tag == WaveFormatTag.EXTENSIBLE;
        int effectiveTag = extensible ? extensibleSubFormat(fmt, size) : tag;
        int validBits = extensible ? uint16(fmt + FMT_VALID_BITS) : 0;

        if (effectiveTag != WaveFormatTag.PCM && effectiveTag != WaveFormatTag.IEEE_FLOAT) {
            throw fail(Problem.UNSUPPORTED_CODEC, "codec " + WaveFormatTag.describe(effectiveTag)
                    + (extensible ? " inside WAVE_FORMAT_EXTENSIBLE" : "")
                    + "; only PCM and IEEE float WAV are decoded");
        }
        if (channels == 0) {
            throw fail(Problem.CORRUPT_HEADER, "fmt chunk declares 0 channels");
        }
        if (rate == 0 || rate > Integer.MAX_VALUE) {
            throw fail(Problem.CORRUPT_HEADER, "fmt chunk declares a sample rate of " + rate + " Hz");
        }
        SampleCodec codec = codecFor(effectiveTag, bits);
        if (validBits == 0) {
            validBits = bits;
        } else if (validBits > bits) {
            throw fail(Problem.CORRUPT_HEADER, validBits + " valid bits per sample exceed the " + bits
                    + "-bit container");
        }
        int expectedAlign = channels * codec.bytesPerSample();
        if (blockAlign == 0 && tag == WaveFormatTag.PCM) {
            // libsndfile repairs a zero block align of plain PCM from channels and bit depth.
            blockAlign = expectedAlign;
        }
        if (blockAlign != expectedAlign) {
            throw fail(Problem.CORRUPT_HEADER, "block align " + blockAlign + " does not match " + channels
                    + " channel(s) x " + codec.bytesPerSample() + " bytes per " + bits + "-bit sample");
        }
        return new WavHeader(effectiveTag, extensible, channels, (int) rate, bits, validBits, blockAlign, codec, 0, 0);
    }

    private SampleCodec codecFor(int tag, int bits) throws AudioFormatException {
        if (tag == WaveFormatTag.PCM) {
            // libsndfile's BITWIDTH2BYTES: a 12-bit sample lives in a 2-byte container and decodes as 16-bit.
            SampleCodec codec = bits == 0 ? null : SampleCodec.integerOfWidth((bits + BITS_PER_BYTE - 1) / BITS_PER_BYTE);
            if (codec == null) {
                throw fail(Problem.UNSUPPORTED_FORMAT, bits + "-bit integer PCM is not supported (1 to 32 bits are)");
            }
            return codec;
        }
        SampleCodec codec = bits % BITS_PER_BYTE == 0 ? SampleCodec.floatOfWidth(bits / BITS_PER_BYTE) : null;
        if (codec == null) {
            throw fail(Problem.UNSUPPORTED_FORMAT, bits + "-bit IEEE float is not supported (32 and 64 bits are)");
        }
        return codec;
    }

    /** The codec id in a WAVEFORMATEXTENSIBLE sub-format GUID. */
    private int extensibleSubFormat(int fmt, int size) throws AudioFormatException {
        if (size < FMT_EXTENSIBLE_BYTES) {
            throw fail(Problem.CORRUPT_HEADER, "WAVE_FORMAT_EXTENSIBLE fmt chunk is " + size + " bytes, "
                    + FMT_EXTENSIBLE_BYTES + " needed");
        }
        int cbSize = uint16(fmt + FMT_CB_SIZE);
        if (cbSize < EXTENSIBLE_CB_SIZE) {
            throw fail(Problem.CORRUPT_HEADER, "WAVE_FORMAT_EXTENSIBLE fmt chunk has cbSize " + cbSize + ", "
                    + EXTENSIBLE_CB_SIZE + " needed");
        }
        int guid = fmt + FMT_SUBFORMAT;
        long data1 = uint32(guid);
        byte[] tail = Arrays.copyOfRange(bytes, guid + GUID_TAIL_OFFSET, guid + GUID_BYTES);
        boolean known = Arrays.equals(tail, KSDATAFORMAT_TAIL) || Arrays.equals(tail, AMBISONIC_TAIL);
        if (!known || data1 > UINT16_MASK) {
            throw fail(Problem.UNSUPPORTED_CODEC, "unknown WAVE_FORMAT_EXTENSIBLE sub-format GUID " + guidText(guid));
        }
        return (int) data1;
    }

    private String guidText(int at) {
        return String.format(Locale.ROOT, "{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
                uint32(at), uint16(at + 4), uint16(at + 6), bytes[at + 8], bytes[at + 9], bytes[at + 10],
                bytes[at + 11], bytes[at + 12], bytes[at + 13], bytes[at + 14], bytes[at + 15]);
    }

    private static String missing(int fmtOffset, int dataOffset) {
        if (fmtOffset < 0 && dataOffset < 0) {
            return "'fmt ' and 'data' chunks";
        }
        return fmtOffset < 0 ? "'fmt ' chunk" : "'data' chunk";
    }

    private boolean isId(int offset, String id) {
        return FileSignature.startsWith(bytes, length, offset, id);
    }

    private long uint32(int offset) {
        return buf.getInt(offset) & UINT32_MASK;
    }

    private int uint16(int offset) {
        return buf.getShort(offset) & UINT16_MASK;
    }

    private AudioFormatException fail(Problem problem, String detail) {
        return new AudioFormatException(source, problem, detail);
    }
}
