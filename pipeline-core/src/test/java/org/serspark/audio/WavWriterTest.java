package org.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @Test
    void headerIsCanonicalPcm16() {
        byte[] wav = WavWriter.toBytes(new float[] {0f, 0.5f, -0.5f, 0.25f, 0f, 0f}, 2, 44100);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(44 + 12, wav.length);
        assertEquals("RIFF", ascii(wav, 0));
        assertEquals(wav.length - 8, b.getInt(4));
        assertEquals("WAVE", ascii(wav, 8));
        assertEquals("fmt ", ascii(wav, 12));
        assertEquals(16, b.getInt(16));
        assertEquals(1, b.getShort(20), "PCM format tag");
        assertEquals(2, b.getShort(22), "channels");
        assertEquals(44100, b.getInt(24));
        assertEquals(44100 * 4, b.getInt(28), "byte rate");
        assertEquals(4, b.getShort(32), "block align");
        assertEquals(16, b.getShort(34), "bits");
        assertEquals("data", ascii(wav, 36));
        assertEquals(12, b.getInt(40));
        assertEquals(16384, b.getShort(46), "0.5 in the right channel of frame 0");
        assertEquals(-16384, b.getShort(48), "-0.5 in the left channel of frame 1");
    }

    @Test
    void roundsToNearestEvenAndClips() {
        assertEquals(32767, WavWriter.toInt16(1.0f));
        assertEquals(32767, WavWriter.toInt16(1.5f));
        assertEquals(32767, WavWriter.toInt16(Float.POSITIVE_INFINITY));
        assertEquals(-32768, WavWriter.toInt16(-1.0f));
        assertEquals(-32768, WavWriter.toInt16(-7f));
        assertEquals(-32768, WavWriter.toInt16(Float.NEGATIVE_INFINITY));
        assertEquals(0, WavWriter.toInt16(0.5f / 32768));
        assertEquals(2, WavWriter.toInt16(1.5f / 32768));
        assertEquals(1, WavWriter.toInt16(0.6f / 32768));
        assertEquals(-1, WavWriter.toInt16(-0.6f / 32768));
        assertEquals(12345, WavWriter.toInt16(12345f / 32768));
        assertThrows(IllegalArgumentException.class, () -> WavWriter.toInt16(Float.NaN));
    }

    @Test
    void valuesOnTheInt16GridRoundTripExactly() throws Exception {
        float[] x = new float[65536];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i - 32768) / 32768f;
        }
        byte[] wav = WavWriter.toBytes(x, 16000);
        ByteBuffer b = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], b.getShort() / 32768f, "sample " + i);
        }
    }

    @Test
    void javaSoundReadsMonoAndStereo() throws Exception {
        float[] left = {0.1f, -0.2f, 0.3f, -0.4f};
        float[] right = {0.5f, 0.6f, -0.7f, 0.8f};
        byte[] stereo = WavWriter.toBytes(WavWriter.interleave(left, right), 2, 48000);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(stereo))) {
            AudioFormat f = in.getFormat();
            assertEquals(AudioFormat.Encoding.PCM_SIGNED, f.getEncoding());
            assertEquals(48000f, f.getSampleRate());
            assertEquals(2, f.getChannels());
            assertEquals(16, f.getSampleSizeInBits());
            assertEquals(false, f.isBigEndian());
            assertEquals(4, in.getFrameLength());
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < left.length; i++) {
                assertEquals(WavWriter.toInt16(left[i]), b.getShort());
                assertEquals(WavWriter.toInt16(right[i]), b.getShort());
            }
        }
        byte[] mono = WavWriter.toBytes(left, 22050);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(mono))) {
            assertEquals(1, in.getFormat().getChannels());
            assertEquals(22050f, in.getFormat().getSampleRate());
            assertEquals(4, in.getFrameLength());
        }
    }

    @Test
    void streamAndFileMatchTheByteArray() throws IOException {
        float[] x = new float[3 * 20000 + 3]; // several streaming chunks and a partial one, 3 channels
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.01) * 0.9f;
        }
        byte[] expected = WavWriter.toBytes(x, 3, 8000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavWriter.write(x, 3, 8000, out);
        assertArrayEquals(expected, out.toByteArray());
    }

    @Test
    void fileWriteCreatesDirectoriesReplacesAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a/b/clip.wav");
        WavWriter.write(new float[] {0.25f, -0.25f}, 16000, file);
        assertArrayEquals(WavWriter.toBytes(new float[] {0.25f, -0.25f}, 16000), Files.readAllBytes(file));
        WavWriter.write(new float[] {0.5f}, 16000, file);
        assertArrayEquals(WavWriter.toBytes(new float[] {0.5f}, 16000), Files.readAllBytes(file));
        assertEquals(List.of("clip.wav"), listNames(file.getParent()));
    }

    @Test
    void failedFileWriteKeepsThePreviousFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("clip.wav");
        WavWriter.write(new float[] {0.25f}, 16000, file);
        byte[] before = Files.readAllBytes(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WavWriter.write(new float[] {0f, 0f, Float.NaN}, 16000, file));
        assertEquals("sample 2 is NaN", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of("clip.wav"), listNames(dir));
    }

    @Test
    void interleavesFrameByFrame() {
        assertArrayEquals(new float[] {1, 10, 100, 2, 20, 200},
                WavWriter.interleave(new float[] {1, 2}, new float[] {10, 20}, new float[] {100, 200}));
        assertThrows(IllegalArgumentException.class,
                () -> WavWriter.interleave(new float[] {1, 2}, new float[] {1}));
    }

    @Test
    void rejectsInconsistentArguments() {
        assertThrows(IllegalArgumentException.class, () -> WavWriter.toBytes(new float[3], 2, 8000));
        assertThrows(IllegalArgumentException.class, () -> WavWriter.toBytes(new float[2], 0, 8000));
        assertThrows(IllegalArgumentException.class, () -> WavWriter.toBytes(new float[2], 1, 0));
    }

    private static String ascii(byte[] b, int offset) {
        return new String(b, offset, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static List<String> listNames(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
