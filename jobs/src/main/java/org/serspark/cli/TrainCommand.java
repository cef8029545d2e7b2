package org.serspark.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.serspark.conf.SersparkConf;
import org.serspark.folds.ValidationActors;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;
import org.serspark.spark.SparkSessions;
import org.serspark.train.FeatureDataset;
import org.serspark.train.ParameterAveragingTrainer;
import org.serspark.train.TrainRequest;
import org.serspark.train.TrainResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the dual-layer LSTM (or the single-layer baseline) on extracted features with "
                + "DL4J-on-Spark parameter averaging; writes DIR/model.zip, the learning curve and checkpoints.")
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    ConfOptions confOptions;

    @Option(names = "--features", required = true, paramLabel = "URI", description = "An extract --output folder.")
    String features;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Run folder for the model.")
    Path output;

    @Option(names = "--model", paramLabel = "NAME", description = "dual-lstm or single-lstm (conf model.architecture).")
    String model;

    @Option(names = "--train-actors", paramLabel = "LIST",
            description = "Training actors, e.g. 1-20 (default: every actor not used for validation).")
    String trainActors;

    @Option(names = "--val-actors", paramLabel = "LIST",
            description = "Validation actors for the learning curve and early stopping (default: "
                    + "training.validation_actors of the training actors, one per gender; 'none' for none).")
    String valActors;

    @Option(names = "--epochs", paramLabel = "N", description = "Override training.epochs.")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed for weights, data order and the draw of validation actors (conf training.seed); "
                    + "networks of other seeds make an ensemble for predict.")
    Integer seed;

    @ArgGroup(exclusive = true)
    Existing existing;

    static final class Existing {
        @Option(names = "--overwrite", description = "Replace an existing run in --output.")
        boolean overwrite;

        @Option(names = "--resume", description = "Continue an interrupted run from its last checkpoint.")
        boolean resume;
    }

    @Override
    public Integer call() throws Exception {
        SersparkConf conf = confOptions.load().with("training.epochs", epochs).with("training.seed", seed);
        SparkSession spark = SparkSessions.getOrCreate("serspark train", conf);
        FeatureDataset opened = FeatureDataset.open(spark, features);
        FeatureDataset data = opened.select(ModelConfigs.featureBlocks(conf, opened.config()));
        ModelArchitecture arch = ModelConfigs.architecture(conf, model);
        ModelConfig mc = ModelConfigs.model(conf, arch, data.nFeatures());
        TrainingConfig tc = ModelConfigs.training(conf);
        if (conf.has("training.ensemble") && conf.integer("training.ensemble") > 1) {
            System.err.printf(java.util.Locale.ROOT, "train: training.ensemble %d applies to cv (docs/cv.md); this "
                    + "command fits one network, seed %d (training.seed): train the others with --seed and give "
                    + "predict each with --model%n", conf.integer("training.ensemble"),
                    tc.seed());
        }
        if (!ModelConfigs.speeds(conf, "training.test_speeds").isEmpty()) {
            System.err.println("train: training.test_speeds applies to cv and predict (docs/cv.md); validation here "
                    + "scores the recordings");
        }
        if (ModelConfigs.withLastEpoch(conf)) {
            System.err.println("train: training.with_last_epoch applies to cv and predict (docs/cv.md): model.zip is "
                    + "the kept epoch's network, checkpoints/last.zip the last epoch's, and predict averages both");
        }
        if (ModelConfigs.laterEpochs(conf) != org.serspark.cv.LaterEpochs.NONE) {
            System.err.println("train: training.with_later_epochs applies to cv and predict (docs/cv.md): model.zip is "
                    + "the kept epoch's network, checkpoints/epoch-N.zip those of the epochs after it, and predict "
                    + "averages them all");
        }

        SortedSet<Integer> train = trainActors == null ? new TreeSet<>(data.actors())
                : Actors.parse(trainActors, "--train-actors");
        SortedSet<Integer> val;
        if ("none".equalsIgnoreCase(valActors)) {
            val = new TreeSet<>();
        } else if (valActors != null) {
            val = Actors.parse(valActors, "--val-actors");
            train.removeAll(val);
        } else {
            val = ValidationActors.pick(train, conf.integer("training.validation_actors"), tc.seed());
            train.removeAll(val);
        }
        for (SortedSet<Integer> s : java.util.List.of(train, val)) {
            for (int a : s) {
                if (!data.actors().contains(a)) {
                    throw new UserException("actor " + a + " has no clips in " + data.root());
                }
            }
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("label", arch.id());
        provenance.put("configuration", conf.toSortedMap());
        TrainRequest.Mode mode = existing == null ? TrainRequest.Mode.FAIL_IF_EXISTS
                : existing.overwrite ? TrainRequest.Mode.OVERWRITE : TrainRequest.Mode.RESUME;
        TrainResult r;
        try {
            r = new ParameterAveragingTrainer(spark, System.err).train(TrainRequest.byActors(data, train, val, mc, tc,
                    output, mode, provenance));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        System.out.println("model: " + r.bundle());
        return 0;
    }
}
