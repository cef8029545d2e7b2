package org.serspark.sweep;

/**
 * What one invocation did and where the sweep stands.
 *
 * @param stoppedBy  {@code complete}, {@code max_trials} or {@code max_wall_seconds}
 * @param bestId     the promoted trial (null while no trial is done)
 * @param bestObjective its objective (null while no trial is done)
 */
public record SweepResult(int planned, int done, int failed, int pending, int ranThisInvocation, String stoppedBy,
                          String bestId, Double bestObjective, double seconds) {

    public boolean complete() {
        return pending == 0;
    }
}
