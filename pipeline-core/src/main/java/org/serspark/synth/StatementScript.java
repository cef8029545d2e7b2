package org.serspark.synth;

import java.util.ArrayList;
import java.util.List;

import org.serspark.ravdess.Statement;

/**
 * The two RAVDESS sentences as sequences of {@link Phone}s, in a broad American-English transcription:
 * "Kids are talking by the door" /k I d z . A r . t O k I N . b aI . D @ . d O r/ and
 * "Dogs are sitting by the door" /d O g z . A r . s I t I N . b aI . D @ . d O r/. The two differ in their first
 * three words (vowel sequence, stop versus sibilant onsets), so the statement changes the sound as in the corpus.
 */
final class StatementScript {
    // Formant targets F1, F2, F3 of an adult male, Hz.
    private static final double[] IH = {430, 2000, 2650};
    private static final double[] AA = {730, 1100, 2450};
    private static final double[] AO = {600, 900, 2450};
    private static final double[] AX = {500, 1500, 2500};
    private static final double[] R = {450, 1250, 1650};
    private static final double[] NG = {300, 1900, 2600};
    // Consonant loci: where the formants point during the constriction.
    private static final double[] ALVEOLAR = {350, 1800, 2650};
    private static final double[] VELAR = {300, 1900, 2300};
    private static final double[] LABIAL = {300, 900, 2200};
    private static final double[] DENTAL = {350, 1500, 2550};

    /** Durations below are in "careful read speech" milliseconds; this brings them to RAVDESS' acted tempo. */
    private static final double TEMPO = 0.8;

    private static final List<Phone> KIDS = kids();
    private static final List<Phone> DOGS = dogs();

    private StatementScript() {
    }

    static List<Phone> of(Statement statement) {
        return statement == Statement.KIDS ? KIDS : DOGS;
    }

    private static List<Phone> kids() {
        Builder b = new Builder();
        b.voicelessStop(VELAR, 2200, 45, 12, 40, IH).vowel(IH, 110, true).voicedStop(ALVEOLAR, 3800, 40).z(75);
        b.pause(30).vowel(AA, 90, false).sonorant(R, 60, 0.7);
        b.pause(20).voicelessStop(ALVEOLAR, 4200, 50, 10, 45, AO).vowel(AO, 130, true)
                .voicelessStop(VELAR, 1800, 45, 12, 25, IH).vowel(IH, 65, false).sonorant(NG, 70, 0.35);
        return byTheDoor(b);
    }

    private static List<Phone> dogs() {
        Builder b = new Builder();
        b.voicedStop(ALVEOLAR, 3800, 40).vowel(AO, 130, true).voicedStop(VELAR, 1900, 40).z(80);
        b.pause(30).vowel(AA, 90, false).sonorant(R, 60, 0.7);
        b.pause(20).fricative(ALVEOLAR, 110, 0, 0.30, 6800, 3000).vowel(IH, 110, true).flap(25)
                .vowel(IH, 65, false).sonorant(NG, 70, 0.35);
        return byTheDoor(b);
    }

    private static List<Phone> byTheDoor(Builder b) {
        b.pause(35).voicedStop(LABIAL, 1200, 45).diphthong(AA, IH, 180, true);
        b.fricative(DENTAL, 40, 0.4, 0.06, 5000, 5000).vowel(AX, 55, false);
        // Phrase-final lengthening on "door".
        b.voicedStop(ALVEOLAR, 3800, 40).vowel(AO, 170, true).sonorant(R, 110, 0.7);
        return List.copyOf(b.phones);
    }

    private static final class Builder {
        private final List<Phone> phones = new ArrayList<>();

        Builder vowel(double[] f, double ms, boolean stressed) {
            return diphthong(f, f, ms, stressed);
        }

        Builder diphthong(double[] from, double[] to, double ms, boolean stressed) {
            return add(Phone.Kind.VOWEL, ms, from, to, 1, 0, 0, 0, 1, stressed);
        }

        Builder sonorant(double[] f, double ms, double voicing) {
            return add(Phone.Kind.CONSONANT, ms, f, f, voicing, 0, 0, 0, 1, false);
        }

        Builder fricative(double[] locus, double ms, double voicing, double level, double hz, double bw) {
            return add(Phone.Kind.CONSONANT, ms, locus, locus, voicing, 0, level, hz, bw, false);
        }

        Builder z(double ms) {
            return fricative(ALVEOLAR, ms, 0.3, 0.18, 6500, 3500);
        }

        /** Closure, release burst, then aspiration shaped by the following vowel's formants. */
        Builder voicelessStop(double[] locus, double burstHz, double closureMs, double burstMs, double aspirationMs,
                              double[] nextVowel) {
            add(Phone.Kind.CONSONANT, closureMs, locus, locus, 0, 0, 0, burstHz, 1500, false);
            add(Phone.Kind.CONSONANT, burstMs, locus, locus, 0, 0, 0.6, burstHz, 1500, false);
            return add(Phone.Kind.CONSONANT, aspirationMs, nextVowel, nextVowel, 0, 0.5, 0, burstHz, 1500, false);
        }

        /** Closure with a weak voice bar, then a short, weaker burst. */
        Builder voicedStop(double[] locus, double burstHz, double closureMs) {
            add(Phone.Kind.CONSONANT, closureMs, locus, locus, 0.08, 0, 0, burstHz, 2000, false);
            return add(Phone.Kind.CONSONANT, 8, locus, locus, 0.15, 0, 0.35, burstHz, 2000, false);
        }

        /** The American flapped /t/ in "sitting": a brief voiced closure. */
        Builder flap(double ms) {
            return add(Phone.Kind.CONSONANT, ms, ALVEOLAR, ALVEOLAR, 0.15, 0, 0.05, 3500, 2500, false);
        }

        Builder pause(double ms) {
            return add(Phone.Kind.PAUSE, ms, AX, AX, 0, 0, 0, 0, 1, false);
        }

        private Builder add(Phone.Kind kind, double ms, double[] from, double[] to, double voicing,
                            double aspiration, double frication, double noiseHz, double noiseBw, boolean stressed) {
            phones.add(new Phone(kind, ms * TEMPO, from, to, voicing, aspiration, frication, noiseHz, noiseBw,
                    stressed));
            return this;
        }
    }
}
