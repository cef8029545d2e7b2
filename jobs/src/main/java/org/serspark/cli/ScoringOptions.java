package org.serspark.cli;

import java.util.ArrayList;
import java.util.List;
import org.serspark.conf.SersparkConf;
import picocli.CommandLine.Option;

/**
 * How cv and predict score a clip: also played at other speeds, also with each network's last epoch or every epoch
 * after the kept one, and how its emotion is read from the probabilities.
 */
public final class ScoringOptions {
    @Option(names = "--test-speeds", paramLabel = "SPEED", split = ",",
            description = "Also score every clip played at these speeds, e.g. 0.9,1.1 (cv reads the extract --speed "
                    + "copies, predict plays the files itself), probabilities averaged (conf training.test_speeds); "
                    + "none: the recordings only.")
    List<String> testSpeeds;

    @Option(names = "--with-last-epoch", negatable = true,
            description = "Also score with each network's last epoch (checkpoints/last.zip beside its model.zip, "
                    + "where early stopping stopped), probabilities averaged with the kept epoch's (conf "
                    + "training.with_last_epoch).")
    Boolean withLastEpoch;

    @Option(names = "--with-later-epochs", negatable = true,
            description = "Also score with the network of every epoch after the kept one up to the last "
                    + "(checkpoints/epoch-N.zip beside its model.zip), probabilities averaged with the kept epoch's "
                    + "(conf training.with_later_epochs; includes the last epoch, so not with --with-last-epoch).")
    Boolean withLaterEpochs;

    @Option(names = "--later-epochs-mean", paramLabel = "probabilities|parameters",
            description = "With --with-later-epochs: average the networks' class probabilities (each network scores), "
                    + "or their parameters (one network scores; conf training.later_epochs_mean).")
    String laterEpochsMean;

    @Option(names = "--decision", paramLabel = "argmax|balanced",
            description = "How a clip's emotion is read from the probabilities: the most probable (argmax), or after "
                    + "dividing each by its emotion's share of the training clips (balanced: the guess that "
                    + "maximises UAR; conf training.decision, docs/cv.md).")
    String decision;

    /** {@code conf} with the flags given laid over it. */
    SersparkConf over(SersparkConf conf) {
        return conf.with("training.test_speeds", testSpeeds(testSpeeds))
                .with("training.with_last_epoch", withLastEpoch)
                .with("training.with_later_epochs", withLaterEpochs)
                .with("training.later_epochs_mean", laterEpochsMean)
                .with("training.decision", decision);
    }

    /**
     * A {@code --test-speeds} value: factors such as {@code 0.9,1.1}, or {@code none}, so that a flag can also switch
     * off what a profile sets (profile {@code best} scores played test copies). Null when the flag was not given (the
     * configuration decides), empty for {@code none}.
     */
    static List<Double> testSpeeds(List<String> values) {
        if (values == null) {
            return null;
        }
        if (values.size() == 1 && values.get(0).trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Double> out = new ArrayList<>();
        for (String v : values) {
            try {
                out.add(Double.parseDouble(v.trim()));
            } catch (NumberFormatException e) {
                throw new UserException("--test-speeds: '" + v + "' is not a number; give factors such as 0.9,1.1, "
                        + "or none");
            }
        }
        return out;
    }
}
