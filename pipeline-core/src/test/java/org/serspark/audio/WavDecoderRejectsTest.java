package org.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.serspark.audio.AudioFormatException.Problem;

/** Every class of bad input fails with a typed, named, human-readable error, fast and without large allocations. */
class WavDecoderRejectsTest {
    private static final String NAME = "Actor_01/03-01-05-01-02-01-01.wav";
    private static final int RATE = 48_000;
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);

    static Stream<Arguments> badInputs() {
        byte[] valid = WavBuilder.pcm(16, 1, RATE).samples(1, 2, 3, 4, 5, 6, 7, 8).build();
        Random random = new Random(42);
        byte[] noise = new byte[1000];
        random.nextBytes(noise);
        noise[0] = 0x12;
        return Stream.of(
                bad("empty file", new byte[0], Problem.NOT_RIFF_WAVE, "empty"),
                bad("random bytes", noise, Problem.NOT_RIFF_WAVE, "unknown signature"),
                bad("MP3 with ID3 tag", ascii("ID3\u0004\0\0\0\0\0!TIT2 hello world"), Problem.NOT_RIFF_WAVE,
                        "MP3"),
                bad("bare MP3 frame", new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0}, Problem.NOT_RIFF_WAVE, "MPEG"),
                bad("FLAC", ascii("fLaC\0\0\0\" streaminfo and more bytes"), Problem.NOT_RIFF_WAVE, "FLAC"),
                bad("text", ascii("speaker,emotion\nActor_01,happy\n"), Problem.NOT_RIFF_WAVE, "text"),
                bad("RIFF AVI", WavBuilder.pcm(16, 1, RATE).formType("AVI ").samples(1).build(),
                        Problem.NOT_RIFF_WAVE, "'AVI '"),
                bad("RIFX", WavBuilder.pcm(16, 1, RATE).riffId("RIFX").samples(1).build(),
                        Problem.UNSUPPORTED_FORMAT, "RIFX"),
                bad("RF64", WavBuilder.pcm(16, 1, RATE).riffId("RF64").samples(1).build(),
                        Problem.UNSUPPORTED_FORMAT, "RF64"),
                bad("only 'RIFF'", ascii("RIFF"), Problem.TRUNCATED, "12-byte RIFF header"),
                bad("header cut inside fmt", Arrays.copyOf(valid, 30), Problem.TRUNCATED, "'fmt ' chunk declares 16 bytes but only 10 remain"),
                bad("header cut inside chunk header", Arrays.copyOf(valid, 40), Problem.TRUNCATED,
                        "into the chunk header"),
                bad("missing fmt", WavBuilder.pcm(16, 1, RATE).withoutFmt().samples(1).build(),
                        Problem.MISSING_FMT_CHUNK, "'data' (2 bytes)"),
                bad("no chunks at all", Arrays.copyOf(valid, 12), Problem.MISSING_FMT_CHUNK, "none"),
                bad("missing data", WavBuilder.pcm(16, 1, RATE).withoutData()
                        .chunkAfterFmt("LIST", new byte[4]).build(), Problem.MISSING_DATA_CHUNK, "'LIST' (4 bytes)"),
                bad("truncated data", Arrays.copyOf(valid, valid.length - 5), Problem.TRUNCATED,
                        "data' chunk declares 16 bytes but only 11 remain"),
                bad("empty data", WavBuilder.pcm(16, 1, RATE).rawData(new byte[0]).build(), Problem.NO_SAMPLES,
                        "empty"),
                bad("less than a frame", WavBuilder.pcm(24, 2, RATE).rawData(new byte[5]).build(),
                        Problem.NO_SAMPLES, "less than one 6-byte frame"),
                bad("MS ADPCM", WavBuilder.codec(0x0002, 4, 1, RATE).blockAlign(256).rawData(new byte[256]).build(),
                        Problem.UNSUPPORTED_CODEC, "0x0002 (Microsoft ADPCM)"),
                bad("A-law", WavBuilder.codec(0x0006, 8, 1, RATE).rawData(new byte[8]).build(),
                        Problem.UNSUPPORTED_CODEC, "0x0006 (A-law)"),
                bad("mu-law", WavBuilder.codec(0x0007, 8, 1, RATE).rawData(new byte[8]).build(),
                        Problem.UNSUPPORTED_CODEC, "0x0007 (mu-law)"),
                bad("IMA ADPCM", WavBuilder.codec(0x0011, 4, 1, RATE).blockAlign(512).rawData(new byte[512])
                        .build(), Problem.UNSUPPORTED_CODEC, "0x0011"),
                bad("GSM 6.10", WavBuilder.codec(0x0031, 0, 1, 8000).blockAlign(65).rawData(new byte[65]).build(),
                        Problem.UNSUPPORTED_CODEC, "0x0031 (GSM 6.10)"),
                bad("MP3 in WAV", WavBuilder.codec(0x0055, 0, 2, 44_100).blockAlign(1).rawData(new byte[100])
                        .build(), Problem.UNSUPPORTED_CODEC, "0x0055 (MPEG Layer 3 (MP3))"),
                bad("unregistered tag", WavBuilder.codec(0x1234, 16, 1, RATE).samples(1).build(),
                        Problem.UNSUPPORTED_CODEC, "0x1234"),
                bad("extensible ADPCM", WavBuilder.pcm(16, 1, RATE).extensible(16).subFormat(WavBuilder.guid(2))
                        .samples(1).build(), Problem.UNSUPPORTED_CODEC, "0x0002 (Microsoft ADPCM) inside"),
                bad("extensible unknown GUID", WavBuilder.pcm(16, 1, RATE).extensible(16)
                        .subFormat(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
                        .samples(1).build(), Problem.UNSUPPORTED_CODEC, "{04030201-0605-0807-090A-0B0C0D0E0F10}"),
                bad("40-bit PCM", WavBuilder.pcm(40, 1, RATE).rawData(new byte[10]).build(),
                        Problem.UNSUPPORTED_FORMAT, "40-bit integer PCM"),
                bad("0-bit PCM", WavBuilder.pcm(0, 1, RATE).blockAlign(2).rawData(new byte[10]).build(),
                        Problem.UNSUPPORTED_FORMAT, "0-bit integer PCM"),
                bad("16-bit float", WavBuilder.ieeeFloat(16, 1, RATE).rawData(new byte[10]).build(),
                        Problem.UNSUPPORTED_FORMAT, "16-bit IEEE float"),
                bad("0 channels", WavBuilder.pcm(16, 0, RATE).blockAlign(2).rawData(new byte[10]).build(),
                        Problem.CORRUPT_HEADER, "0 channels"),
                bad("block align mismatch", WavBuilder.pcm(16, 2, RATE).blockAlign(6).samples(1, 2, 3).build(),
                        Problem.CORRUPT_HEADER, "block align 6"),
                bad("24 bits in 4-byte blocks", WavBuilder.pcm(24, 1, RATE).blockAlign(4).rawData(new byte[8])
                        .build(), Problem.CORRUPT_HEADER, "block align 4"),
                bad("sample rate 0", WavBuilder.pcm(16, 1, 0).samples(1).build(), Problem.CORRUPT_HEADER,
                        "sample rate of 0"),
                bad("fmt too short", WavBuilder.pcm(16, 1, RATE).fmtSize(14).samples(1).build(),
                        Problem.CORRUPT_HEADER, "fmt chunk is 14 bytes"),
                bad("extensible fmt too short", WavBuilder.pcm(16, 1, RATE).extensible(16).fmtSize(18).samples(1)
                        .build(), Problem.CORRUPT_HEADER, "18 bytes, 40 needed"),
                bad("extensible cbSize too small", WavBuilder.pcm(16, 1, RATE).extensible(16).cbSize(0)
                        .samples(1).build(), Problem.CORRUPT_HEADER, "cbSize 0"),
                bad("valid bits over container", WavBuilder.pcm(16, 1, RATE).extensible(20).samples(1).build(),
                        Problem.CORRUPT_HEADER, "20 valid bits"),
                bad("LIST larger than file", WavBuilder.pcm(16, 1, RATE)
                        .chunkAfterFmt("LIST", new byte[4], 1_000_000).samples(1).build(),
                        Problem.SIZE_EXCEEDS_FILE, "'LIST' chunk declares 1000000 bytes"),
                bad("4 GB data claim", fourGigabyteClaim(), Problem.SIZE_EXCEEDS_FILE,
                        "'data' chunk declares 4294967295 bytes but only 980 remain"));
    }

    /** A 1 KB file whose data chunk claims 4 GB, with a RIFF size that is honest about the file. */
    private static byte[] fourGigabyteClaim() {
        byte[] wav = WavBuilder.pcm(16, 1, RATE).rawData(new byte[980]).dataSize(0xFFFF_FFFFL).build();
        assertEquals(1024, wav.length);
        return wav;
    }

    private static Arguments bad(String label, byte[] bytes, Problem problem, String detail) {
        return Arguments.of(label, bytes, problem, detail);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void bytesAreRejected(String label, byte[] bytes, Problem problem, String detail) {
        assertRejected(() -> WavDecoder.decode(bytes, NAME), problem, detail);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void streamsAreRejected(String label, byte[] bytes, Problem problem, String detail) {
        assertRejected(() -> WavDecoder.decode(new ByteArrayInputStream(bytes), bytes.length, NAME), problem,
                detail);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void filesAreRejectedNamingThePath(String label, byte[] bytes, Problem problem, String detail,
                                       @TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.wav");
        Files.write(file, bytes);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavDecoder.decode(file));
        assertEquals(problem, e.problem());
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    }

    @Test
    void fourGigabyteClaimFailsFastWithoutAllocating() {
        byte[] wav = fourGigabyteClaim();
        com.sun.management.ThreadMXBean threads = threadMxBean();
        AudioFormatException e = assertTimeoutPreemptively(HANG_GUARD, () -> {
            // Warm the path first so class loading does not count as the decoder's allocation.
            assertThrows(AudioFormatException.class, () -> WavDecoder.decode(wav, NAME));
            long before = threads.getCurrentThreadAllocatedBytes();
            AudioFormatException thrown = assertThrows(AudioFormatException.class, () -> WavDecoder.decode(wav, NAME));
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes rejecting a 1 KB file");
            return thrown;
        });
        assertEquals(Problem.SIZE_EXCEEDS_FILE, e.problem());
        assertEquals(NAME + ": size exceeds file: 'data' chunk declares 4294967295 bytes but only 980 remain",
                e.getMessage());
    }

    @Test
    void streamShorterThanLengthIsTruncated() {
        byte[] wav = WavBuilder.pcm(16, 1, RATE).samples(1, 2, 3).build();
        AudioFormatException e = assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(AudioFormatException.class,
                () -> WavDecoder.decode(new ByteArrayInputStream(wav), wav.length + 10L, NAME)));
        assertEquals(Problem.TRUNCATED, e.problem());
        assertTrue(e.getMessage().contains(NAME) && e.getMessage().contains("after " + wav.length + " of its "
                + (wav.length + 10) + " bytes"), e.getMessage());
    }

    @Test
    void hugeStatedLengthOfAShortStreamAllocatesLittle() {
        byte[] wav = WavBuilder.pcm(16, 1, RATE).samples(1, 2, 3).build();
        com.sun.management.ThreadMXBean threads = threadMxBean();
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            long before = threads.getCurrentThreadAllocatedBytes();
            AudioFormatException e = assertThrows(AudioFormatException.class,
                    () -> WavDecoder.decode(new ByteArrayInputStream(wav), 2_000_000_000L, NAME));
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(Problem.TRUNCATED, e.problem());
            assertTrue(allocated < 4L << 20, "allocated " + allocated + " bytes for a " + wav.length + "-byte stream");
        });
    }

    @Test
    void headerIsNotTrustedOverStatedLength() {
        // The stream holds a valid file, but the caller says it is shorter: the data chunk no longer fits.
        byte[] wav = WavBuilder.pcm(16, 1, RATE).samples(1, 2, 3, 4).build();
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> WavDecoder.decode(new ByteArrayInputStream(wav), wav.length - 4L, NAME));
        assertEquals(Problem.TRUNCATED, e.problem());
        assertTrue(e.getMessage().contains("'data' chunk declares 8 bytes but only 4 remain"), e.getMessage());
    }

    @Test
    void fileOverTheInMemoryLimitIsRefusedBeforeReading() {
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> WavDecoder.decode(new ByteArrayInputStream(new byte[0]), 5_000_000_000L, NAME));
        assertEquals(Problem.UNSUPPORTED_FORMAT, e.problem());
        assertTrue(e.getMessage().contains("5000000000 bytes"), e.getMessage());
    }

    @Test
    void chunkSizesNearUint32MaxDoNotOverflow() {
        // A size of 2^32-2 after a 12-byte header would wrap a 32-bit offset back into the file.
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(56).put(ascii("WAVE")).put(ascii("junk")).putInt(0xFFFF_FFFE);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavDecoder.decode(b.array(), NAME));
        assertEquals(Problem.SIZE_EXCEEDS_FILE, e.problem());
    }

    private static void assertRejected(Executable decode, Problem problem, String detail) {
        AudioFormatException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(AudioFormatException.class, decode));
        assertEquals(problem, e.problem(), e.getMessage());
        assertEquals(NAME, e.source());
        assertTrue(e.getMessage().startsWith(NAME + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(detail), "expected '" + detail + "' in: " + e.getMessage());
    }

    private static com.sun.management.ThreadMXBean threadMxBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter needed");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter needed");
        return threads;
    }
}
