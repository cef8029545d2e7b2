package org.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exact decoded values for every layout the decoder reads, built from known samples. */
class WavDecoderTest {
    private static final int RATE = 48_000;

    private static DecodedAudio decode(byte[] wav) throws AudioFormatException {
        return WavDecoder.decode(wav, "built.wav");
    }

    @Test
    void pcm8IsUnsignedAroundHalfScale() throws Exception {
        DecodedAudio a = decode(WavBuilder.pcm(8, 1, 8000).samples(0, -128, 127, -1, 64).build());
        assertArrayEquals(new float[] {0f, -1f, 127f / 128f, -1f / 128f, 0.5f}, a.samples());
        assertEquals(8000, a.sampleRate());
        assertEquals(8, a.sourceBits());
        assertEquals("PCM_INT", a.sourceEncoding());
    }

    @Test
    void pcm16DividesBy32768() throws Exception {
        DecodedAudio a = decode(WavBuilder.pcm(16, 1, RATE).samples(0, 1, -1, 32767, -32768, 12345).build());
        assertArrayEquals(new float[] {0f, 0x1p-15f, -0x1p-15f, 32767f / 32768f, -1f, 12345f / 32768f},
                a.samples());
        assertEquals(1, a.sourceChannels());
        assertEquals(16, a.sourceBits());
    }

    @Test
    void pcm24DividesBy2To23() throws Exception {
        DecodedAudio a = decode(WavBuilder.pcm(24, 1, RATE)
                .samples(0, 1, -1, 8_388_607, -8_388_608, 123_456, -654_321).build());
        assertArrayEquals(new float[] {0f, 0x1p-23f, -0x1p-23f, 8_388_607f / 8_388_608f, -1f,
            123_456f / 8_388_608f, -654_321f / 8_388_608f}, a.samples());
        assertEquals(24, a.sourceBits());
    }

    @Test
    void pcm32RoundsToFloatThenScales() throws Exception {
        // libsndfile casts the int to float first (round to nearest even), so 2^31-1 becomes exactly 1.0 and
        // 2^30+1 becomes 0.5; 2^-31 survives as the smallest step.
        DecodedAudio a = decode(WavBuilder.pcm(32, 1, RATE)
                .samples(Integer.MAX_VALUE, Integer.MIN_VALUE, 0x4000_0001, 1, -1, 0x0123_4567).build());
        assertArrayEquals(new float[] {1f, -1f, 0.5f, 0x1p-31f, -0x1p-31f, (float) 0x0123_4567 * 0x1p-31f},
                a.samples());
        assertEquals(0x0123_4568 * 0x1p-31f, a.samples()[5], "0x01234567 has 25 significant bits and rounds up");
    }

    @Test
    void float32IsReturnedAsStored() throws Exception {
        DecodedAudio a = decode(WavBuilder.ieeeFloat(32, 1, 22_050)
                .floatSamples(0.5, -0.25, 1.5, -0.0, 1e-30, 0.1).build());
        assertArrayEquals(new float[] {0.5f, -0.25f, 1.5f, -0.0f, 1e-30f, 0.1f}, a.samples());
        assertEquals("PCM_FLOAT", a.sourceEncoding());
        assertEquals(32, a.sourceBits());
        assertEquals(22_050, a.sampleRate());
    }

    @Test
    void float64IsRoundedToFloat32() throws Exception {
        DecodedAudio a = decode(WavBuilder.ieeeFloat(64, 1, RATE)
                .floatSamples(0.1, 1.0 / 3, -0.7, 1 + 0x1p-30).build());
        assertArrayEquals(new float[] {0.1f, (float) (1.0 / 3), -0.7f, 1f}, a.samples());
        assertEquals(64, a.sourceBits());
        assertEquals("PCM_FLOAT", a.sourceEncoding());
    }

    @Test
    void narrowPcmUsesItsContainer() throws Exception {
        // A 12-bit PCM file stores left-justified samples in 16-bit containers; libsndfile reads them as 16-bit.
        DecodedAudio a = decode(WavBuilder.pcm(12, 1, RATE).samples(0x7FF0, -0x8000, 0x0010).build());
        assertArrayEquals(new float[] {0x7FF0 / 32768f, -1f, 0x10 / 32768f}, a.samples());
    }

    @Test
    void stereoIsAveragedInFloat32() throws Exception {
        DecodedAudio a = decode(WavBuilder.pcm(16, 2, RATE)
                .samples(1000, 3000, 1, 0, -32768, 32767, 5, -5).build());
        assertArrayEquals(new float[] {2000f / 32768f, 0x1p-16f, -0x1p-16f, 0f}, a.samples());
        assertEquals(2, a.sourceChannels());
    }

    @Test
    void sixChannelsDivideBySixInFloat32() throws Exception {
        int frames = 500;
        int[] s = new int[frames * 6];
        float[] expected = new float[frames];
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < 6; c++) {
                int v = (f * 7919 + c * 104_729) % 65_536 - 32_768;
                s[f * 6 + c] = v;
                sum += v;
            }
            // The sum of six 16-bit samples is exact in float32, so only the division by 6 rounds.
            expected[f] = (sum * 0x1p-15f) / 6f;
        }
        DecodedAudio a = decode(WavBuilder.pcm(16, 6, RATE).samples(s).build());
        assertArrayEquals(expected, a.samples());
        assertEquals(6, a.sourceChannels());
    }

    @Test
    void threeChannelMeanMatchesNumpyFloat32() throws Exception {
        // Inputs and outputs from numpy: np.mean(y.T, axis=0) on float32 (frames, 3); a float64 mean differs.
        float[] in = bits(
                0x39c17c84, 0x3db78c9c, 0xbda86e28,
                0x3c93cf15, 0x3ecddb68, 0xbe1734b2,
                0xbf12038f, 0xbec612b0, 0xbf0d71fc);
        DecodedAudio a = decode(WavBuilder.ieeeFloat(32, 3, RATE).floatSamples(toDouble(in)).build());
        assertArrayEquals(bits(0x3b2954b5, 0x3db9fd55, 0xbf00d4f7), a.samples());
    }

    @Test
    void nineChannelMeanMatchesNumpyPairwiseSum() throws Exception {
        // From numpy: with 8 or more terms its pairwise summation differs from a running float32 sum.
        float[] in = bits(
                0xbdb2c1b9, 0xbe427544, 0xbf31bb6d, 0x3ef9d898, 0xbe187ddb, 0x3e250eff, 0x3edaf78e, 0x3eb1771f,
                0x3d7b82d1,
                0x3ed7a824, 0x3d7baca8, 0x3e8bccb4, 0x3c53dfd8, 0xbe3594aa, 0xbe956142, 0xbd4a709f, 0x3e2879ba,
                0x3ec79797,
                0xbe036a02, 0xbe9584b3, 0xbacc95b0, 0x3f1e8fcb, 0x3cadd6f0, 0x3da67b79, 0x3f0bc33d, 0xbf2839ee,
                0xbf2aab7b);
        DecodedAudio a = decode(WavBuilder.ieeeFloat(32, 9, RATE).floatSamples(toDouble(in)).build());
        assertArrayEquals(bits(0x3d25e205, 0x3db71017, 0xbd597ee3), a.samples());
    }

    @Test
    void longMultichannelFileCrossesMixBlocks() throws Exception {
        // More frames than one down-mix block, with a value that depends on the frame index to catch offset slips.
        int frames = 20_011;
        int[] s = new int[frames * 2];
        for (int f = 0; f < frames; f++) {
            s[2 * f] = f % 30_000;
            s[2 * f + 1] = -(f % 17);
        }
        float[] out = decode(WavBuilder.pcm(16, 2, RATE).samples(s).build()).samples();
        assertEquals(frames, out.length);
        for (int f = 0; f < frames; f++) {
            assertEquals((f % 30_000 - f % 17) * 0x1p-16f, out[f], "frame " + f);
        }
    }

    @Test
    void extensiblePcm24WithValidBits() throws Exception {
        // 20 valid bits left-justified in a 24-bit container: scaled by the container, as libsndfile does.
        DecodedAudio a = decode(WavBuilder.pcm(24, 1, RATE).extensible(20).samples(0x7FFFF0, -0x800000, 0x10).build());
        assertArrayEquals(new float[] {0x7FFFF0 / 8_388_608f, -1f, 0x10 / 8_388_608f}, a.samples());
        assertEquals(24, a.sourceBits());
    }

    @Test
    void extensibleFloatAndMultichannelPcm() throws Exception {
        DecodedAudio f = decode(WavBuilder.ieeeFloat(32, 2, RATE).extensible(32).floatSamples(0.5, 0.25, -1, 1).build());
        assertArrayEquals(new float[] {0.375f, 0f}, f.samples());
        assertEquals("PCM_FLOAT", f.sourceEncoding());

        DecodedAudio p = decode(WavBuilder.pcm(16, 6, RATE).extensible(16)
                .samples(6, 12, 18, 24, 30, 36).build());
        assertArrayEquals(new float[] {21 * 0x1p-15f}, p.samples());

        DecodedAudio u8 = decode(WavBuilder.pcm(8, 1, RATE).extensible(8).samples(-64).build());
        assertArrayEquals(new float[] {-0.5f}, u8.samples());

        DecodedAudio d = decode(WavBuilder.ieeeFloat(64, 1, RATE).extensible(64).floatSamples(0.1).build());
        assertArrayEquals(new float[] {0.1f}, d.samples());
    }

    @Test
    void ambisonicSubFormatIsPcm() throws Exception {
        byte[] guid = {0x01, 0, 0, 0, 0x21, 0x07, (byte) 0xD3, 0x11, (byte) 0x86, 0x44, (byte) 0xC8, (byte) 0xC1,
            (byte) 0xCA, 0, 0, 0};
        DecodedAudio a = decode(WavBuilder.pcm(16, 1, RATE).extensible(16).subFormat(guid).samples(16384).build());
        assertArrayEquals(new float[] {0.5f}, a.samples());
    }

    @Test
    void unknownChunksAreSkippedIncludingOddPadding() throws Exception {
        byte[] wav = WavBuilder.pcm(16, 1, RATE)
                .chunkBeforeFmt("LIST", "INFOISFT\u0005\0\0\0Lavf\0".getBytes(StandardCharsets.ISO_8859_1))
                .chunkAfterFmt("fact", new byte[] {3, 0, 0, 0})
                .chunkAfterFmt("odd ", new byte[] {1, 2, 3})
                .chunkAfterFmt("zero", new byte[0])
                .samples(100, -200, 300)
                .chunkAfterData("id3 ", new byte[] {'I', 'D', '3', 4, 0})
                .build();
        assertArrayEquals(new float[] {100 * 0x1p-15f, -200 * 0x1p-15f, 300 * 0x1p-15f}, decode(wav).samples());
    }

    @Test
    void oddChunkWithoutPadByteIsTolerated() throws Exception {
        byte[] wav = WavBuilder.pcm(16, 1, RATE).unpadded()
                .chunkAfterFmt("odd ", new byte[] {1, 2, 3})
                .samples(7, 8).build();
        assertArrayEquals(new float[] {7 * 0x1p-15f, 8 * 0x1p-15f}, decode(wav).samples());
    }

    @Test
    void oddSizedDataChunkIsPaddedAndFollowedByChunks() throws Exception {
        byte[] wav = WavBuilder.pcm(8, 1, RATE).samples(1, 2, 3, 4, 5)
                .chunkAfterData("LIST", new byte[] {'I', 'N', 'F', 'O'}).build();
        assertArrayEquals(new float[] {1 / 128f, 2 / 128f, 3 / 128f, 4 / 128f, 5 / 128f}, decode(wav).samples());
    }

    @Test
    void trailingPartialFrameIsIgnored() throws Exception {
        byte[] data = {0, 0x40, 0, (byte) 0xC0, 0x11, 0x22};
        DecodedAudio a = decode(WavBuilder.pcm(16, 2, RATE).rawData(data).build());
        assertArrayEquals(new float[] {0f}, a.samples(), "(0.5 + -0.5) / 2 from the one whole frame");
    }

    @Test
    void dataChunkBeforeFmtChunk() throws Exception {
        byte[] wav = WavBuilder.pcm(16, 1, RATE).dataBeforeFmt().samples(-16384).build();
        assertArrayEquals(new float[] {-0.5f}, decode(wav).samples());
    }

    @ParameterizedTest(name = "RIFF size {0}")
    @ValueSource(longs = {0, 4, 36, 0xFFFF_FFFFL, 1_000_000})
    void wrongRiffSizeIsToleratedWhenChunksAreConsistent(long riffSize) throws Exception {
        byte[] wav = WavBuilder.pcm(16, 1, RATE).riffSize(riffSize).samples(1, 2, 3).build();
        assertArrayEquals(new float[] {0x1p-15f, 2 * 0x1p-15f, 3 * 0x1p-15f}, decode(wav).samples());
    }

    @Test
    void garbageAfterTheDataChunkIsIgnored() throws Exception {
        byte[] wav = WavBuilder.pcm(16, 1, RATE).samples(4)
                .trailing(new byte[] {(byte) 0xFF, (byte) 0xFE, 1, 2, 3}).build();
        assertArrayEquals(new float[] {4 * 0x1p-15f}, decode(wav).samples());
    }

    @Test
    void zeroBlockAlignOfPlainPcmIsRepairedAsLibsndfileDoes() throws Exception {
        byte[] wav = WavBuilder.pcm(16, 2, RATE).blockAlign(0).samples(2, 4).build();
        assertArrayEquals(new float[] {3 * 0x1p-15f}, decode(wav).samples());
    }

    @Test
    void streamReadInSmallPiecesDecodesTheSame() throws Exception {
        byte[] wav = WavBuilder.pcm(24, 2, RATE).samples(100, 300, -8_388_608, 8_388_607).build();
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(wav)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 3));
            }
        };
        DecodedAudio a = WavDecoder.decode(trickle, wav.length, "trickle.wav");
        assertArrayEquals(decode(wav).samples(), a.samples());
        assertArrayEquals(new float[] {200 * 0x1p-23f, (-8_388_608f + 8_388_607f) * 0x1p-23f / 2f}, a.samples());
    }

    @Test
    void streamBytesBeyondLengthAreNotRead() throws Exception {
        byte[] wav = WavBuilder.pcm(16, 1, RATE).samples(5, 6).build();
        byte[] longer = java.util.Arrays.copyOf(wav, wav.length + 100);
        ByteArrayInputStream in = new ByteArrayInputStream(longer);
        DecodedAudio a = WavDecoder.decode(in, wav.length, "longer.wav");
        assertArrayEquals(new float[] {5 * 0x1p-15f, 6 * 0x1p-15f}, a.samples());
        assertEquals(100, in.available());
    }

    @Test
    void pathDecodeReadsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clip.wav");
        Files.write(file, WavBuilder.pcm(16, 2, 44_100).samples(8192, 8192, -8192, 0).build());
        DecodedAudio a = WavDecoder.decode(file);
        assertArrayEquals(new float[] {0.25f, -0.125f}, a.samples());
        assertEquals(44_100, a.sampleRate());
    }

    private static float[] bits(int... raw) {
        float[] f = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            f[i] = Float.intBitsToFloat(raw[i]);
        }
        return f;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
