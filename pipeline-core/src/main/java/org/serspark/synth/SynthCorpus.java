package org.serspark.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.serspark.audio.WavWriter;
import org.serspark.ravdess.Emotion;
import org.serspark.ravdess.Intensity;
import org.serspark.ravdess.RavdessFileName;
import org.serspark.ravdess.Statement;
import org.serspark.ravdess.VocalChannel;

/**
 * A synthetic stand-in for RAVDESS audio-only speech: every actor says both sentences twice in each emotion and
 * intensity, laid out as {@code outDir/Actor_NN/03-01-EE-II-SS-RR-NN.wav} (48 kHz 16-bit, mostly mono, a few stereo).
 *
 * <p>The acoustics depend on the emotion ({@link EmotionProfile}: pitch level, range and contour, rate, loudness,
 * spectral tilt, breathiness, jitter, shimmer), on the intensity (strong moves further from neutral), on the sentence
 * ({@link StatementScript}), on the actor ({@link ActorVoice}: gender-typical pitch, vocal-tract length, timbre,
 * habits) and on the take (small random variation). Everything is a pure function of (seed, actor, clip): the same
 * seed writes byte-identical files, and a clip comes out the same whether or not its neighbours are generated.
 */
public final class SynthCorpus {
    private static final long STREAM_TAKE = 0x7A4EL;
    private static final long STREAM_STEREO = 0x57E2E0L;
    /** The second microphone: a few samples of extra path, a little less gain, slightly duller, its own hiss. */
    private static final int MAX_STEREO_DELAY = 12;
    private static final double MIN_STEREO_GAIN = 0.85;
    private static final double MAX_STEREO_GAIN = 0.97;
    private static final double MAX_STEREO_SMOOTHING = 0.3;
    private static final double STEREO_NOISE_RMS = 3e-4;

    private SynthCorpus() {
    }

    /**
     * The clips the spec selects for one actor, in generation order: repetition, then statement, then intensity,
     * with the emotion changing fastest, so the first eight clips already cover all eight emotions.
     */
    public static List<RavdessFileName> clipNames(SynthSpec spec, int actor) {
        List<RavdessFileName> clips = new ArrayList<>();
        for (int repetition = 1; repetition <= RavdessFileName.REPETITIONS; repetition++) {
            for (Statement statement : Statement.values()) {
                for (Intensity intensity : Intensity.values()) {
                    for (Emotion emotion : Emotion.values()) {
                        boolean exists = !(emotion == Emotion.NEUTRAL && intensity == Intensity.STRONG);
                        if (exists && spec.emotions().contains(emotion) && clips.size() < spec.clipsPerActor()) {
                            clips.add(RavdessFileName.audioSpeech(emotion, intensity, statement, repetition, actor));
                        }
                    }
                }
            }
        }
        return clips;
    }

    /** The clips of all actors 1..{@code spec.actors()}, actor by actor. */
    public static List<RavdessFileName> clipNames(SynthSpec spec) {
        List<RavdessFileName> all = new ArrayList<>();
        for (int actor = 1; actor <= spec.actors(); actor++) {
            all.addAll(clipNames(spec, actor));
        }
        return all;
    }

    /** Whether a clip is written with two channels (decided by the seed, the clip and the stereo fraction). */
    public static boolean isStereo(SynthSpec spec, RavdessFileName clip) {
        SplitMix64 r = SplitMix64.forKey(spec.seed(), STREAM_STEREO, clip.actor(), clipKey(clip));
        return r.nextDouble() < spec.stereoFraction();
    }

    /**
     * Synthesises one clip in memory: one array per channel ({@link #isStereo} decides one or two), each
     * {@link SynthSpec#samplesPerClip()} long, samples in [-1, 1].
     *
     * @param actor the speaking actor; must be the actor the name carries, so that labels and voice agree
     * @throws IllegalArgumentException for a song clip or an actor that does not match the name
     */
    public static float[][] generate(SynthSpec spec, int actor, RavdessFileName clip) {
        if (clip.actor() != actor) {
            throw new IllegalArgumentException(clip + " belongs to actor " + clip.actor() + ", not " + actor);
        }
        if (clip.vocalChannel() != VocalChannel.SPEECH) {
            throw new IllegalArgumentException(clip + ": only speech is synthesised");
        }
        ActorVoice voice = ActorVoice.draw(spec.seed(), actor);
        SplitMix64 take = SplitMix64.forKey(spec.seed(), STREAM_TAKE, actor, clipKey(clip));
        ClipVoice clipVoice = ClipVoice.compose(voice, EmotionProfile.of(clip.emotion(), clip.intensity()), take);
        float[] mono = VoiceRenderer.render(clipVoice, StatementScript.of(clip.statement()), spec.samplesPerClip(),
                spec.sampleRate(), take);
        if (!isStereo(spec, clip)) {
            return new float[][] {mono};
        }
        return new float[][] {mono, secondMicrophone(mono,
                SplitMix64.forKey(spec.seed(), STREAM_STEREO, actor, clipKey(clip), 1))};
    }

    /**
     * Writes the corpus under {@code outDir} (created if needed; existing files of the same names are replaced,
     * each atomically) and returns the files in generation order.
     */
    public static List<Path> write(SynthSpec spec, Path outDir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (RavdessFileName clip : clipNames(spec)) {
            float[][] channels = generate(spec, clip.actor(), clip);
            Path file = outDir.resolve(RavdessFileName.actorFolder(clip.actor())).resolve(clip.toFileName());
            WavWriter.write(WavWriter.interleave(channels), channels.length, spec.sampleRate(), file);
            files.add(file);
        }
        return files;
    }

    private static long clipKey(RavdessFileName clip) {
        return SplitMix64.hash(clip.emotion().code(), clip.intensity().code(), clip.statement().code(),
                clip.repetition());
    }

    private static float[] secondMicrophone(float[] first, SplitMix64 r) {
        int delay = 1 + (int) (r.nextDouble() * MAX_STEREO_DELAY);
        double gain = r.uniform(MIN_STEREO_GAIN, MAX_STEREO_GAIN);
        double smoothing = r.uniform(0, MAX_STEREO_SMOOTHING);
        double noise = STEREO_NOISE_RMS * Math.sqrt(3);
        float[] second = new float[first.length];
        double state = 0;
        for (int n = 0; n < first.length; n++) {
            double x = n >= delay ? first[n - delay] * gain : 0;
            state = x + smoothing * (state - x);
            second[n] = (float) Math.max(-1, Math.min(1, state + noise * (2 * r.nextDouble() - 1)));
        }
        return second;
    }
}
