package org.serspark.model;

import java.util.List;
import java.util.Map;
import org.serspark.audio.AudioFormatException;
import org.serspark.audio.DecodedAudio;
import org.serspark.audio.WavDecoder;

/**
 * Several trained networks scoring the same files, their class probabilities averaged: what {@code cv --ensemble N}
 * measures, for {@code predict} (its members' bundles, or {@code train} runs with other seeds). The members must
 * prepare a file the same way (features, blocks, trimming, normalisation kind, speeds), so a file is decoded and its
 * features extracted once for all of them. Not thread-safe (one per thread), like its members.
 */
public final class EnsemblePredictor {
    private final List<ClipPredictor> members;

    /**
     * @param names what to call each member in an error (its bundle file), in the order of {@code members}
     * @throws IllegalArgumentException naming the first member that does not fit the first one, and how
     */
    public EnsemblePredictor(List<ClipPredictor> members, List<String> names) {
        if (members.isEmpty() || members.size() != names.size()) {
            throw new IllegalArgumentException("an ensemble needs its members and a name for each");
        }
        ClipPredictor first = members.get(0);
        for (int i = 1; i < members.size(); i++) {
            ClipPredictor m = members.get(i);
            String which = names.get(i) + " does not fit " + names.get(0) + ": ";
            if (!m.labels().equals(first.labels())) {
                throw new IllegalArgumentException(which + "labels " + m.labels() + " against " + first.labels());
            }
            if (!m.preparation().equals(first.preparation())) {
                throw new IllegalArgumentException(which + "it prepares files otherwise (" + m.preparation()
                        + " against " + first.preparation() + ")");
            }
        }
        this.members = List.copyOf(members);
    }

    public List<String> labels() {
        return members.get(0).labels();
    }

    public int size() {
        return members.size();
    }

    public boolean perSpeaker() {
        return members.get(0).perSpeaker();
    }

    /** As {@link ClipPredictor#featuresBySpeaker}; the same for every member. */
    public Map<String, float[][]> featuresBySpeaker(byte[] wav, String name) throws AudioFormatException {
        return members.get(0).featuresBySpeaker(wav, name);
    }

    /**
     * The members' mean of {@link ClipPredictor#probabilities(byte[], String, Map)}: each member's probabilities
     * averaged over the speeds, then over the members, as cv averages an ensemble's test predictions.
     */
    public float[] probabilities(byte[] wav, String name, Map<String, FeatureNormalizer> speakers)
            throws AudioFormatException {
        DecodedAudio audio = WavDecoder.decode(wav, name);
        List<Double> speeds = members.get(0).speeds();
        float[] mean = new float[labels().size()];
        for (double speed : speeds) {
            float[][] frames = members.get(0).features(audio, speed);
            for (ClipPredictor m : members) {
                float[] p = m.probabilities(frames, name, speed, speakers);
                for (int k = 0; k < p.length; k++) {
                    mean[k] += p[k] / (speeds.size() * members.size());
                }
            }
        }
        return mean;
    }
}
