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
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;
import org.serspark.spark.LocalSpark;
import org.serspark.synth.SynthCorpus;
import org.serspark.synth.SynthSpec;

/** {@code extract --speed} copies and {@code training.speed_perturbation} reading them, on real Spark and Parquet. */
public class SpeedPerturbationTrainingTest {

    /** Extracts {@code corpus} played {@code speed} times as fast to {@code out}, on the tests' Spark. */
    static void extract(Path corpus, Path out, double speed) throws Exception {
        new ExtractJob(new ExtractOptions(corpus.toString(), out.toString(), FeatureConfig.librosaDefault(),
                ExtractOptions.Mode.FAIL_IF_EXISTS, 1000, 16, 0, ExtractOptions.MAX_FILE_BYTES_DEFAULT, Map.of(),
                speed), LocalSpark.get(), new PrintStream(new ByteArrayOutputStream())).run();
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
        extract(corpus, out, 1.0);
        for (double speed : speeds) {
            extract(corpus, out.resolve(FeatureDataset.speedFolder(speed)), speed);
        }
        return out;
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
        assertEquals(1.0, data.speed());
        assertEquals(0.9, slow.speed());
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

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ModelConfig mc = ModelConfig.paper(ModelArchitecture.SINGLE_LSTM, 182, 8);
        new ParameterAveragingTrainer(LocalSpark.get(), new PrintStream(log, true, StandardCharsets.UTF_8))
                .train(TrainRequest.byActors(data, new TreeSet<>(List.of(1, 2, 3)), new TreeSet<>(List.of(4)), mc,
                        training(List.of(0.9)), tmp.resolve("run"), TrainRequest.Mode.FAIL_IF_EXISTS, Map.of()));
        String text = log.toString(StandardCharsets.UTF_8);
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

    @Test
    void speedCopiesOneReadsEachClipOnceAnEpochAtADrawnSpeed(@TempDir Path tmp) throws Exception {
        Path out = extractWithCopies(tmp, 3, 0.9, 1.1);
        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), out.toString());
        TrainingConfig tc = training(List.of(0.9, 1.1));
        ClipSelection actors = ClipSelection.actors(new TreeSet<>(List.of(1, 2)));
        org.apache.spark.api.java.JavaPairRDD<Integer, Clip> tagged = ParameterAveragingTrainer
                .versions(data, actors, tc).repartition(2).cache();
        Map<String, Integer> framesAsRecorded = new java.util.HashMap<>();
        for (Clip c : tagged.filter(t -> t._1() == 0).values().collect()) {
            framesAsRecorded.put(c.path(), c.frames().length);
        }
        // the tags follow the speeds: 1 slowed (more frames), 2 quickened (fewer)
        for (scala.Tuple2<Integer, Clip> t : tagged.filter(t -> t._1() > 0).collect()) {
            int n = framesAsRecorded.get(t._2().path());
            assertTrue(t._1() == 1 ? t._2().frames().length > n : t._2().frames().length < n, t._2().path());
        }
        int slowed = 0;
        int quickened = 0;
        for (int epoch = 1; epoch <= 3; epoch++) {
            List<Clip> clips = ParameterAveragingTrainer.oneVersionEach(tagged, epoch, 42, 3).collect();
            assertEquals(32, clips.size(), "epoch " + epoch + ": one version of each of the 32 clips");
            assertEquals(framesAsRecorded.keySet(), new java.util.HashSet<>(clips.stream().map(Clip::path).toList()));
            for (Clip c : clips) {
                int n = framesAsRecorded.get(c.path());
                slowed += c.frames().length > n ? 1 : 0;
                quickened += c.frames().length < n ? 1 : 0;
            }
        }
        // 96 draws, a third each: the copies (longer when slowed, shorter when quickened) are read too
        assertTrue(slowed > 15 && quickened > 15, slowed + " slowed, " + quickened + " quickened of 96");
        assertEquals(2, ParameterAveragingTrainer.oneVersionEach(tagged, 1, 42, 3).getNumPartitions());

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingConfig one = TrainingConfig.builder().batchSize(16).epochs(2).averagingFrequency(1)
                .normalization(TrainingConfig.Normalization.SPEAKER).speedPerturbation(List.of(0.9, 1.1))
                .speedCopies(org.serspark.model.SpeedCopies.ONE).mixup(0.4).build();
        new ParameterAveragingTrainer(LocalSpark.get(), new PrintStream(log, true, StandardCharsets.UTF_8))
                .train(TrainRequest.byActors(data, new TreeSet<>(List.of(1, 2)), new TreeSet<>(List.of(3)),
                        ModelConfig.paper(ModelArchitecture.SINGLE_LSTM, 182, 8), one, tmp.resolve("run"),
                        TrainRequest.Mode.FAIL_IF_EXISTS, Map.of()));
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("96 training clips (actors [1, 2]; as recorded and played at speeds [0.9, 1.1], one "
                + "version per clip and epoch; mixup, alpha 0.4)"), text);
        JsonNode train = new ObjectMapper().readTree(tmp.resolve("run/train.json").toFile());
        assertTrue(train.toString().contains("\"speed_copies\":\"one\""), train.toString());
        // mixup travels to the Spark workers with the minibatch code (MixupTest, TrainerMinibatchesTest: what it does)
        assertTrue(train.toString().contains("\"mixup\":0.4"), train.toString());
    }

    @Test
    void extractRefusesASpeedItCannotPlayBeforeReadingAnything(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = org.serspark.cli.Main.execute("extract", "--input", tmp.toString(), "--output",
                    tmp.resolve("out").toString(), "--speed", "0.955");
        } finally {
            System.setErr(saved);
        }
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(
                "serspark extract: --speed: speed may have at most two decimals (e.g. 0.9, 1.05), got 0.955"),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(!java.nio.file.Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void oneIsNotACopyAndFactorsAreChecked() {
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> training(List.of(1.0)));
        assertTrue(one.getMessage().contains("1 is not one of them"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> training(List.of(0.9, 0.9)));
        assertThrows(IllegalArgumentException.class, () -> training(List.of(0.125)));
        assertEquals(List.of(), training(List.of()).toMap().get("speed_perturbation"));
    }
}
