package org.serspark.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.ravdess.Emotion;
import org.serspark.ravdess.Gender;
import org.serspark.ravdess.Intensity;
import org.serspark.ravdess.RavdessFileName;
import org.serspark.ravdess.Statement;

class SynthCorpusTest {
    /** Small corpus for file-level tests: 2 actors x 6 clips of 1 s, half of them stereo. */
    private static final SynthSpec SMALL = SynthSpec.DEFAULT.withActors(2).withClipsPerActor(6)
            .withDurationSeconds(1.0).withStereoFraction(0.5);
    private static final double CHANCE = 1.0 / Emotion.COUNT;
    /** Cross-actor accuracy the crude statistics must reach: well over twice chance (0.125). */
    private static final double MIN_UNSEEN_ACTOR_ACCURACY = 0.30;

    /** The default corpus (8 actors x 60 clips), generated in memory once, with each clip's statistics. */
    private static List<RavdessFileName> clips;
    private static double[][] stats;

    @BeforeAll
    static void generateDefaultCorpus() {
        SynthSpec spec = SynthSpec.DEFAULT;
        clips = SynthCorpus.clipNames(spec);
        stats = new double[clips.size()][];
        for (int i = 0; i < clips.size(); i++) {
            RavdessFileName clip = clips.get(i);
            stats[i] = ClipStatistics.of(SynthCorpus.generate(spec, clip.actor(), clip)[0], spec.sampleRate());
        }
    }

    @Test
    void defaultCorpusHasEveryRavdessSpeechClipOfEightActors() {
        assertEquals(8 * 60, clips.size());
        assertEquals(clips.size(), new HashSet<>(clips).size(), "names are unique");
        for (int actor = 1; actor <= 8; actor++) {
            Map<Emotion, Integer> perEmotion = new EnumMap<>(Emotion.class);
            for (RavdessFileName c : SynthCorpus.clipNames(SynthSpec.DEFAULT, actor)) {
                assertEquals(actor, c.actor());
                assertEquals(c, RavdessFileName.parse(c.toRelativePath()));
                assertTrue(c.toFileName().startsWith("03-01-"), "audio-only speech: " + c);
                perEmotion.merge(c.emotion(), 1, Integer::sum);
            }
            for (Emotion e : Emotion.values()) {
                assertEquals(e == Emotion.NEUTRAL ? 4 : 8, perEmotion.get(e), e + " of actor " + actor);
            }
        }
    }

    @Test
    void subsetsCoverAllEmotionsFirstAndRespectTheEmotionFilter() {
        List<RavdessFileName> eight = SynthCorpus.clipNames(SynthSpec.DEFAULT.withClipsPerActor(8), 3);
        assertEquals(EnumSet.allOf(Emotion.class), eight.stream().map(RavdessFileName::emotion)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Emotion.class))));
        List<RavdessFileName> angrySad = SynthCorpus.clipNames(
                SynthSpec.DEFAULT.withEmotions(EnumSet.of(Emotion.ANGRY, Emotion.SAD)), 3);
        assertEquals(16, angrySad.size());
        assertTrue(angrySad.stream().allMatch(c -> c.emotion() == Emotion.ANGRY || c.emotion() == Emotion.SAD));
        assertEquals(4, SynthCorpus.clipNames(SynthSpec.DEFAULT.withEmotions(Set.of(Emotion.NEUTRAL)), 1).size());
    }

    @Test
    void writesRavdessLayoutReadableByJavaSound(@TempDir Path dir) throws Exception {
        List<Path> files = SynthCorpus.write(SMALL, dir);
        assertEquals(12, files.size());
        assertEquals(files.stream().map(f -> dir.relativize(f).toString().replace('\\', '/')).sorted().toList(),
                listWavs(dir));
        int stereo = 0;
        for (Path f : files) {
            RavdessFileName name = RavdessFileName.parse(dir.relativize(f).toString());
            assertEquals(f.getParent().getFileName().toString(), RavdessFileName.actorFolder(name.actor()));
            int channels = SynthCorpus.isStereo(SMALL, name) ? 2 : 1;
            stereo += channels - 1;
            AudioFileFormat fileFormat = AudioSystem.getAudioFileFormat(f.toFile());
            assertEquals(AudioFileFormat.Type.WAVE, fileFormat.getType());
            try (AudioInputStream in = AudioSystem.getAudioInputStream(f.toFile())) {
                AudioFormat format = in.getFormat();
                assertEquals(AudioFormat.Encoding.PCM_SIGNED, format.getEncoding());
                assertEquals(48000f, format.getSampleRate());
                assertEquals(16, format.getSampleSizeInBits());
                assertEquals(channels, format.getChannels(), f.toString());
                assertFalse(format.isBigEndian());
                assertEquals(48000, in.getFrameLength());
                assertEquals(48000L * 2 * channels, in.readAllBytes().length);
            }
        }
        assertTrue(stereo > 0 && stereo < files.size(), "both mono and stereo files, got " + stereo + " stereo");
    }

    @Test
    void defaultCorpusIsMostlyMonoWithAFewStereoFiles() {
        long stereo = clips.stream().filter(c -> SynthCorpus.isStereo(SynthSpec.DEFAULT, c)).count();
        assertTrue(stereo >= 5 && stereo <= 60, stereo + " stereo files of " + clips.size());
    }

    @Test
    void sameSeedWritesIdenticalBytesAnotherSeedDifferentOnes(@TempDir Path dir) throws IOException {
        List<Path> first = SynthCorpus.write(SMALL, dir.resolve("a"));
        List<Path> again = SynthCorpus.write(SMALL, dir.resolve("b"));
        List<Path> other = SynthCorpus.write(SMALL.withSeed(SMALL.seed() + 1), dir.resolve("c"));
        for (int i = 0; i < first.size(); i++) {
            byte[] bytes = Files.readAllBytes(first.get(i));
            assertArrayEquals(bytes, Files.readAllBytes(again.get(i)), first.get(i).toString());
            assertEquals(dir.resolve("a").relativize(first.get(i)), dir.resolve("c").relativize(other.get(i)));
            assertFalse(java.util.Arrays.equals(bytes, Files.readAllBytes(other.get(i))), other.get(i).toString());
        }
    }

    @Test
    void aClipDoesNotDependOnWhichOtherClipsAreGenerated() {
        RavdessFileName clip = RavdessFileName.audioSpeech(Emotion.FEARFUL, Intensity.STRONG, Statement.DOGS, 2, 5);
        float[][] inFullCorpus = SynthCorpus.generate(SynthSpec.DEFAULT, 5, clip);
        float[][] inSubset = SynthCorpus.generate(SynthSpec.DEFAULT.withActors(5).withClipsPerActor(1)
                .withEmotions(Set.of(Emotion.FEARFUL)), 5, clip);
        assertEquals(inFullCorpus.length, inSubset.length);
        for (int c = 0; c < inFullCorpus.length; c++) {
            assertArrayEquals(inFullCorpus[c], inSubset[c]);
        }
        assertThrows(IllegalArgumentException.class, () -> SynthCorpus.generate(SynthSpec.DEFAULT, 6, clip));
    }

    @Test
    void stereoChannelsAreSlightlyDifferentCopies() {
        SynthSpec allStereo = SMALL.withStereoFraction(1.0);
        RavdessFileName clip = RavdessFileName.audioSpeech(Emotion.HAPPY, Intensity.NORMAL, Statement.KIDS, 1, 2);
        float[][] ch = SynthCorpus.generate(allStereo, 2, clip);
        assertEquals(2, ch.length);
        assertFalse(java.util.Arrays.equals(ch[0], ch[1]));
        // Best correlation over small lags: the same sound picked up by a second microphone a few samples later.
        double best = 0;
        for (int lag = 0; lag <= 12; lag++) {
            best = Math.max(best, correlation(ch[0], ch[1], lag));
        }
        assertTrue(best > 0.9 && best < 0.99999, "best inter-channel correlation " + best);
        assertEquals(1, SynthCorpus.generate(SMALL.withStereoFraction(0), 2, clip).length);
    }

    @Test
    void clipsHaveLeadingAndTrailingSilenceAroundTheSentence() {
        SynthSpec spec = SynthSpec.DEFAULT;
        for (RavdessFileName clip : SynthCorpus.clipNames(spec.withClipsPerActor(8), 4)) {
            float[] x = SynthCorpus.generate(spec, 4, clip)[0];
            int n = x.length;
            double lead = rmsDb(x, 0, (int) (0.09 * n));
            double middle = rmsDb(x, (int) (0.3 * n), (int) (0.5 * n));
            double tail = rmsDb(x, n - (int) (0.05 * n), n);
            assertTrue(lead < -50 && tail < -50, clip + ": lead " + lead + " dB, tail " + tail + " dB");
            assertTrue(middle > lead + 20, clip + ": speech " + middle + " dB vs silence " + lead + " dB");
            float peak = 0;
            for (float v : x) {
                peak = Math.max(peak, Math.abs(v));
            }
            assertTrue(peak <= 1f && peak > 0.01f, clip + " peak " + peak);
        }
    }

    @Test
    void pitchFollowsGender() {
        for (int actor = 1; actor <= 8; actor++) {
            double f0 = Math.pow(2, mean(ClipStatistics.LOG2_F0, actor, Emotion.NEUTRAL, null));
            if (Gender.ofActor(actor) == Gender.MALE) {
                assertTrue(f0 > 85 && f0 < 150, "male actor " + actor + " neutral F0 " + f0);
            } else {
                assertTrue(f0 > 160 && f0 < 270, "female actor " + actor + " neutral F0 " + f0);
            }
        }
    }

    @Test
    void loudnessAndPitchDependOnEmotionForEveryActor() {
        for (int actor = 1; actor <= 8; actor++) {
            double angryDb = mean(ClipStatistics.RMS_DB, actor, Emotion.ANGRY, null);
            double sadDb = mean(ClipStatistics.RMS_DB, actor, Emotion.SAD, null);
            assertTrue(angryDb > sadDb + 3, "actor " + actor + ": angry " + angryDb + " dB, sad " + sadDb + " dB");
            double sadF0 = mean(ClipStatistics.LOG2_F0, actor, Emotion.SAD, null);
            for (Emotion high : List.of(Emotion.HAPPY, Emotion.SURPRISED)) {
                double f0 = mean(ClipStatistics.LOG2_F0, actor, high, null);
                // A quarter octave is three semitones.
                assertTrue(f0 > sadF0 + 0.25, "actor " + actor + ": " + high + " log2 F0 " + f0 + ", sad " + sadF0);
            }
        }
    }

    @Test
    void strongIntensityIsMoreExtreme() {
        assertTrue(mean(ClipStatistics.RMS_DB, 0, Emotion.ANGRY, Intensity.STRONG)
                > mean(ClipStatistics.RMS_DB, 0, Emotion.ANGRY, Intensity.NORMAL) + 1);
        assertTrue(mean(ClipStatistics.RMS_DB, 0, Emotion.SAD, Intensity.STRONG)
                < mean(ClipStatistics.RMS_DB, 0, Emotion.SAD, Intensity.NORMAL) - 1);
        assertTrue(mean(ClipStatistics.LOG2_F0, 0, Emotion.FEARFUL, Intensity.STRONG)
                > mean(ClipStatistics.LOG2_F0, 0, Emotion.FEARFUL, Intensity.NORMAL) + 0.1);
    }

    @Test
    void emotionIsLearnableOnUnseenActorsButNotFromOneNumber() {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            (clips.get(i).actor() <= 6 ? train : test).add(i);
        }
        int[] all = new int[ClipStatistics.COUNT];
        for (int j = 0; j < all.length; j++) {
            all[j] = j;
        }
        double accuracy = accuracy(train, test, all);
        assertTrue(accuracy >= MIN_UNSEEN_ACTOR_ACCURACY,
                "accuracy on actors 7-8 " + accuracy + ", chance " + CHANCE);
        for (int j = 0; j < ClipStatistics.COUNT; j++) {
            double single = accuracy(train, test, new int[] {j});
            assertTrue(single < accuracy, ClipStatistics.NAMES[j] + " alone reaches " + single + " >= " + accuracy);
        }
    }

    @Test
    void calmAndNeutralDifferLessThanActorsDo() {
        for (int j : new int[] {ClipStatistics.RMS_DB, ClipStatistics.LOG2_F0}) {
            double emotionGap = Math.abs(mean(j, 0, Emotion.CALM, null) - mean(j, 0, Emotion.NEUTRAL, null));
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int actor = 1; actor <= 8; actor++) {
                double m = mean(j, actor, Emotion.NEUTRAL, null);
                lo = Math.min(lo, m);
                hi = Math.max(hi, m);
            }
            assertTrue(emotionGap < (hi - lo) / 2, ClipStatistics.NAMES[j] + ": calm-neutral gap " + emotionGap
                    + ", spread of actors' neutral means " + (hi - lo));
        }
    }

    @Test
    void specRejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> SynthSpec.DEFAULT.withActors(25));
        assertThrows(IllegalArgumentException.class, () -> SynthSpec.DEFAULT.withClipsPerActor(61));
        assertThrows(IllegalArgumentException.class, () -> SynthSpec.DEFAULT.withSampleRate(8000));
        assertThrows(IllegalArgumentException.class, () -> SynthSpec.DEFAULT.withStereoFraction(1.5));
        assertThrows(IllegalArgumentException.class, () -> SynthSpec.DEFAULT.withDurationSeconds(0.1));
        assertThrows(IllegalArgumentException.class, () -> SynthSpec.DEFAULT.withEmotions(Set.of()));
        assertEquals(120_000, SynthSpec.DEFAULT.samplesPerClip());
    }

    /** Mean statistic {@code j} over the clips of one actor (0: all actors), one emotion and optionally an intensity. */
    private static double mean(int j, int actor, Emotion emotion, Intensity intensity) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < clips.size(); i++) {
            RavdessFileName c = clips.get(i);
            if ((actor == 0 || c.actor() == actor) && c.emotion() == emotion
                    && (intensity == null || c.intensity() == intensity)) {
                sum += stats[i][j];
                n++;
            }
        }
        return sum / n;
    }

    private static double accuracy(List<Integer> train, List<Integer> test, int[] features) {
        NearestCentroid model = new NearestCentroid(rows(train), labels(train), Emotion.COUNT, features);
        return model.accuracy(rows(test), labels(test));
    }

    private static double[][] rows(List<Integer> idx) {
        return idx.stream().map(i -> stats[i]).toArray(double[][]::new);
    }

    private static int[] labels(List<Integer> idx) {
        return idx.stream().mapToInt(i -> clips.get(i).emotion().labelIndex()).toArray();
    }

    private static double rmsDb(float[] x, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e += (double) x[i] * x[i];
        }
        return 10 * Math.log10(e / (to - from) + 1e-20);
    }

    private static double correlation(float[] a, float[] b, int lag) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i + lag < b.length; i++) {
            ab += (double) a[i] * b[i + lag];
            aa += (double) a[i] * a[i];
            bb += (double) b[i + lag] * b[i + lag];
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static List<String> listWavs(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
