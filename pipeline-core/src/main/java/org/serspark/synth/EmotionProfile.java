package org.serspark.synth;

import java.util.EnumMap;
import java.util.Map;

import org.serspark.ravdess.Emotion;
import org.serspark.ravdess.Intensity;

/**
 * How an emotion changes a voice, at normal intensity, relative to an average speaker. Directions and rough sizes
 * follow the vocal-affect literature (Scherer 2003; Juslin and Laukka 2003): high-arousal emotions (angry, happy,
 * fearful, surprised) raise F0, F0 range, loudness and speaking rate and flatten the spectral tilt; sad lowers them and
 * is breathy; fear trembles and is irregular; disgust is slow, low and creaky; surprise has one large pitch excursion.
 * Neutral and calm are deliberately close, so some pairs are no further apart than two actors are.
 *
 * @param f0Semitones        mean F0 shift from the actor's habitual pitch
 * @param rangeScale         multiplier of the pitch-accent excursions
 * @param declinationSt      F0 fall over the sentence (positive falls)
 * @param accentWidthScale   multiplier of the pitch-accent duration (below 1: sharper, more emphatic accents)
 * @param firstAccentBoost   extra height of the first stressed accent (surprise, anger)
 * @param unstressedAccentSt accent height on unstressed syllables (lively speech accents every syllable)
 * @param finalMoveSt        pitch movement over the last syllable (negative: final fall, positive: final rise)
 * @param tremorSt           depth of a fearful vocal tremor
 * @param rate               speaking-rate multiplier (above 1: faster)
 * @param pauseScale         multiplier of the pauses between words
 * @param loudnessDb         level change
 * @param tiltHz             corner frequency of the spectral-tilt low-pass (higher: flatter, "pressed" spectrum)
 * @param openQuotient       fraction of each glottal period the glottis is open (higher: softer, breathier)
 * @param breathiness        aspiration-noise level relative to voicing
 * @param jitter             relative standard deviation of successive glottal periods
 * @param shimmer            relative standard deviation of successive glottal pulse amplitudes
 * @param f1Scale            first-formant multiplier (wider mouth opening raises F1)
 * @param f2Scale            second-formant multiplier (smiling spreads the lips and raises F2)
 * @param f3Scale            third-formant multiplier
 * @param creak              strength of creaky, lowered phonation at the end of the sentence
 */
record EmotionProfile(double f0Semitones, double rangeScale, double declinationSt, double accentWidthScale,
                      double firstAccentBoost, double unstressedAccentSt, double finalMoveSt, double tremorSt,
                      double rate, double pauseScale, double loudnessDb, double tiltHz, double openQuotient,
                      double breathiness, double jitter, double shimmer, double f1Scale, double f2Scale,
                      double f3Scale, double creak) {

    /** How much further from neutral a strong-intensity rendition goes than a normal one. */
    static final double STRONG_FACTOR = 1.6;

    private static final Map<Emotion, EmotionProfile> NORMAL = new EnumMap<>(Emotion.class);

    static {
        // f0St range decl width first unstr final tremor rate pause loud tiltHz oq breath jitter shimmer F1 F2 F3 creak
        NORMAL.put(Emotion.NEUTRAL, new EmotionProfile(
                0.0, 1.00, 2.0, 1.00, 1.0, 0.3, -1.0, 0.0, 1.00, 1.00, 0.0, 1500, 0.60, 0.04, 0.006, 0.030,
                1.00, 1.00, 1.00, 0.0));
        NORMAL.put(Emotion.CALM, new EmotionProfile(
                -0.8, 0.80, 1.8, 1.10, 0.9, 0.2, -1.2, 0.0, 0.94, 1.15, -1.0, 1250, 0.63, 0.06, 0.006, 0.030,
                0.99, 0.99, 1.00, 0.0));
        NORMAL.put(Emotion.HAPPY, new EmotionProfile(
                3.0, 1.60, 1.5, 0.90, 1.2, 0.9, -1.5, 0.0, 1.07, 0.90, 2.0, 2300, 0.55, 0.04, 0.007, 0.035,
                1.03, 1.05, 1.03, 0.0));
        NORMAL.put(Emotion.SAD, new EmotionProfile(
                -1.5, 0.50, 3.0, 1.30, 0.8, 0.1, -1.8, 0.0, 0.82, 1.60, -3.0, 750, 0.70, 0.12, 0.011, 0.050,
                0.96, 0.97, 0.98, 0.25));
        NORMAL.put(Emotion.ANGRY, new EmotionProfile(
                3.5, 1.50, 2.5, 0.70, 1.4, 0.5, -3.5, 0.0, 1.07, 0.80, 4.0, 3800, 0.48, 0.03, 0.009, 0.050,
                1.08, 1.02, 1.00, 0.1));
        NORMAL.put(Emotion.FEARFUL, new EmotionProfile(
                5.0, 1.10, 0.5, 0.90, 1.0, 0.6, 2.0, 0.55, 1.15, 0.80, 0.5, 1800, 0.58, 0.09, 0.016, 0.060,
                1.02, 1.03, 1.02, 0.0));
        NORMAL.put(Emotion.DISGUST, new EmotionProfile(
                -1.0, 1.20, 3.5, 1.20, 1.5, 0.2, -3.0, 0.0, 0.86, 1.30, 0.0, 1400, 0.52, 0.05, 0.016, 0.080,
                1.00, 0.96, 0.98, 0.6));
        NORMAL.put(Emotion.SURPRISED, new EmotionProfile(
                4.5, 2.00, 3.0, 1.00, 1.8, 0.4, 1.5, 0.0, 1.00, 1.00, 1.5, 2300, 0.56, 0.06, 0.007, 0.035,
                1.04, 1.03, 1.00, 0.0));
    }

    /** The profile of an emotion at an intensity; strong moves every parameter further away from neutral. */
    static EmotionProfile of(Emotion emotion, Intensity intensity) {
        EmotionProfile normal = NORMAL.get(emotion);
        return intensity == Intensity.STRONG ? normal.awayFrom(NORMAL.get(Emotion.NEUTRAL), STRONG_FACTOR) : normal;
    }

    /**
     * This profile's deviation from {@code base} multiplied by {@code k}: additive quantities linearly, ratio
     * quantities (rates, scales, frequencies) in the log domain so that they stay positive.
     */
    EmotionProfile awayFrom(EmotionProfile base, double k) {
        return new EmotionProfile(
                lin(base.f0Semitones, f0Semitones, k), log(base.rangeScale, rangeScale, k),
                lin(base.declinationSt, declinationSt, k), log(base.accentWidthScale, accentWidthScale, k),
                log(base.firstAccentBoost, firstAccentBoost, k), lin(base.unstressedAccentSt, unstressedAccentSt, k),
                lin(base.finalMoveSt, finalMoveSt, k), lin(base.tremorSt, tremorSt, k),
                log(base.rate, rate, k), log(base.pauseScale, pauseScale, k), lin(base.loudnessDb, loudnessDb, k),
                log(base.tiltHz, tiltHz, k), lin(base.openQuotient, openQuotient, k),
                Math.max(0, lin(base.breathiness, breathiness, k)), log(base.jitter, jitter, k),
                log(base.shimmer, shimmer, k), log(base.f1Scale, f1Scale, k), log(base.f2Scale, f2Scale, k),
                log(base.f3Scale, f3Scale, k), lin(base.creak, creak, k));
    }

    private static double lin(double base, double value, double k) {
        return base + k * (value - base);
    }

    private static double log(double base, double value, double k) {
        return base * StrictMath.pow(value / base, k);
    }
}
