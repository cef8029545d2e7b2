package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.serspark.features.FeatureGoldenParityTest.Case;

/**
 * The parts of the extractor that need chroma: chroma and tuning parity on the golden inputs and the frame-major
 * layout of {@link FeatureExtractor#extract}. These fail with UnsupportedOperationException until the chroma work
 * item (features/Chroma.java) is merged; the non-chroma blocks are checked in {@link FeatureGoldenParityTest}.
 */
class FeatureChromaParityTest {
    static final double CHROMA_TOLERANCE = 1e-4;
    static final double TUNING_TOLERANCE = 1e-9;

    static java.util.stream.Stream<Case> cases() {
        return FeatureGoldenParityTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void chromaAndTuningMatchLibrosa(Case c) {
        FeatureBlocks b = new FeatureExtractor(FeatureGoldenParityTest.nativeConfig()).blocks(c.y(), c.sampleRate());
        assertEquals(c.expected().estimatedTuning(), b.estimatedTuning(), TUNING_TOLERANCE, "estimated_tuning");
        FeatureGoldenParityTest.assertMatrix("chroma", c.expected().matrix("chroma"), b.chroma(), CHROMA_TOLERANCE,
                0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fixedTuningChromaMatchesLibrosa(Case c) {
        FeatureConfig d = FeatureGoldenParityTest.nativeConfig();
        FeatureConfig fixed = new FeatureConfig(d.targetSampleRate(), d.stft(), d.mel(), d.nMfcc(),
                new ChromaParams(12, 0.0), d.powerToDb(), d.zcr());
        FeatureBlocks b = new FeatureExtractor(fixed).blocks(c.y(), c.sampleRate());
        assertEquals(0.0, b.estimatedTuning(), 0.0);
        FeatureGoldenParityTest.assertMatrix("chroma_tuning0", c.expected().matrix("chroma_tuning0"), b.chroma(),
                CHROMA_TOLERANCE, 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void extractLaysOutEveryBlockInFrameOrder(Case c) {
        FeatureExtractor extractor = new FeatureExtractor(FeatureGoldenParityTest.nativeConfig());
        FeatureSequence seq = extractor.extract(c.y(), c.sampleRate());
        FeatureBlocks b = extractor.blocks(c.y(), c.sampleRate());
        FeatureConfig cfg = seq.config();
        assertEquals(c.expected().nFrames(), seq.nFrames());
        assertEquals(182, seq.nFeatures());
        assertEquals(c.sampleRate(), seq.sampleRate());
        assertEquals(b.estimatedTuning(), seq.tuning(), 0.0);
        for (int t = 0; t < seq.nFrames(); t++) {
            float[] f = seq.frames()[t];
            assertEquals(182, f.length);
            assertBlock(b.mfcc(), f, cfg.mfccOffset(), t);
            assertBlock(b.chroma(), f, cfg.chromaOffset(), t);
            assertBlock(b.melDb(), f, cfg.melOffset(), t);
            assertBlock(b.zcr(), f, cfg.zcrOffset(), t);
            assertBlock(b.spectralCentroid(), f, cfg.centroidOffset(), t);
        }
    }

    private static void assertBlock(double[][] rows, float[] frame, int offset, int t) {
        for (int r = 0; r < rows.length; r++) {
            assertEquals((float) rows[r][t], frame[offset + r], 0.0f, "row " + r + " frame " + t);
        }
    }
}
