package org.serspark.cv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.serspark.model.ModelBundle;
import org.serspark.model.ParameterMean;
import org.serspark.train.ParameterAveragingTrainer;

/**
 * Whether and how a network scores with the networks of the epochs after its kept one ({@code
 * training.with_later_epochs}, {@code training.later_epochs_mean}): not at all, each scoring and the class
 * probabilities averaged, or one network with their parameters averaged ({@link ParameterMean}).
 */
public enum LaterEpochs {
    NONE, PROBABILITIES, PARAMETERS;

    /** From the two settings; {@code mean} is {@code probabilities} or {@code parameters}. */
    public static LaterEpochs of(boolean withLaterEpochs, String mean) {
        LaterEpochs m = switch (mean.trim().toLowerCase(Locale.ROOT)) {
            case "probabilities" -> PROBABILITIES;
            case "parameters" -> PARAMETERS;
            default -> throw new IllegalArgumentException("training.later_epochs_mean must be probabilities or "
                    + "parameters, got '" + mean + "'");
        };
        return withLaterEpochs ? m : NONE;
    }

    /** Refuses {@code training.with_last_epoch} beside later epochs, which include the last one. */
    public void checkBeside(boolean withLastEpoch) {
        if (this != NONE && withLastEpoch) {
            throw new IllegalArgumentException("training.with_later_epochs already scores the last epoch's network: "
                    + "set training.with_last_epoch false (or use it alone for the kept and the last epochs only)");
        }
    }

    /**
     * The networks a trained network scores with: {@code kept} (its bundle, {@code model.zip} of a training folder),
     * {@code extra} (the last epoch's, or none), and the later epochs' from the folder {@code kept} is in, as this
     * asks: each on its own, or for {@code PARAMETERS} one network of the kept and later ones' mean. The caller loads
     * them one at a time.
     */
    public List<BundleSource> sources(Path kept, List<Path> extra) throws IOException {
        List<Path> later = this == NONE ? List.of()
                : ParameterAveragingTrainer.laterNetworks(kept.toAbsolutePath().getParent());
        List<BundleSource> out = new ArrayList<>();
        if (this == PARAMETERS) {
            List<Path> all = new ArrayList<>(List.of(kept));
            all.addAll(later);
            out.add(new BundleSource(all));
        } else {
            out.add(new BundleSource(List.of(kept)));
        }
        extra.forEach(p -> out.add(new BundleSource(List.of(p))));
        if (this == PROBABILITIES) {
            later.forEach(p -> out.add(new BundleSource(List.of(p))));
        }
        return out;
    }

    /** One network to score with: a bundle file, or several whose parameters are averaged. */
    public record BundleSource(List<Path> files) {
        public ModelBundle load() throws IOException {
            return files.size() == 1 ? ModelBundle.load(files.get(0)) : ParameterMean.of(files);
        }

        /** The file, or "the mean of N networks' parameters (model.zip, epoch-12.zip ... epoch-19.zip)". */
        public String describe() {
            return files.size() == 1 ? files.get(0).toString() : "the mean of " + files.size()
                    + " networks' parameters (" + files.get(0) + ", " + files.get(1).getFileName() + " to "
                    + files.get(files.size() - 1).getFileName() + ")";
        }
    }
}
