package org.serspark.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;

/**
 * One point of a sweep: the network and training settings of one cross-validation run.
 *
 * @param index    position in the sweep's plan (the order trials run in)
 * @param id       stable id: a hash of the settings, the feature dataset's fingerprint and the code version, so the
 *                 same trial on the same data with the same code is recognised across invocations
 * @param point    the swept values that picked this trial (for the leaderboard)
 * @param settings every setting that changes the result, canonical (what the id hashes)
 */
public record Trial(int index, String id, Map<String, Object> point, ModelConfig model, TrainingConfig training,
                    String featureBlocks, Map<String, Object> settings) {

    static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    static Trial of(int index, Map<String, Object> point, ModelConfig model, TrainingConfig training,
                    String featureBlocks, String foldScheme, int validationActors, String featureFingerprint,
                    String codeVersion) {
        Map<String, Object> settings = new TreeMap<>();
        settings.put("model", model.toMap());
        settings.put("training", training.toMap());
        settings.put("fold_scheme", foldScheme);
        settings.put("validation_actors", validationActors);
        settings.put("feature_blocks", featureBlocks);
        return new Trial(index, id(settings, featureFingerprint, codeVersion), point, model, training, featureBlocks,
                settings);
    }

    /** First 16 hex digits of SHA-256 over canonical JSON (sorted keys) of settings, fingerprint and code version. */
    static String id(Map<String, Object> settings, String featureFingerprint, String codeVersion) {
        Map<String, Object> all = new TreeMap<>();
        all.put("settings", settings);
        all.put("feature_fingerprint", featureFingerprint);
        all.put("code_version", codeVersion);
        try {
            byte[] json = CANONICAL.writeValueAsBytes(all);
            byte[] h = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings as canonical JSON text (the trials table's params_json). */
    public String settingsJson() {
        try {
            return new String(CANONICAL.writeValueAsBytes(settings), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Short description for log lines, e.g. {@code dual-lstm [8, 8] lr 0.001 batch 16}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(model.architecture().id()).append(' ').append(model.lstmUnits());
        point.forEach((k, v) -> {
            if (!k.equals("architecture") && !k.equals("lstm_units")) {
                sb.append(' ').append(k).append(' ').append(v);
            }
        });
        return sb.toString();
    }
}
