package org.serspark.synth;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.serspark.ravdess.Emotion;
import org.serspark.ravdess.RavdessFileName;

/**
 * What synthetic corpus to generate. The corpus mirrors RAVDESS audio-only speech: actors 1..{@code actors}, each with
 * up to 60 clips (neutral: 2 statements x 2 repetitions; every other emotion also at 2 intensities).
 *
 * @param actors          number of actors, numbered 1..actors (odd male, even female as in RAVDESS); 1-24
 * @param seed            master seed; every clip depends only on (seed, actor, clip), so the same seed gives
 *                        byte-identical files regardless of which subset is generated
 * @param durationSeconds length of every clip, including the leading and trailing silence
 * @param sampleRate      samples per second (RAVDESS: 48000); at least {@value #MIN_SAMPLE_RATE}
 * @param stereoFraction  probability that a clip is written as two slightly different channels, as a few RAVDESS
 *                        files are; 0-1
 * @param clipsPerActor   how many clips per actor, 1-60: the first ones in {@link SynthCorpus#clipNames} order,
 *                        which cycles through the emotions first so a small subset still covers all of them
 * @param emotions        which emotions to include (before {@code clipsPerActor} is applied)
 */
public record SynthSpec(int actors, long seed, double durationSeconds, int sampleRate, double stereoFraction,
                        int clipsPerActor, Set<Emotion> emotions) {

    public static final int DEFAULT_ACTORS = 8;
    public static final long DEFAULT_SEED = 20180516L; // RAVDESS publication date; any value works
    public static final double DEFAULT_DURATION_SECONDS = 2.5;
    public static final int DEFAULT_SAMPLE_RATE = 48_000;
    public static final double DEFAULT_STEREO_FRACTION = 0.05;
    /** Clips per actor in RAVDESS audio-only speech: 2 statements x 2 repetitions x (1 + 7 x 2 intensities). */
    public static final int MAX_CLIPS_PER_ACTOR = 60;
    /** Fricatives reach about 8 kHz, which needs this rate to stay below Nyquist. */
    public static final int MIN_SAMPLE_RATE = 16_000;
    /** Shorter clips leave no room for the sentence. */
    public static final double MIN_DURATION_SECONDS = 0.5;

    public static final SynthSpec DEFAULT = new SynthSpec(DEFAULT_ACTORS, DEFAULT_SEED, DEFAULT_DURATION_SECONDS,
            DEFAULT_SAMPLE_RATE, DEFAULT_STEREO_FRACTION, MAX_CLIPS_PER_ACTOR, EnumSet.allOf(Emotion.class));

    public SynthSpec {
        if (actors < 1 || actors > RavdessFileName.ACTORS) {
            throw new IllegalArgumentException("actors " + actors + " is not 1-" + RavdessFileName.ACTORS);
        }
        if (!(durationSeconds >= MIN_DURATION_SECONDS) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("duration " + durationSeconds + " s is below "
                    + MIN_DURATION_SECONDS + " s or not finite");
        }
        if (sampleRate < MIN_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " is below " + MIN_SAMPLE_RATE);
        }
        if (!(stereoFraction >= 0 && stereoFraction <= 1)) {
            throw new IllegalArgumentException("stereo fraction " + stereoFraction + " is not 0-1");
        }
        if (clipsPerActor < 1 || clipsPerActor > MAX_CLIPS_PER_ACTOR) {
            throw new IllegalArgumentException("clips per actor " + clipsPerActor + " is not 1-"
                    + MAX_CLIPS_PER_ACTOR);
        }
        Objects.requireNonNull(emotions, "emotions");
        if (emotions.isEmpty()) {
            throw new IllegalArgumentException("no emotions selected");
        }
        emotions = Collections.unmodifiableSet(EnumSet.copyOf(emotions));
    }

    public static SynthSpec defaults() {
        return DEFAULT;
    }

    public SynthSpec withActors(int n) {
        return new SynthSpec(n, seed, durationSeconds, sampleRate, stereoFraction, clipsPerActor, emotions);
    }

    public SynthSpec withSeed(long s) {
        return new SynthSpec(actors, s, durationSeconds, sampleRate, stereoFraction, clipsPerActor, emotions);
    }

    public SynthSpec withDurationSeconds(double d) {
        return new SynthSpec(actors, seed, d, sampleRate, stereoFraction, clipsPerActor, emotions);
    }

    public SynthSpec withSampleRate(int sr) {
        return new SynthSpec(actors, seed, durationSeconds, sr, stereoFraction, clipsPerActor, emotions);
    }

    public SynthSpec withStereoFraction(double f) {
        return new SynthSpec(actors, seed, durationSeconds, sampleRate, f, clipsPerActor, emotions);
    }

    public SynthSpec withClipsPerActor(int n) {
        return new SynthSpec(actors, seed, durationSeconds, sampleRate, stereoFraction, n, emotions);
    }

    public SynthSpec withEmotions(Set<Emotion> e) {
        return new SynthSpec(actors, seed, durationSeconds, sampleRate, stereoFraction, clipsPerActor, e);
    }

    /** Samples per channel in every clip. */
    public int samplesPerClip() {
        return (int) Math.round(durationSeconds * sampleRate);
    }
}
