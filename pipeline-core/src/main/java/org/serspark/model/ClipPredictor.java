package org.serspark.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.serspark.audio.AudioFormatException;
import org.serspark.audio.DecodedAudio;
import org.serspark.audio.SpeedPerturbation;
import org.serspark.audio.WavDecoder;
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
    private final FeatureSelection selection;
    private final double trimDb;
    private final LevelNormalization level;
    private final TrainingConfig.Normalization normalization;
    private final List<Double> speeds;

    /** Bundle metadata key: the frame columns a network trained on some feature blocks reads (absent: all). */
    public static final String FEATURE_COLUMNS = "feature_columns";
    /** Bundle metadata key: the order of the deltas appended to those columns (absent: none). */
    public static final String FEATURE_DELTAS = "feature_deltas";
    /** Bundle metadata key: the {@link FeatureSelection} spec of what the network reads (absent: every column). */
    public static final String FEATURE_BLOCKS = "feature_blocks";

    public ClipPredictor(ModelBundle bundle) {
        this(bundle, List.of());
    }

    /**
     * Scoring each clip as recorded and played at each of {@code testSpeeds} (test-time augmentation, as
     * {@code cv --test-speeds} does), its probabilities averaged over these versions.
     */
    public ClipPredictor(ModelBundle bundle, List<Double> testSpeeds) {
        List<Double> v = new java.util.ArrayList<>(List.of(1.0));
        v.addAll(SpeedPerturbation.copies("test speeds", "the copies scored besides the recordings", testSpeeds));
        this.speeds = List.copyOf(v);
        this.bundle = bundle;
        this.network = bundle.network();
        this.extractor = new FeatureExtractor(bundle.featureConfig());
        Object blocks = bundle.metadata().get(FEATURE_BLOCKS);
        // the same selection the trainer applied: its columns (feature_columns) and deltas (feature_deltas)
        this.selection = FeatureSelection.parse(blocks == null ? FeatureSelection.ALL : String.valueOf(blocks),
                bundle.featureConfig());
        this.trimDb = trainingSetting(bundle, "trim_silence_db") instanceof Number n ? n.doubleValue() : 0;
        Object lv = trainingSetting(bundle, "level_normalization");
        this.level = lv == null ? LevelNormalization.NONE : LevelNormalization.of(String.valueOf(lv));
        Object norm = trainingSetting(bundle, "normalization");
        this.normalization = norm == null ? TrainingConfig.Normalization.GLOBAL
                : TrainingConfig.Normalization.of(String.valueOf(norm));
    }

    public List<String> labels() {
        return bundle.labels();
    }

    ModelBundle bundle() {
        return bundle;
    }

    /** The speeds each clip is scored at: 1 (as recorded), then the test speeds. */
    public List<Double> speeds() {
        return speeds;
    }

    /**
     * One file on its own. A per-speaker model then standardises the clip with its own statistics (the file is its
     * own speaker); give many files of a speaker to {@link #probabilities(byte[], String, Map)} instead.
     *
     * @throws AudioFormatException naming {@code name} when the bytes are not decodable audio
     */
    public float[] probabilities(byte[] wav, String name) throws AudioFormatException {
        return probabilities(wav, name, null);
    }

    /**
     * One file's probabilities, averaged over {@link #speeds()}. A per-speaker model standardises the version at each
     * speed with {@code speakers.get(speakerKey(name, speed))}, statistics over that speaker's files at that speed
     * (null map: the file's own); other models ignore it.
     *
     * @throws AudioFormatException naming {@code name} when the bytes are not decodable audio
     */
    public float[] probabilities(byte[] wav, String name, Map<String, FeatureNormalizer> speakers)
            throws AudioFormatException {
        return new EnsemblePredictor(List.of(this), List.of(name)).probabilities(wav, name, speakers);
    }

    /** One version's probabilities: {@code frames} are {@link #features(DecodedAudio, double)} at {@code speed}. */
    float[] probabilities(float[][] frames, String name, double speed, Map<String, FeatureNormalizer> speakers) {
        return switch (normalization) {
            case GLOBAL -> probabilities(frames);
            case CLIP -> probabilities(FeatureStats.standardize(frames));
            // a file given alone is its own speaker
            case SPEAKER -> speakers != null ? probabilities(frames, speakers.get(speakerKey(name, speed)))
                    : probabilities(FeatureStats.standardize(frames));
        };
    }

    /**
     * Everything that turns a file into this network's input frames besides the network's own normaliser: predictors
     * with equal preparations can share one extraction ({@link EnsemblePredictor}).
     */
    record Preparation(FeatureConfig features, String blocks, double trimDb, LevelNormalization level,
                       boolean perSpeaker, List<Double> speeds) {
    }

    Preparation preparation() {
        return new Preparation(bundle.featureConfig(), selection.spec(), trimDb, level, perSpeaker(), speeds);
    }

    /**
     * Whose statistics standardise a file's version at {@code speed}: its speaker's at that speed (each played copy a
     * speaker of its own, as in training).
     */
    public static String speakerKey(String rel, double speed) {
        return SpeakerOf.path(rel) + (speed == 1.0 ? "" : " at speed " + speed);
    }

    /**
     * The file's features at each of {@link #speeds()}, keyed by {@link #speakerKey}: what a per-speaker model's
     * statistics gather over a speaker's files.
     */
    public Map<String, float[][]> featuresBySpeaker(byte[] wav, String name) throws AudioFormatException {
        DecodedAudio audio = WavDecoder.decode(wav, name);
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (double speed : speeds) {
            out.put(speakerKey(name, speed), features(audio, speed));
        }
        return out;
    }

    /**
     * Features of one file as the model was trained on them ({@code [frames][features]}, not normalised): the
     * bundle's own feature configuration, and its silence trimming and level normalisation when it was trained
     * with them.
     */
    public float[][] features(byte[] wav, String name) throws AudioFormatException {
        return features(WavDecoder.decode(wav, name), 1.0);
    }

    /** The features of {@code audio} played {@code speed} times as fast ({@code extract --speed}). */
    float[][] features(DecodedAudio audio, double speed) {
        float[] samples = SpeedPerturbation.apply(audio.samples(), speed);
        float[][] frames = extractor.extract(samples, audio.sampleRate()).frames();
        FeatureConfig fc = bundle.featureConfig();
        float[][] trimmed = trimDb > 0 ? SilenceTrim.trim(frames, fc.melOffset(), fc.nMels(), trimDb) : frames;
        return level.apply(trimmed, fc.mfccOffset(), fc.nMfcc(), fc.melOffset(), fc.nMels());
    }

    /** A setting of the bundle's training configuration, or null. */
    private static Object trainingSetting(ModelBundle bundle, String key) {
        Object tc = bundle.metadata().get("training_config");
        return tc instanceof java.util.Map<?, ?> m ? m.get(key) : null;
    }

    /**
     * True when the model was trained on per-speaker standardised features: its inputs must first be standardised
     * with their speaker's statistics ({@link #probabilities(float[][], FeatureNormalizer)}).
     */
    public boolean perSpeaker() {
        return normalization == TrainingConfig.Normalization.SPEAKER;
    }

    /** Probabilities for frames standardised with their speaker's statistics first (per-speaker models). */
    public float[] probabilities(float[][] frames, FeatureNormalizer speaker) {
        return probabilities(speaker.normalize(frames));
    }

    /** Probabilities for already-extracted frames ({@code [frames][features]}, every block, not normalised). */
    public float[] probabilities(float[][] frames) {
        DataSet ds = SequenceDataSets.toDataSet(List.<float[][]>of(selection.apply(frames)), null,
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
