package org.serspark.ravdess;

/** Speaker gender as RAVDESS encodes it in the actor number: odd actors are male, even actors female. */
public enum Gender {
    MALE,
    FEMALE;

    /** @throws IllegalArgumentException if {@code actor} is not 1..24 */
    public static Gender ofActor(int actor) {
        RavdessFileName.requireActor(actor);
        return (actor % 2 == 1) ? MALE : FEMALE;
    }
}
