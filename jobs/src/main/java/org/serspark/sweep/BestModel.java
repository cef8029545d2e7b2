package org.serspark.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.serspark.io.AtomicFiles;
import org.serspark.train.ParameterAveragingTrainer;

/**
 * {@code DIR/best}: a symbolic link to {@code DIR/promoted/TRIAL_ID/}, a folder that is complete before it gets its
 * name. Promotion copies the bundle and its metrics into a hidden temporary folder, renames it into place, and then
 * replaces the link by renaming a new link over it; both renames are atomic, so a reader of {@code DIR/best/...}
 * sees the old model or the new one, never a mix or a half-copied file. The previous promoted folder is kept (a reader
 * may still have it open); older ones are deleted.
 */
public final class BestModel {
    public static final String LINK = "best";
    public static final String PROMOTED = "promoted";
    public static final String TRIAL = "trial.json";

    private BestModel() {
    }

    /** The trial id {@code DIR/best} holds, or null. */
    public static String current(Path sweepOutput) throws IOException {
        Path f = sweepOutput.resolve(LINK).resolve(TRIAL);
        if (!Files.exists(f)) {
            return null;
        }
        return String.valueOf(SweepJob.JSON.readValue(f.toFile(), Map.class).get("trial_id"));
    }

    /**
     * @param files     name in the promoted folder -> file to copy there
     * @param trialJson what {@code trial.json} records (must hold {@code trial_id})
     */
    public static Path promote(Path sweepOutput, String trialId, Map<String, Path> files, Map<String, Object> trialJson)
            throws IOException {
        Path promoted = sweepOutput.resolve(PROMOTED);
        Files.createDirectories(promoted);
        Path target = promoted.resolve(trialId);
        if (!Files.isDirectory(target)) {
            Path tmp = promoted.resolve("." + trialId + "." + UUID.randomUUID() + ".tmp");
            Files.createDirectories(tmp);
            for (Map.Entry<String, Path> e : files.entrySet()) {
                Files.copy(e.getValue(), tmp.resolve(e.getKey()));
            }
            AtomicFiles.write(tmp.resolve(TRIAL), SweepJob.JSON.writeValueAsBytes(trialJson));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        Path link = sweepOutput.resolve(LINK);
        String previous = Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).getFileName().toString() : null;
        Path newLink = sweepOutput.resolve("." + LINK + "." + UUID.randomUUID() + ".tmp");
        Files.createSymbolicLink(newLink, Path.of(PROMOTED, trialId));
        Files.move(newLink, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> s = Files.list(promoted)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!List.of(trialId, String.valueOf(previous)).contains(n)) {
                    ParameterAveragingTrainer.deleteTree(p);
                }
            }
        }
        return target;
    }
}
