package org.serspark.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only writer of RIFF/WAVE files from known sample values, able to produce every layout the decoder reads
 * and, through its overrides, the malformed headers it must reject.
 */
final class WavBuilder {
    static final int PCM = 0x0001;
    static final int IEEE_FLOAT = 0x0003;
    static final int EXTENSIBLE = 0xFFFE;
    private static final byte[] KSDATAFORMAT_TAIL = {
        0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private int formatTag;
    private final int channels;
    private final int sampleRate;
    private final int bits;
    private byte[] data = new byte[0];
    private Integer blockAlign;
    private Long riffSize;
    private Long dataSize;
    private Integer fmtSize;
    private boolean extensible;
    private int validBits;
    private byte[] subFormat;
    private int cbSize = 22;
    private boolean withFmt = true;
    private boolean withData = true;
    private boolean dataFirst;
    private boolean padOddChunks = true;
    private String riffId = "RIFF";
    private String formType = "WAVE";
    private final List<byte[]> beforeFmt = new ArrayList<>();
    private final List<byte[]> afterFmt = new ArrayList<>();
    private final List<byte[]> afterData = new ArrayList<>();
    private byte[] trailing = new byte[0];

    private WavBuilder(int formatTag, int channels, int sampleRate, int bits) {
        this.formatTag = formatTag;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.bits = bits;
    }

    static WavBuilder pcm(int bits, int channels, int sampleRate) {
        return new WavBuilder(PCM, channels, sampleRate, bits);
    }

    static WavBuilder ieeeFloat(int bits, int channels, int sampleRate) {
        return new WavBuilder(IEEE_FLOAT, channels, sampleRate, bits);
    }

    /** A fmt chunk of this tag (a codec the decoder should refuse), with {@code bits} and raw data bytes. */
    static WavBuilder codec(int formatTag, int bits, int channels, int sampleRate) {
        return new WavBuilder(formatTag, channels, sampleRate, bits);
    }

    /** Signed integer samples, interleaved; 8-bit ones are stored unsigned as WAV requires. */
    WavBuilder samples(int... interleaved) {
        int bytes = (bits + 7) / 8;
        ByteBuffer b = ByteBuffer.allocate(interleaved.length * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : interleaved) {
            long stored = bytes == 1 ? v + 128 : v;
            for (int i = 0; i < bytes; i++) {
                b.put((byte) (stored >> (8 * i)));
            }
        }
        data = b.array();
        return this;
    }

    /** Float samples, interleaved, stored as float32 or float64 by the bit depth. */
    WavBuilder floatSamples(double... interleaved) {
        ByteBuffer b = ByteBuffer.allocate(interleaved.length * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : interleaved) {
            if (bits == 64) {
                b.putDouble(v);
            } else {
                b.putFloat((float) v);
            }
        }
        data = b.array();
        return this;
    }

    WavBuilder rawData(byte[] bytes) {
        data = bytes.clone();
        return this;
    }

    /** WAVE_FORMAT_EXTENSIBLE with the PCM or float sub-format of the base tag. */
    WavBuilder extensible(int validBitsPerSample) {
        subFormat = guid(formatTag);
        validBits = validBitsPerSample;
        extensible = true;
        return this;
    }

    WavBuilder subFormat(byte[] guid) {
        subFormat = guid.clone();
        return this;
    }

    WavBuilder cbSize(int value) {
        cbSize = value;
        return this;
    }

    static byte[] guid(int codec) {
        byte[] g = new byte[16];
        ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN).putInt(codec);
        System.arraycopy(KSDATAFORMAT_TAIL, 0, g, 4, KSDATAFORMAT_TAIL.length);
        return g;
    }

    WavBuilder formatTag(int tag) {
        formatTag = tag;
        return this;
    }

    WavBuilder blockAlign(int value) {
        blockAlign = value;
        return this;
    }

    WavBuilder riffSize(long value) {
        riffSize = value;
        return this;
    }

    WavBuilder dataSize(long value) {
        dataSize = value;
        return this;
    }

    WavBuilder fmtSize(int value) {
        fmtSize = value;
        return this;
    }

    WavBuilder riffId(String id) {
        riffId = id;
        return this;
    }

    WavBuilder formType(String id) {
        formType = id;
        return this;
    }

    WavBuilder withoutFmt() {
        withFmt = false;
        return this;
    }

    WavBuilder withoutData() {
        withData = false;
        return this;
    }

    WavBuilder dataBeforeFmt() {
        dataFirst = true;
        return this;
    }

    /** Writes odd-sized chunks without the RIFF pad byte, as some broken writers do. */
    WavBuilder unpadded() {
        padOddChunks = false;
        return this;
    }

    WavBuilder chunkBeforeFmt(String id, byte[] body) {
        beforeFmt.add(chunk(id, body, body.length));
        return this;
    }

    WavBuilder chunkAfterFmt(String id, byte[] body) {
        afterFmt.add(chunk(id, body, body.length));
        return this;
    }

    /** A chunk whose header declares {@code declaredSize} whatever the body length. */
    WavBuilder chunkAfterFmt(String id, byte[] body, long declaredSize) {
        afterFmt.add(chunk(id, body, declaredSize));
        return this;
    }

    WavBuilder chunkAfterData(String id, byte[] body) {
        afterData.add(chunk(id, body, body.length));
        return this;
    }

    /** Bytes after the last chunk that are not a chunk (e.g. an appended tag or garbage). */
    WavBuilder trailing(byte[] bytes) {
        trailing = bytes.clone();
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii(formType));
        beforeFmt.forEach(body::writeBytes);
        byte[] dataChunk = withData ? chunk("data", data, dataSize == null ? data.length : dataSize) : new byte[0];
        if (dataFirst) {
            body.writeBytes(dataChunk);
        }
        if (withFmt) {
            body.writeBytes(fmtChunk());
        }
        afterFmt.forEach(body::writeBytes);
        if (!dataFirst) {
            body.writeBytes(dataChunk);
        }
        afterData.forEach(body::writeBytes);
        body.writeBytes(trailing);
        byte[] content = body.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(8 + content.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii(riffId));
        out.putInt((int) (riffSize == null ? content.length : riffSize));
        out.put(content);
        return out.array();
    }

    private byte[] fmtChunk() {
        int bytesPerSample = (bits + 7) / 8;
        int align = blockAlign == null ? channels * bytesPerSample : blockAlign;
        ByteBuffer f = ByteBuffer.allocate(extensible ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
        f.putShort((short) (extensible ? EXTENSIBLE : formatTag));
        f.putShort((short) channels);
        f.putInt(sampleRate);
        f.putInt(sampleRate * align);
        f.putShort((short) align);
        f.putShort((short) bits);
        if (extensible) {
            f.putShort((short) cbSize);
            f.putShort((short) validBits);
            f.putInt(channels == 1 ? 0x4 : (1 << channels) - 1);
            f.put(subFormat);
        }
        byte[] body = f.array();
        if (fmtSize != null && fmtSize < body.length) {
            body = java.util.Arrays.copyOf(body, fmtSize);
        }
        return chunk("fmt ", body, fmtSize == null ? body.length : fmtSize);
    }

    private byte[] chunk(String id, byte[] body, long declaredSize) {
        boolean pad = padOddChunks && (body.length & 1) == 1;
        ByteBuffer c = ByteBuffer.allocate(8 + body.length + (pad ? 1 : 0)).order(ByteOrder.LITTLE_ENDIAN);
        c.put(ascii(id));
        c.putInt((int) declaredSize);
        c.put(body);
        return c.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
