package org.serspark.extract;

import java.util.List;
import java.util.Map;

/**
 * What an extract run produced (also written to {@code manifest.json}).
 *
 * @param duplicates groups of paths whose files are byte-identical
 */
public record ExtractResult(String output, String featuresUri, String rejectsUri, int filesListed, int extracted,
                            int rejected, Map<String, Integer> rejectsByReason, List<List<String>> duplicates,
                            int chunksReused, double seconds, double filesPerSecond,
                            List<RejectRecord> rejects) {
}
