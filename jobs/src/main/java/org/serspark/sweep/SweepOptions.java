package org.serspark.sweep;

import java.nio.file.Path;
import java.util.Map;
import org.serspark.conf.SersparkConf;

/**
 * One sweep invocation.
 *
 * @param conf             configuration the settings a spec does not sweep come from
 * @param validationActors validation actors per fold (and for the promoted model)
 * @param retryFailed      rerun trials whose earlier run failed
 * @param provenance       recorded in sweep.json and every trial's outputs (profile, resolved configuration)
 */
public record SweepOptions(SweepSpec spec, String features, Path output, SersparkConf conf, int validationActors,
                           boolean retryFailed, Map<String, Object> provenance) {
}
