package org.serspark.synth;

import org.serspark.ravdess.Gender;

/**
 * The habitual voice of one synthetic actor, drawn once from (seed, actor) so it is the same in every clip of that
 * actor. Speaker differences are made as large as some emotion differences (level, pitch range, rate, tilt,
 * breathiness) so that emotion is learnable across speakers but not from any single number.
 *
 * @param gender          odd actors male, even female, as in RAVDESS
 * @param f0Hz            habitual pitch: male 100-130 Hz, female 180-240 Hz
 * @param formantScale    vocal-tract-length scaling of all formants (women's tracts are shorter: higher formants)
 * @param f1Scale         individual timbre: extra F1 multiplier
 * @param f2Scale         individual timbre: extra F2 multiplier
 * @param f3Scale         individual timbre: extra F3 multiplier
 * @param bandwidthScale  formant bandwidth multiplier (damping differs between voices)
 * @param rangeScale      how animated the actor's intonation is
 * @param declinationSt   extra F0 declination
 * @param rate            habitual speaking rate multiplier
 * @param loudnessDb      recording-level difference (mouth-to-microphone distance, gain)
 * @param tiltOctaves     habitual spectral tilt, as octaves added to the tilt corner frequency
 * @param openQuotient    habitual open-quotient offset
 * @param breathiness     habitual extra aspiration
 * @param jitterScale     habitual voice irregularity multiplier (jitter and shimmer)
 * @param noiseFloorDb    room and preamplifier noise level, dBFS
 */
record ActorVoice(Gender gender, double f0Hz, double formantScale, double f1Scale, double f2Scale, double f3Scale,
                  double bandwidthScale, double rangeScale, double declinationSt, double rate, double loudnessDb,
                  double tiltOctaves, double openQuotient, double breathiness, double jitterScale,
                  double noiseFloorDb) {

    private static final long STREAM_ACTOR = 0xAC70_12L;

    static ActorVoice draw(long seed, int actor) {
        Gender gender = Gender.ofActor(actor);
        SplitMix64 r = SplitMix64.forKey(seed, STREAM_ACTOR, actor);
        boolean male = gender == Gender.MALE;
        return new ActorVoice(gender,
                male ? r.uniform(100, 130) : r.uniform(180, 240),
                male ? r.uniform(0.95, 1.05) : r.uniform(1.12, 1.22),
                r.gaussian(1, 0.04), r.gaussian(1, 0.04), r.gaussian(1, 0.03),
                r.uniform(0.85, 1.25),
                StrictMath.exp(r.uniform(StrictMath.log(0.7), StrictMath.log(1.4))),
                r.uniform(-0.8, 0.8),
                r.uniform(0.9, 1.1),
                r.gaussian(0, 3.0),
                r.uniform(-0.5, 0.5),
                r.uniform(-0.04, 0.04),
                r.uniform(0, 0.06),
                r.uniform(0.7, 1.4),
                r.uniform(-68, -58));
    }
}
