package org.serspark.synth;

/**
 * All voice parameters of one clip: the actor's habitual voice, moved by the emotion profile, plus the small
 * take-to-take variation of a real actor repeating a sentence.
 *
 * @param f0Hz               mean pitch before accents and declination
 * @param rangeScale         pitch-accent excursion multiplier
 * @param declinationSt      F0 fall over the sentence, semitones
 * @param accentWidthScale   pitch-accent duration multiplier
 * @param firstAccentBoost   extra height of the first stressed accent
 * @param unstressedAccentSt accent on unstressed syllables, semitones
 * @param finalMoveSt        pitch movement over the last syllable, semitones
 * @param tremorSt           vocal-tremor depth, semitones
 * @param rate               speaking-rate multiplier
 * @param pauseScale         inter-word pause multiplier
 * @param levelDbfs          RMS level of the spoken part, dBFS
 * @param tiltHz             spectral-tilt corner frequency
 * @param openQuotient       glottal open quotient
 * @param breathiness        aspiration level relative to voicing
 * @param jitter             relative period perturbation
 * @param shimmer            relative pulse-amplitude perturbation
 * @param f1Scale            F1 multiplier (actor tract length, timbre, emotion, take)
 * @param f2Scale            F2 multiplier
 * @param f3Scale            F3 multiplier
 * @param upperFormantScale  F4/F5 multiplier (tract length only)
 * @param bandwidthScale     formant bandwidth multiplier
 * @param creak              end-of-sentence creak strength
 * @param noiseFloorDb       background noise RMS, dBFS
 * @param leadFraction       leading silence as a fraction of the clip
 */
record ClipVoice(double f0Hz, double rangeScale, double declinationSt, double accentWidthScale,
                 double firstAccentBoost, double unstressedAccentSt, double finalMoveSt, double tremorSt, double rate,
                 double pauseScale, double levelDbfs, double tiltHz, double openQuotient, double breathiness,
                 double jitter, double shimmer, double f1Scale, double f2Scale, double f3Scale,
                 double upperFormantScale, double bandwidthScale, double creak, double noiseFloorDb,
                 double leadFraction) {

    /** Level of a neutral sentence by an average actor: RAVDESS speech sits around -25 to -30 dBFS RMS. */
    static final double REFERENCE_LEVEL_DBFS = -28.0;
    private static final double SEMITONES_PER_OCTAVE = 12.0;
    private static final double MIN_OPEN_QUOTIENT = 0.35;
    private static final double MAX_OPEN_QUOTIENT = 0.85;
    private static final double MIN_LEAD = 0.10;
    private static final double MAX_LEAD = 0.18;

    /** Composes a clip's voice; {@code take} supplies the take-to-take variation and is advanced. */
    static ClipVoice compose(ActorVoice actor, EmotionProfile emotion, SplitMix64 take) {
        double f0 = actor.f0Hz() * StrictMath.pow(2, take.gaussian(emotion.f0Semitones(), 0.7) / SEMITONES_PER_OCTAVE);
        double tiltHz = emotion.tiltHz() * StrictMath.pow(2, actor.tiltOctaves() + take.gaussian(0, 0.15));
        return new ClipVoice(
                f0,
                actor.rangeScale() * emotion.rangeScale() * StrictMath.exp(take.gaussian(0, 0.12)),
                emotion.declinationSt() + actor.declinationSt(),
                emotion.accentWidthScale(),
                emotion.firstAccentBoost(),
                emotion.unstressedAccentSt(),
                emotion.finalMoveSt() + take.gaussian(0, 0.4),
                emotion.tremorSt(),
                actor.rate() * emotion.rate() * StrictMath.exp(take.gaussian(0, 0.04)),
                emotion.pauseScale(),
                REFERENCE_LEVEL_DBFS + actor.loudnessDb() + emotion.loudnessDb() + take.gaussian(0, 1.5),
                tiltHz,
                clamp(emotion.openQuotient() + actor.openQuotient() + take.gaussian(0, 0.02),
                        MIN_OPEN_QUOTIENT, MAX_OPEN_QUOTIENT),
                Math.max(0, emotion.breathiness() + actor.breathiness() + take.gaussian(0, 0.01)),
                emotion.jitter() * actor.jitterScale(),
                emotion.shimmer() * actor.jitterScale(),
                actor.formantScale() * actor.f1Scale() * emotion.f1Scale() * StrictMath.exp(take.gaussian(0, 0.015)),
                actor.formantScale() * actor.f2Scale() * emotion.f2Scale() * StrictMath.exp(take.gaussian(0, 0.015)),
                actor.formantScale() * actor.f3Scale() * emotion.f3Scale() * StrictMath.exp(take.gaussian(0, 0.015)),
                actor.formantScale(),
                actor.bandwidthScale(),
                emotion.creak(),
                actor.noiseFloorDb(),
                take.uniform(MIN_LEAD, MAX_LEAD));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
