package org.serspark.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.serspark.audio.WavWriter;
import org.serspark.ravdess.Emotion;
import org.serspark.ravdess.Intensity;
import org.serspark.ravdess.RavdessFileName;
import org.serspark.ravdess.Statement;

/** Small RAVDESS-named corpora of tones written by the tests themselves (48 kHz, a stereo file among them). */
final class TestCorpus {
    private TestCorpus() {
    }

    /** {@code actors} x {@code perActor} clips of 0.4 s; returns the relative paths. */
    static List<String> writeTones(Path root, int actors, int perActor) throws IOException {
        List<String> paths = new ArrayList<>();
        int sr = 48_000;
        for (int a = 1; a <= actors; a++) {
            for (int i = 0; i < perActor; i++) {
                Emotion e = Emotion.values()[(a + i) % Emotion.COUNT];
                Intensity in = e == Emotion.NEUTRAL ? Intensity.NORMAL : Intensity.values()[i % 2];
                RavdessFileName n = RavdessFileName.audioSpeech(e, in, Statement.values()[(i / 2) % 2],
                        1 + (i / 4) % 2, a);
                float[] y = new float[sr * 4 / 10];
                double f0 = 120 + 40 * e.labelIndex() + 7 * a;
                for (int t = 0; t < y.length; t++) {
                    y[t] = (float) (0.3 * Math.sin(2 * Math.PI * f0 * t / sr) + 0.1 * Math.sin(2 * Math.PI * 3 * f0 * t / sr));
                }
                Path file = root.resolve(n.toRelativePath());
                Files.createDirectories(file.getParent());
                if (a == 1 && i == 0) {
                    float[] right = y.clone();
                    for (int t = 0; t < right.length; t++) {
                        right[t] *= 0.5f;
                    }
                    WavWriter.write(WavWriter.interleave(y, right), 2, sr, file);
                } else {
                    WavWriter.write(y, sr, file);
                }
                paths.add(n.toRelativePath());
            }
        }
        return paths;
    }
}
