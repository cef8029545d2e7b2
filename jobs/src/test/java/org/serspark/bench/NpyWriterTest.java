package org.serspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files must be what numpy.load accepts: magic, version 1.0, aligned Python-literal header, LE data. */
class NpyWriterTest {
    @TempDir
    Path dir;

    @Test
    void float32HeaderAndDataAreNumpyFormat() throws Exception {
        Path f = dir.resolve("x.npy");
        try (NpyWriter w = NpyWriter.float32(f, 2, 3)) {
            w.writeFloats(new float[] {1.5f, -2f, 3.25f}, 0, 3);
            w.writeFloat(7f);
            w.writeZeros(2);
        }
        byte[] b = Files.readAllBytes(f);
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, b[6]);
        assertEquals(0, b[7]);
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        int dataStart = 10 + headerLen;
        assertEquals(0, dataStart % NpyWriter.ALIGNMENT, "data aligned to 64 bytes");
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.strip());
        assertEquals('\n', header.charAt(header.length() - 1));
        assertEquals(6 * 4, b.length - dataStart);
        ByteBuffer data = ByteBuffer.wrap(b, dataStart, 24).order(ByteOrder.LITTLE_ENDIAN);
        float[] expected = {1.5f, -2f, 3.25f, 7f, 0f, 0f};
        for (float e : expected) {
            assertEquals(e, data.getFloat(), 0f);
        }
    }

    @Test
    void oneDimensionalShapeKeepsThePythonTupleComma() throws Exception {
        Path f = dir.resolve("y.npy");
        NpyWriter.writeInt32(f, new int[] {3, -1, 70000});
        byte[] b = Files.readAllBytes(f);
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", header.strip());
        ByteBuffer data = ByteBuffer.wrap(b, 10 + headerLen, 12).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(3, data.getInt());
        assertEquals(-1, data.getInt());
        assertEquals(70000, data.getInt());
    }

    @Test
    void wrongElementCountFails() throws Exception {
        assertThrows(IllegalStateException.class, () -> {
            try (NpyWriter w = NpyWriter.int32(dir.resolve("short.npy"), 2)) {
                w.writeInt(1);
            }
        });
        try (NpyWriter w = NpyWriter.int32(dir.resolve("long.npy"), 1)) {
            w.writeInt(1);
            assertThrows(IllegalStateException.class, () -> w.writeInt(2));
            assertThrows(IllegalStateException.class, () -> w.writeFloat(2f));
        }
    }
}
