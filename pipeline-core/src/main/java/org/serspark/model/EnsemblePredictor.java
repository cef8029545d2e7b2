package org.serspark.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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
    private final DecisionRule rule;
    /** Each member's training clips per class, for {@link DecisionRule#BALANCED}; else nulls. */
    private final List<long[]> clipsPerClass;
    /** The trained network each member belongs to (a network's epochs are members of one). */
    private final List<Integer> networkOf;

    /** The members' probabilities as they are ({@link DecisionRule#ARGMAX}). */
    public EnsemblePredictor(List<ClipPredictor> members, List<String> names) {
        this(members, names, DecisionRule.ARGMAX);
    }

    /**
     * @param names what to call each member in an error (its bundle file), in the order of {@code members}
     * @param rule  applied to each member's probabilities (averaged over its speeds) before the members are averaged,
     *              with the member's own training clips per class, as cv does
     * @throws IllegalArgumentException naming the first member that does not fit the first one, and how, or that
     *                                  records no training clips per class when {@code rule} needs them
     */
    public EnsemblePredictor(List<ClipPredictor> members, List<String> names, DecisionRule rule) {
        this(members, names, rule, IntStream.range(0, members.size()).boxed().toList());
    }

    /**
     * As {@link #EnsemblePredictor(List, List, DecisionRule)}, where several members may be one trained network
     * (its kept epoch and later ones: {@code networkOf} gives each member's network): the rule then reads the mean of
     * a network's members, once, and the networks are averaged, as cv reads a network scored with several epochs.
     */
    public EnsemblePredictor(List<ClipPredictor> members, List<String> names, DecisionRule rule,
                             List<Integer> networkOf) {
        if (networkOf.size() != members.size()) {
            throw new IllegalArgumentException("each member needs its network, got " + networkOf.size() + " for "
                    + members.size() + " members");
        }
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
        this.rule = rule;
        List<long[]> counts = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            long[] c = DecisionRule.clipsPerClass(members.get(i).bundle());
            if (rule == DecisionRule.BALANCED && c == null) {
                throw new IllegalArgumentException(names.get(i) + " records no training clips per class ("
                        + DecisionRule.CLIPS_PER_CLASS + ", trained before serspark recorded them), which the "
                        + "balanced decision needs: score it with decision argmax");
            }
            counts.add(c);
        }
        this.clipsPerClass = counts;
        this.networkOf = List.copyOf(networkOf);
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
     * averaged over the speeds, each network's over its members and read by the decision rule, then averaged over
     * the networks, as cv averages an ensemble's test predictions.
     */
    public float[] probabilities(byte[] wav, String name, Map<String, FeatureNormalizer> speakers)
            throws AudioFormatException {
        DecodedAudio audio = WavDecoder.decode(wav, name);
        List<Double> speeds = members.get(0).speeds();
        float[][] byMember = new float[members.size()][labels().size()];
        for (double speed : speeds) {
            float[][] frames = members.get(0).features(audio, speed);
            for (int i = 0; i < members.size(); i++) {
                float[] p = members.get(i).probabilities(frames, name, speed, speakers);
                for (int k = 0; k < p.length; k++) {
                    byMember[i][k] += p[k] / speeds.size();
                }
            }
        }
        float[] mean = new float[labels().size()];
        if (rule == DecisionRule.ARGMAX) {
            for (float[] p : byMember) {
                for (int k = 0; k < p.length; k++) {
                    mean[k] += p[k] / members.size();
                }
            }
            return mean;
        }
        // each network's members averaged, read by the rule with that network's training clips, then the networks
        Map<Integer, float[]> sums = new LinkedHashMap<>();
        Map<Integer, Integer> sizes = new HashMap<>();
        Map<Integer, long[]> counts = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            float[] sum = sums.computeIfAbsent(networkOf.get(i), g -> new float[labels().size()]);
            for (int k = 0; k < sum.length; k++) {
                sum[k] += byMember[i][k];
            }
            sizes.merge(networkOf.get(i), 1, Integer::sum);
            counts.putIfAbsent(networkOf.get(i), clipsPerClass.get(i));
        }
        for (Map.Entry<Integer, float[]> e : sums.entrySet()) {
            float[] net = e.getValue();
            for (int k = 0; k < net.length; k++) {
                net[k] /= sizes.get(e.getKey());
            }
            float[] p = rule.apply(net, counts.get(e.getKey()));
            for (int k = 0; k < p.length; k++) {
                mean[k] += p[k] / sums.size();
            }
        }
        return mean;
    }
}
