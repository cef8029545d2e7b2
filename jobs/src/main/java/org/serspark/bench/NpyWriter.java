package org.serspark.bench;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams one C-order array to a NumPy {@code .npy} file (format version 1.0), so that the PyTorch peer benchmark
 * reads exactly the data the Java trainers saw with {@code numpy.load}. Little-endian {@code <f4} or {@code <i4}.
 * {@link #close()} fails unless exactly the declared number of elements was written.
 */
public final class NpyWriter implements Closeable {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    /** NumPy pads the header so the data starts on a 64-byte boundary (memory-mappable); so do we. */
    static final int ALIGNMENT = 64;
    /** Version 1.0 stores the header length in two bytes. */
    private static final int MAX_HEADER = 0xFFFF;
    private static final int BUFFER_BYTES = 1 << 16;

    private final OutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final long expected;
    private final boolean floats;
    private long written;

    private NpyWriter(Path file, String descr, long[] shape) throws IOException {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape");
            }
            n = Math.multiplyExact(n, d);
        }
        this.expected = n;
        this.floats = descr.equals("<f4");
        this.out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES);
        out.write(header(descr, shape));
    }

    /** A float32 array of this shape. */
    public static NpyWriter float32(Path file, long... shape) throws IOException {
        return new NpyWriter(file, "<f4", shape);
    }

    /** An int32 array of this shape. */
    public static NpyWriter int32(Path file, long... shape) throws IOException {
        return new NpyWriter(file, "<i4", shape);
    }

    /** Writes a whole 1-D int32 array. */
    public static void writeInt32(Path file, int[] values) throws IOException {
        try (NpyWriter w = int32(file, values.length)) {
            for (int v : values) {
                w.writeInt(v);
            }
        }
    }

    /** Magic, version, header length and the padded dictionary that precede the data. */
    static byte[] header(String descr, long[] shape) {
        StringBuilder dims = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            dims.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        // a 1-tuple needs its trailing comma in Python syntax
        dims.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + dims + ", }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1; // + 2 length bytes, + 1 closing newline
        int pad = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        int headerLen = dict.length() + pad + 1;
        if (headerLen > MAX_HEADER) {
            throw new IllegalArgumentException("shape too long for an .npy 1.0 header");
        }
        byte[] h = new byte[MAGIC.length + 2 + headerLen];
        System.arraycopy(MAGIC, 0, h, 0, MAGIC.length);
        h[MAGIC.length] = (byte) (headerLen & 0xFF);
        h[MAGIC.length + 1] = (byte) (headerLen >>> 8);
        byte[] d = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(d, 0, h, MAGIC.length + 2, d.length);
        return h;
    }

    public void writeFloat(float v) throws IOException {
        if (!floats) {
            throw new IllegalStateException("this is an int32 array");
        }
        room();
        buf.putFloat(v);
        written++;
    }

    public void writeFloats(float[] v, int from, int len) throws IOException {
        for (int i = from; i < from + len; i++) {
            writeFloat(v[i]);
        }
    }

    /** {@code n} zeros (padding). */
    public void writeZeros(long n) throws IOException {
        for (long i = 0; i < n; i++) {
            room();
            buf.putInt(0); // 0f and 0 share their bit pattern
            written++;
        }
    }

    public void writeInt(int v) throws IOException {
        if (floats) {
            throw new IllegalStateException("this is a float32 array");
        }
        room();
        buf.putInt(v);
        written++;
    }

    private void room() throws IOException {
        if (written >= expected) {
            throw new IllegalStateException("more than the " + expected + " elements of the declared shape");
        }
        if (buf.remaining() < Integer.BYTES) {
            flush();
        }
    }

    private void flush() throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
        if (written != expected) {
            throw new IllegalStateException("wrote " + written + " elements, the shape declares " + expected);
        }
    }
}
