package org.serspark.synth;

/**
 * One segment of a synthetic sentence, with what each sound source does during it. Formant targets are those of an
 * adult male (Peterson and Barney 1952; Hillenbrand et al. 1995) and are scaled per actor; the renderer glides between
 * successive targets, which gives consonant-vowel transitions and diphthongs.
 *
 * @param kind         vowels are syllable nuclei (pitch accents sit on them, they stretch most with rate)
 * @param ms           duration at speaking rate 1
 * @param from         F1-F3 target at the start of the segment, Hz
 * @param to           F1-F3 target at its end (different from {@code from} only for diphthongs)
 * @param voicing      glottal-pulse level (1 = an unstressed vowel)
 * @param aspiration   glottal-noise level, filtered by the vocal tract (aspirated stop releases)
 * @param frication    supraglottal noise level (fricatives, stop bursts), filtered by {@code noiseHz}/{@code noiseBw}
 * @param noiseHz      centre frequency of the frication noise, Hz
 * @param noiseBw      bandwidth of the frication noise, Hz
 * @param stressed     lexically stressed syllable: carries a pitch accent and is louder
 */
record Phone(Kind kind, double ms, double[] from, double[] to, double voicing, double aspiration, double frication,
             double noiseHz, double noiseBw, boolean stressed) {

    enum Kind {
        VOWEL,
        CONSONANT,
        PAUSE
    }
}
