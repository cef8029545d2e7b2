package org.serspark.train;

import java.nio.file.Path;
import java.util.List;

/**
 * @param bundle       the model kept: the best validation epoch with early stopping, else the last
 * @param bestEpoch    the epoch whose parameters the bundle holds
 * @param stoppedEarly true when early stopping ended training before the last epoch
 * @param resumedFrom  the last finished epoch of an interrupted run this one continued (0 = fresh)
 */
public record TrainResult(Path bundle, List<EpochRecord> curve, int bestEpoch, boolean stoppedEarly,
                          int resumedFrom, double seconds) {

    public EpochRecord best() {
        return curve.get(bestEpoch - 1);
    }
}
