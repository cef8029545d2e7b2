package org.serspark.train;

/** One line of the learning curve. Validation values are NaN when there are no validation actors. */
public record EpochRecord(int epoch, double trainLoss, double valLoss, double valAccuracy, double valUar,
                          double seconds) {

    /** False when there were no validation actors to score. */
    boolean validated() {
        return !Double.isNaN(valLoss);
    }

    static final String CSV_HEADER = "epoch,train_loss,val_loss,val_accuracy,val_uar,seconds";

    String csv() {
        return epoch + "," + trainLoss + "," + valLoss + "," + valAccuracy + "," + valUar + "," + seconds;
    }
}
