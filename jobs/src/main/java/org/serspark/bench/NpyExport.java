package org.serspark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.serspark.model.FeatureNormalizer;
import org.serspark.train.Clip;

/**
 * Writes clips as the PyTorch peer benchmark reads them: {@code NAME_x.npy} float32 {@code [n, T, features]},
 * normalised and zero-padded after each clip's end exactly as the DL4J minibatches are, {@code NAME_len.npy}
 * int32 real frames per clip, {@code NAME_y.npy} int32 label index 0..7. T is the longest clip of the set.
 */
public final class NpyExport {
    private NpyExport() {
    }

    /** @param maxFrames clips longer than this keep their first frames, as in training (0 = no limit) */
    public static void write(Path dir, String name, List<Clip> clips, FeatureNormalizer norm, int maxFrames)
            throws IOException {
        Files.createDirectories(dir);
        int n = clips.size();
        int nFeatures = norm.nFeatures();
        int[] lengths = new int[n];
        int[] labels = new int[n];
        int t = 0;
        for (int i = 0; i < n; i++) {
            Clip c = clips.get(i);
            lengths[i] = maxFrames > 0 ? Math.min(maxFrames, c.frames().length) : c.frames().length;
            labels[i] = c.label();
            t = Math.max(t, lengths[i]);
        }
        try (NpyWriter w = NpyWriter.float32(dir.resolve(name + "_x.npy"), n, t, nFeatures)) {
            for (int i = 0; i < n; i++) {
                float[][] frames = clips.get(i).frames();
                for (int f = 0; f < lengths[i]; f++) {
                    if (frames[f].length != nFeatures) {
                        throw new IllegalArgumentException(clips.get(i).path() + " frame " + f + " has "
                                + frames[f].length + " features, expected " + nFeatures);
                    }
                    for (int k = 0; k < nFeatures; k++) {
                        w.writeFloat(norm.apply(k, frames[f][k]));
                    }
                }
                w.writeZeros((long) (t - lengths[i]) * nFeatures);
            }
        }
        NpyWriter.writeInt32(dir.resolve(name + "_len.npy"), lengths);
        NpyWriter.writeInt32(dir.resolve(name + "_y.npy"), labels);
    }
}
