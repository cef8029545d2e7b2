package org.serspark.model;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.serspark.audio.AudioFormatException;
import org.serspark.audio.DecodedAudio;
import org.serspark.audio.WavDecoder;
import org.serspark.features.DeltaFeatures;
import org.serspark.features.FeatureConfig;
import org.serspark.features.FeatureExtractor;
import org.serspark.features.FeatureSelection;

/**
 * Audio bytes to class probabilities with a trained bundle: decode, extract features with the bundle's own feature
 * configuration, normalise with its training statistics, run the network. Not thread-safe (one per thread).
 */
public final class ClipPredictor {
    private final ModelBundle bundle;
    private final MultiLayerNetwork network;
    private final FeatureExtractor extractor;
    private final int[] columns;
    private final int deltas;

    /** Bundle metadata key: the frame columns a network trained on some feature blocks reads (absent: all). */
    public static final String FEATURE_COLUMNS = "feature_columns";
    /** Bundle metadata key: the order of the deltas appended to those columns (absent: none). */
    public static final String FEATURE_DELTAS = "feature_deltas";

    public ClipPredictor(ModelBundle bundle) {
        this(bundle, bundle.network());
    }

    /** With a network restored separately (e.g. one copy per Spark task). */
    public ClipPredictor(ModelBundle bundle, MultiLayerNetwork network) {
        this.bundle = bundle;
        this.network = network;
        this.extractor = new FeatureExtractor(bundle.featureConfig());
        Object cols = bundle.metadata().get(FEATURE_COLUMNS);
        this.columns = cols == null ? null : ((List<?>) cols).stream().mapToInt(c -> ((Number) c).intValue()).toArray();
        this.deltas = bundle.metadata().get(FEATURE_DELTAS) instanceof Number n ? n.intValue() : 0;
    }

    public List<String> labels() {
        return bundle.labels();
    }

    /**
     * One file on its own. A per-speaker model then standardises the clip with its own statistics (the file is its
     * own speaker); give many files of a speaker to {@link #probabilities(float[][], FeatureNormalizer)} instead.
     *
     * @throws AudioFormatException naming {@code name} when the bytes are not decodable audio
     */
    public float[] probabilities(byte[] wav, String name) throws AudioFormatException {
        float[][] frames = features(wav, name);
        return perSpeaker() ? probabilities(frames, new FeatureStats(frames[0].length).add(frames).toNormalizer())
                : probabilities(frames);
    }

    /**
     * Features of one file as the model was trained on them ({@code [frames][features]}, not normalised): the
     * bundle's own feature configuration, and its silence trimming and level normalisation when it was trained
     * with them.
     */
    public float[][] features(byte[] wav, String name) throws AudioFormatException {
        DecodedAudio audio = WavDecoder.decode(wav, name);
        float[][] frames = extractor.extract(audio.samples(), audio.sampleRate()).frames();
        double trimDb = trainingNumber(bundle, "trim_silence_db");
        FeatureConfig fc = bundle.featureConfig();
        float[][] trimmed = trimDb > 0 ? SilenceTrim.trim(frames, fc.melOffset(), fc.nMels(), trimDb) : frames;
        Object tc = bundle.metadata().get("training_config");
        Object level = tc instanceof java.util.Map<?, ?> m ? m.get("level_normalization") : null;
        return (level == null ? LevelNormalization.NONE : LevelNormalization.of(String.valueOf(level)))
                .apply(trimmed, fc.mfccOffset(), fc.nMfcc(), fc.melOffset(), fc.nMels());
    }

    private static double trainingNumber(ModelBundle bundle, String key) {
        Object tc = bundle.metadata().get("training_config");
        return tc instanceof java.util.Map<?, ?> m && m.get(key) instanceof Number n ? n.doubleValue() : 0;
    }

    /**
     * True when the model was trained on per-speaker standardised features: its inputs must first be standardised
     * with their speaker's statistics ({@link #probabilities(float[][], FeatureNormalizer)}).
     */
    public boolean perSpeaker() {
        return speakerNormalized(bundle);
    }

    /** Whether a bundle's training configuration says {@code normalization: speaker}. */
    public static boolean speakerNormalized(ModelBundle bundle) {
        Object tc = bundle.metadata().get("training_config");
        return tc instanceof java.util.Map<?, ?> m && "speaker".equals(String.valueOf(m.get("normalization")));
    }

    /** Probabilities for frames standardised with their speaker's statistics first (per-speaker models). */
    public float[] probabilities(float[][] frames, FeatureNormalizer speaker) {
        return probabilities(speaker.normalize(frames));
    }

    /** Probabilities for already-extracted frames ({@code [frames][features]}, every block, not normalised). */
    public float[] probabilities(float[][] frames) {
        float[][] input = DeltaFeatures.append(FeatureSelection.project(frames, columns), deltas,
                DeltaFeatures.DEFAULT_WIDTH);
        DataSet ds = SequenceDataSets.toDataSet(List.<float[][]>of(input), null,
                bundle.labels().size(), bundle.normalizer(), 0);
        INDArray out = network.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
        return out.getRow(0).toFloatVector();
    }

    public static int argmax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
