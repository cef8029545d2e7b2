package org.serspark.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.serspark.cli.ModelConfigs;
import org.serspark.conf.ConfigException;
import org.serspark.conf.SersparkConf;
import org.serspark.features.FeatureConfig;
import org.serspark.features.FeatureSelection;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;

/**
 * The ordered, de-duplicated list of trials a spec asks for. Deterministic: the same spec, configuration, data and
 * code give the same trials in the same order on every invocation, which is what lets a rerun skip finished ones.
 */
public final class SweepPlan {
    /** Random search stops drawing after this many draws per wanted trial (small spaces run out of new points). */
    private static final int DRAWS_PER_TRIAL = 50;

    private SweepPlan() {
    }

    /**
     * @param base             configuration the unswept settings come from
     * @param features         the dataset's feature configuration (feature blocks select from it)
     * @param validationActors validation actors per fold
     */
    public static List<Trial> of(SweepSpec spec, SersparkConf base, FeatureConfig features, int validationActors,
                                 String featureFingerprint, String codeVersion) {
        List<Map<String, Object>> points = spec.search() == SweepSpec.Search.GRID ? grid(spec) : random(spec);
        List<Trial> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Map<String, Object> point : points) {
            Trial t = trial(out.size(), point, spec, base, features, validationActors, featureFingerprint,
                    codeVersion);
            // e.g. single-lstm with lstm_units [128, 64] and [128, 32]: one network, one trial
            if (seen.add(t.id())) {
                out.add(t);
            }
        }
        return out;
    }

    static Trial trial(int index, Map<String, Object> point, SweepSpec spec, SersparkConf base,
                       FeatureConfig features, int validationActors, String featureFingerprint, String codeVersion) {
        SersparkConf conf = base.with("training.seed", spec.seed());
        for (Map.Entry<String, Object> e : point.entrySet()) {
            conf = conf.with(SweepSpec.PARAMETERS.get(e.getKey()), e.getValue());
        }
        try {
            FeatureSelection selection = ModelConfigs.featureBlocks(conf, features);
            ModelArchitecture arch = ModelArchitecture.of(conf.string("model.architecture"));
            ModelConfig mc = ModelConfigs.model(conf, arch, selection.size());
            TrainingConfig tc = ModelConfigs.training(conf);
            return Trial.of(index, point, mc, tc, selection.spec(), spec.folds().spec(), validationActors,
                    featureFingerprint, codeVersion);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ConfigException(spec.source() + ": trial " + point + ": " + e.getMessage());
        }
    }

    /** Every combination; the first value of every list first, the last parameter varying fastest. */
    static List<Map<String, Object>> grid(SweepSpec spec) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, SweepSpec.Domain> e : spec.parameters().entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object v : e.getValue().values()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** {@code trials} distinct seeded draws (fewer when the space has fewer points). */
    static List<Map<String, Object>> random(SweepSpec spec) {
        Random r = new Random(spec.seed());
        List<Map<String, Object>> out = new ArrayList<>();
        Set<Map<String, Object>> seen = new LinkedHashSet<>();
        for (int draw = 0; out.size() < spec.randomTrials() && draw < spec.randomTrials() * DRAWS_PER_TRIAL; draw++) {
            Map<String, Object> m = new LinkedHashMap<>();
            spec.parameters().forEach((k, d) -> m.put(k, sample(d, r)));
            if (seen.add(m)) {
                out.add(m);
            }
        }
        return out;
    }

    private static Object sample(SweepSpec.Domain d, Random r) {
        if (!d.isRange()) {
            return d.values().get(r.nextInt(d.values().size()));
        }
        double u = r.nextDouble();
        double x = d.log() ? Math.exp(Math.log(d.min()) + u * (Math.log(d.max()) - Math.log(d.min())))
                : d.min() + u * (d.max() - d.min());
        if (d.integer()) {
            return (int) Math.round(x);
        }
        // three significant digits: readable ids and leaderboards, no loss that matters for a hyperparameter
        return new BigDecimal(x).round(new MathContext(3)).doubleValue();
    }
}
