package org.serspark.cli;

import java.util.List;
import org.serspark.conf.SersparkConf;
import picocli.CommandLine.Option;

/** How cv and predict score a clip: also played at other speeds, and also with each network's last epoch. */
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

    /** {@code conf} with the flags given laid over it. */
    SersparkConf over(SersparkConf conf) {
        return conf.with("training.test_speeds", SpeedsFlag.parse("--test-speeds", testSpeeds))
                .with("training.with_last_epoch", withLastEpoch);
    }
}
