package org.serspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.extract.ExtractJob;
import org.serspark.extract.ExtractOptions;
import org.serspark.features.FeatureConfig;
import org.serspark.model.ClassWeights;
import org.serspark.model.LearningRateSchedule;
import org.serspark.model.ModelArchitecture;
import org.serspark.audio.Perturbation;
import org.serspark.features.Yin;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;
import org.serspark.spark.LocalSpark;
import org.serspark.synth.SynthCorpus;
import org.serspark.synth.SynthSpec;

/** {@code extract --speed} copies and {@code training.speed_perturbation} reading them, on real Spark and Parquet. */
public class SpeedPerturbationTrainingTest {

    /** Extracts {@code corpus} perturbed by {@code p} to {@code out}, on the tests' Spark. */
    public static void extract(Path corpus, Path out, Perturbation p) throws Exception {
        extract(corpus, out, FeatureConfig.librosaDefault(), p);
    }

    static void extract(Path corpus, Path out, FeatureConfig fc, Perturbation p) throws Exception {
        new ExtractJob(new ExtractOptions(corpus.toString(), out.toString(), fc,
                ExtractOptions.Mode.FAIL_IF_EXISTS, 1000, 16, 0, ExtractOptions.MAX_FILE_BYTES_DEFAULT, Map.of(),
                p), LocalSpark.get(), new PrintStream(new ByteArrayOutputStream())).run();
    }

    /**
     * A synthetic corpus of {@code actors} x 16 clips of 1 s in {@code tmp/corpus}, extracted to {@code tmp/extract}
     * with copies at {@code speeds} in its speed folders; returns the extract.
     */
    public static Path extractWithCopies(Path tmp, int actors, double... speeds) throws Exception {
        Path corpus = tmp.resolve("corpus");
        SynthCorpus.write(SynthSpec.defaults().withActors(actors).withClipsPerActor(16).withDurationSeconds(1.0),
                corpus);
        Path out = tmp.resolve("extract");
        extract(corpus, out, Perturbation.NONE);
        for (double speed : speeds) {
            extract(corpus, out.resolve(Perturbation.speed(speed).folder()), Perturbation.speed(speed));
        }
        return out;
    }

    /** Trains a paper single-layer network on {@code train}, validating on {@code validation}; the trainer's log. */
    static String train(FeatureDataset data, List<Integer> train, List<Integer> validation, TrainingConfig tc,
                        Path out) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new ParameterAveragingTrainer(LocalSpark.get(), new PrintStream(log, true, StandardCharsets.UTF_8))
                .train(TrainRequest.byActors(data, new TreeSet<>(train), new TreeSet<>(validation),
                        ModelConfig.paper(ModelArchitecture.SINGLE_LSTM, data.nFeatures(), 8), tc, out,
                        TrainRequest.Mode.FAIL_IF_EXISTS, Map.of()));
        return log.toString(StandardCharsets.UTF_8);
    }

    static TrainingConfig training(List<Double> speeds) {
        return TrainingConfig.builder().batchSize(16).epochs(1).averagingFrequency(1)
                .normalization(TrainingConfig.Normalization.SPEAKER).speedPerturbation(speeds).build();
    }

    @Test
    void slowedCopiesOfTheTrainingActorsJoinTheTrainingClipsOnly(@TempDir Path tmp) throws Exception {
        Path out = extractWithCopies(tmp, 4, 0.9);

        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), out.toString());
        FeatureDataset slow = data.atSpeed(0.9);
        assertEquals(Perturbation.NONE, data.perturbation());
        assertEquals(Perturbation.speed(0.9), slow.perturbation());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("speed-0.9/manifest.json").toFile());
        assertEquals(0.9, manifest.get("speed").asDouble());
        // the same clips, each played slower: about 1 / 0.9 as many frames
        Map<String, Integer> frames = new java.util.TreeMap<>();
        for (Row r : data.rows().select("path", "n_frames").collectAsList()) {
            frames.put(r.getString(0), r.getInt(1));
        }
        List<Row> slowRows = slow.rows().select("path", "n_frames").collectAsList();
        assertEquals(frames.size(), slowRows.size());
        for (Row r : slowRows) {
            int n = frames.get(r.getString(0));
            assertEquals(n / 0.9, r.getInt(1), 1.5, r.getString(0) + ": " + n + " frames as recorded");
        }

        ModelConfig mc = ModelConfig.paper(ModelArchitecture.SINGLE_LSTM, 182, 8);
        String text = train(data, List.of(1, 2, 3), List.of(4), training(List.of(0.9)), tmp.resolve("run"));
        // 3 actors x 16 clips as recorded and again slowed; the validation actor's 16 clips as recorded only
        assertTrue(text.contains("96 training clips (actors [1, 2, 3]; as recorded and played at speeds [0.9]), "
                + "16 validation clips"), text);
        JsonNode train = new ObjectMapper().readTree(tmp.resolve("run/train.json").toFile());
        assertTrue(train.toString().contains("\"speed_perturbation\":[0.9]"), train.toString());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new ParameterAveragingTrainer(LocalSpark.get(), new PrintStream(new ByteArrayOutputStream()))
                        .train(TrainRequest.byActors(data, new TreeSet<>(List.of(1, 2, 3)), new TreeSet<>(), mc,
                                training(List.of(0.9, 1.1)), tmp.resolve("run2"), TrainRequest.Mode.FAIL_IF_EXISTS,
                                Map.of())));
        assertTrue(missing.getMessage().contains("serspark extract --input CORPUS --output "
                + data.root() + "/speed-1.1 --speed 1.1"), missing.getMessage());
    }

    /**
     * Three synthetic actors extracted with copies at 0.9 and 1.1, and actors 1 and 2's training clips tagged by
     * version (0: as recorded), cached in two partitions, with each clip's frame count as recorded (a slowed copy has
     * more, a quickened one fewer).
     */
    record Versions(FeatureDataset data, TrainingConfig training,
                    org.apache.spark.api.java.JavaPairRDD<Integer, Clip> tagged,
                    Map<String, Integer> framesAsRecorded) {
        static Versions ofActorsOneAndTwo(Path tmp) throws Exception {
            Path out = extractWithCopies(tmp, 3, 0.9, 1.1);
            FeatureDataset data = FeatureDataset.open(LocalSpark.get(), out.toString());
            TrainingConfig tc = SpeedPerturbationTrainingTest.training(List.of(0.9, 1.1));
            org.apache.spark.api.java.JavaPairRDD<Integer, Clip> tagged = ParameterAveragingTrainer
                    .versions(data, ClipSelection.actors(new TreeSet<>(List.of(1, 2))), tc).repartition(2).cache();
            Map<String, Integer> frames = new java.util.HashMap<>();
            for (Clip c : tagged.filter(t -> t._1() == 0).values().collect()) {
                frames.put(c.path(), c.frames().length);
            }
            return new Versions(data, tc, tagged, frames);
        }
    }

    @Test
    void speedCopiesOneReadsEachClipOnceAnEpochAtADrawnSpeed(@TempDir Path tmp) throws Exception {
        Versions v = Versions.ofActorsOneAndTwo(tmp);
        // the tags follow the speeds: 1 slowed (more frames), 2 quickened (fewer)
        for (scala.Tuple2<Integer, Clip> t : v.tagged().filter(t -> t._1() > 0).collect()) {
            int n = v.framesAsRecorded().get(t._2().path());
            assertTrue(t._1() == 1 ? t._2().frames().length > n : t._2().frames().length < n, t._2().path());
        }
        int slowed = 0;
        int quickened = 0;
        for (int epoch = 1; epoch <= 3; epoch++) {
            List<Clip> clips = ParameterAveragingTrainer.oneVersionEach(v.tagged(), epoch, 42, 3).collect();
            assertEquals(32, clips.size(), "epoch " + epoch + ": one version of each of the 32 clips");
            assertEquals(v.framesAsRecorded().keySet(),
                    new java.util.HashSet<>(clips.stream().map(Clip::path).toList()));
            for (Clip c : clips) {
                int n = v.framesAsRecorded().get(c.path());
                slowed += c.frames().length > n ? 1 : 0;
                quickened += c.frames().length < n ? 1 : 0;
            }
        }
        // 96 draws, a third each: the copies (longer when slowed, shorter when quickened) are read too
        assertTrue(slowed > 15 && quickened > 15, slowed + " slowed, " + quickened + " quickened of 96");
        assertEquals(2, ParameterAveragingTrainer.oneVersionEach(v.tagged(), 1, 42, 3).getNumPartitions());

        TrainingConfig one = TrainingConfig.builder().batchSize(16).epochs(2).averagingFrequency(1)
                .normalization(TrainingConfig.Normalization.SPEAKER).speedPerturbation(List.of(0.9, 1.1))
                .speedCopies(org.serspark.model.SpeedCopies.ONE).mixup(0.4).build();
        String text = train(v.data(), List.of(1, 2), List.of(3), one, tmp.resolve("run"));
        assertTrue(text.contains("96 training clips (actors [1, 2]; as recorded and played at speeds [0.9, 1.1], one "
                + "version per clip and epoch; mixup, alpha 0.4)"), text);
        JsonNode train = new ObjectMapper().readTree(tmp.resolve("run/train.json").toFile());
        assertTrue(train.toString().contains("\"speed_copies\":\"one\""), train.toString());
        // mixup travels to the Spark workers with the minibatch code (MixupTest, TrainerMinibatchesTest: what it does)
        assertTrue(train.toString().contains("\"mixup\":0.4"), train.toString());
    }

    @Test
    void copiesPerEpochReadsEveryRecordingAndDrawnCopies(@TempDir Path tmp) throws Exception {
        Versions v = Versions.ofActorsOneAndTwo(tmp);
        int slowed = 0;
        int quickened = 0;
        for (int epoch = 1; epoch <= 3; epoch++) {
            List<Clip> clips = ParameterAveragingTrainer.recordingAndDrawnCopies(v.tagged(), epoch, 42, 2, 1).collect();
            assertEquals(64, clips.size(), "epoch " + epoch + ": the 32 recordings and one copy of each");
            Map<String, Integer> versions = new java.util.HashMap<>();
            int recorded = 0;
            for (Clip c : clips) {
                versions.merge(c.path(), 1, Integer::sum);
                int n = v.framesAsRecorded().get(c.path());
                recorded += c.frames().length == n ? 1 : 0;
                slowed += c.frames().length > n ? 1 : 0;
                quickened += c.frames().length < n ? 1 : 0;
            }
            assertEquals(32, recorded, "epoch " + epoch);
            assertEquals(java.util.Set.of(2), new java.util.HashSet<>(versions.values()), "epoch " + epoch);
        }
        // 96 drawn copies, half slowed, half quickened
        assertEquals(96, slowed + quickened);
        assertTrue(slowed > 30 && quickened > 30, slowed + " slowed, " + quickened + " quickened of 96");
        assertEquals(2, ParameterAveragingTrainer.recordingAndDrawnCopies(v.tagged(), 1, 42, 2, 1).getNumPartitions());

        TrainingConfig drawn = v.training().toBuilder().epochs(2).copiesPerEpoch(1).build();
        String text = train(v.data(), List.of(1, 2), List.of(3), drawn, tmp.resolve("run"));
        assertTrue(text.contains("96 training clips (actors [1, 2]; as recorded and played at speeds [0.9, 1.1], the "
                + "recording and 1 of its 2 copies per clip and epoch)"), text);
        JsonNode train = new ObjectMapper().readTree(tmp.resolve("run/train.json").toFile());
        assertTrue(train.toString().contains("\"copies_per_epoch\":1"), train.toString());
    }

    /** Per clip, each frame's log2 f0 where YIN calls it voiced ({@code features.pitch}: columns 182 and 183). */
    static Map<String, double[]> voicedLog2F0(FeatureDataset d) {
        Map<String, double[]> out = new java.util.TreeMap<>();
        for (Row r : d.rows().select("path", "features").collectAsList()) {
            List<Object> frames = r.getList(1);
            double[] f0 = new double[frames.size()];
            for (int t = 0; t < f0.length; t++) {
                @SuppressWarnings("unchecked")
                scala.collection.Seq<Float> frame = (scala.collection.Seq<Float>) frames.get(t);
                f0[t] = frame.apply(183) < Yin.VOICED_BELOW ? frame.apply(182) : Double.NaN;
            }
            out.put(r.getString(0), f0);
        }
        return out;
    }

    @Test
    void pitchShiftedCopiesKeepTheFramesRaiseTheSpectrumAndTrainAfterTheSpeedCopies(@TempDir Path tmp)
            throws Exception {
        Path corpus = tmp.resolve("corpus");
        SynthCorpus.write(SynthSpec.defaults().withActors(3).withClipsPerActor(16).withDurationSeconds(1.0), corpus);
        FeatureConfig fc = FeatureConfig.librosaDefault().withPitch(Yin.SPEECH_DEFAULT);
        Path out = tmp.resolve("extract");
        for (Perturbation p : List.of(Perturbation.NONE, Perturbation.speed(0.9), Perturbation.pitch(1.1))) {
            extract(corpus, p.none() ? out : out.resolve(p.folder()), fc, p);
        }
        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), out.toString());
        FeatureDataset higher = data.copy(Perturbation.pitch(1.1));
        assertEquals(1.1, new ObjectMapper().readTree(out.resolve("pitch-1.1/manifest.json").toFile())
                .get("pitch").asDouble());

        Map<String, Integer> frames = new java.util.TreeMap<>();
        for (Row r : data.rows().select("path", "n_frames").collectAsList()) {
            frames.put(r.getString(0), r.getInt(1));
        }
        for (Row r : higher.rows().select("path", "n_frames").collectAsList()) {
            assertEquals(frames.get(r.getString(0)), r.getInt(1), r.getString(0) + ": the duration is kept");
        }
        // frame by frame (the same frames: the duration is kept), the voice is log2(1.1) = 0.1375 octaves higher
        List<Double> raised = new java.util.ArrayList<>();
        Map<String, double[]> before = voicedLog2F0(data);
        Map<String, double[]> after = voicedLog2F0(higher);
        for (String clip : before.keySet()) {
            for (int t = 0; t < before.get(clip).length; t++) {
                double d = after.get(clip)[t] - before.get(clip)[t];
                if (!Double.isNaN(d)) {
                    raised.add(d);
                }
            }
        }
        java.util.Collections.sort(raised);
        assertTrue(raised.size() > 1000, raised.size() + " frames voiced in both");
        assertEquals(Math.log(1.1) / Math.log(2), raised.get(raised.size() / 2), 0.02, "median octaves raised");

        TrainingConfig both = training(List.of(0.9)).toBuilder().pitchPerturbation(List.of(1.1)).build();
        assertEquals(List.of(Perturbation.speed(0.9), Perturbation.pitch(1.1)), both.copies());
        org.apache.spark.api.java.JavaPairRDD<Integer, Clip> tagged = ParameterAveragingTrainer
                .versions(data, ClipSelection.actors(new TreeSet<>(List.of(1, 2))), both);
        Map<Integer, Long> byTag = new java.util.TreeMap<>(tagged.countByKey());
        assertEquals(Map.of(0, 32L, 1, 32L, 2, 32L), byTag);
        for (scala.Tuple2<Integer, Clip> t : tagged.filter(t -> t._1() > 0).collect()) {
            int n = frames.get(t._2().path());
            // tag 1 the slowed copy (more frames), tag 2 the pitch-shifted one (as many)
            assertTrue(t._1() == 1 ? t._2().frames().length > n : t._2().frames().length == n, t._2().path());
        }

        String text = train(data, List.of(1, 2), List.of(3), both, tmp.resolve("run"));
        assertTrue(text.contains("96 training clips (actors [1, 2]; as recorded and played at speeds [0.9] and with "
                + "pitch made [1.1] times as high)"), text);
        assertTrue(new ObjectMapper().readTree(tmp.resolve("run/train.json").toFile()).toString()
                .contains("\"pitch_perturbation\":[1.1]"));

        // a folder holding another copy than its name says is refused, naming the command that makes the right one
        extract(corpus, out.resolve("pitch-0.9"), fc, Perturbation.speed(0.9));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> data.copy(Perturbation.pitch(0.9)));
        assertTrue(wrong.getMessage().contains("holds clips at speed 0.9, not pitch 0.9: make it again with "
                + "serspark extract --input CORPUS --output " + data.root() + "/pitch-0.9 --pitch 0.9 --overwrite"),
                wrong.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> data.copy(Perturbation.pitch(1.2)));
        assertTrue(missing.getMessage().startsWith("no copy of the corpus at pitch 1.2: "), missing.getMessage());
    }

    /** {@code serspark extract ARGS}: the exit code and what it printed on stderr. */
    static Map.Entry<Integer, String> extractCli(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "extract";
            System.arraycopy(args, 0, all, 1, args.length);
            return Map.entry(org.serspark.cli.Main.execute(all), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void extractRefusesAFactorItCannotPlayBeforeReadingAnything(@TempDir Path tmp) throws Exception {
        String out = tmp.resolve("out").toString();
        Map.Entry<Integer, String> speed = extractCli("--input", tmp.toString(), "--output", out, "--speed", "0.955");
        assertEquals(2, speed.getKey());
        assertTrue(speed.getValue().contains(
                "serspark extract: --speed: speed may have at most two decimals (e.g. 0.9, 1.05), got 0.955"),
                speed.getValue());
        Map.Entry<Integer, String> pitch = extractCli("--input", tmp.toString(), "--output", out, "--pitch", "3");
        assertEquals(2, pitch.getKey());
        assertTrue(pitch.getValue().contains("serspark extract: --pitch: pitch must be between 0.5 and 2.0, got 3.0"),
                pitch.getValue());
        assertTrue(!java.nio.file.Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void oneIsNotACopyAndFactorsAreChecked() {
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> training(List.of(1.0)));
        assertTrue(one.getMessage().contains("1 is not one of them"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> training(List.of(0.9, 0.9)));
        assertThrows(IllegalArgumentException.class, () -> training(List.of(0.125)));
        assertEquals(List.of(), training(List.of()).toMap().get("speed_perturbation"));
        IllegalArgumentException pitch = assertThrows(IllegalArgumentException.class,
                () -> training(List.of()).toBuilder().pitchPerturbation(List.of(1.0)).build());
        assertTrue(pitch.getMessage().startsWith("pitch_perturbation lists the pitch-shifted copies"),
                pitch.getMessage());
        pitch = assertThrows(IllegalArgumentException.class,
                () -> training(List.of()).toBuilder().pitchPerturbation(List.of(1.234)).build());
        assertTrue(pitch.getMessage().startsWith("pitch_perturbation: pitch may have at most two decimals"),
                pitch.getMessage());
    }
}
