package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.audio.WavWriter;
import org.serspark.features.FeatureConfig;
import org.serspark.features.FeatureExtractor;
import org.serspark.features.FeatureSelection;
import org.serspark.features.Yin;
import org.serspark.features.YinTest;

class ClipPredictorPitchTest {

    @Test
    void aBundleThatReadsThePitchBlockExtractsItForNewAudio(@TempDir Path tmp) throws Exception {
        FeatureConfig fc = FeatureConfig.librosaDefault().withPitch(Yin.SPEECH_DEFAULT);
        ModelConfig mc = new ModelConfig(ModelArchitecture.DUAL_LSTM, List.of(8, 4), 0.3, 5, 1e-2, 1e-4, 7, 2, 8);
        float[] low = YinTest.tone(0.5, 120, 240);
        float[] high = YinTest.tone(0.5, 300, 600);
        // the normaliser of the two pitch columns: what a bundle trained on them holds
        FeatureExtractor fx = new FeatureExtractor(fc);
        FeatureSelection pitch = FeatureSelection.parse("pitch", fc);
        float[][] a = pitch.apply(fx.extract(low, 22050).frames());
        float[][] b = pitch.apply(fx.extract(high, 22050).frames());
        assertEquals(2, a[0].length);
        FeatureNormalizer norm = FeatureNormalizer.fit(List.of(a, b), 2);
        assertEquals((Math.log(120) + Math.log(300)) / 2 / Math.log(2), norm.mean()[0], 0.05,
                "the log2 f0 column's mean over both clips");

        ModelBundle bundle = new ModelBundle(NetworkFactory.build(mc), norm, fc,
                List.of("neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"),
                Map.of("model_config", mc.toMap(), ClipPredictor.FEATURE_BLOCKS, "pitch"));
        Path file = tmp.resolve("model.zip");
        bundle.save(file, false);
        ModelBundle loaded = ModelBundle.load(file);
        assertEquals(fc, loaded.featureConfig(), "the pitch block travels with the bundle");

        ClipPredictor predictor = new ClipPredictor(loaded);
        float[] fromWav = predictor.probabilities(WavWriter.toBytes(high, 1, 22050), "high.wav");
        float[] fromFrames = predictor.probabilities(fx.extract(high, 22050).frames());
        for (int k = 0; k < 8; k++) {
            // the WAV holds 16-bit samples: the same clip within quantisation
            assertEquals(fromFrames[k], fromWav[k], 1e-3, "class " + k);
        }
        double sum = 0;
        for (float p : fromWav) {
            sum += p;
        }
        assertEquals(1.0, sum, 1e-4);
    }
}
