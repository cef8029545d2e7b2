package org.serspark.bench;

/**
 * One benchmarked epoch.
 *
 * @param seconds     wall time of the epoch: fitting plus scoring the validation actors (what the Spark
 *                    trainer's learning curve records as an epoch)
 * @param fitSeconds  wall time of the fitting alone; NaN where the trainer does not separate it
 * @param trainLoss   mean minibatch loss (Spark: the score DL4J reports after the last averaging)
 */
public record EpochTiming(int epoch, double seconds, double fitSeconds, double trainLoss, double valLoss,
                          double valAccuracy, double valUar) {
}
