package org.serspark.ravdess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.serspark.ravdess.InvalidRavdessNameException.Reason;

class RavdessFileNameTest {

    @Test
    void decodesEveryFieldOfAnAudioOnlySpeechName() {
        RavdessFileName n = RavdessFileName.parse("03-01-06-01-02-01-12.wav");
        assertEquals(Modality.AUDIO_ONLY, n.modality());
        assertEquals(VocalChannel.SPEECH, n.vocalChannel());
        assertEquals(Emotion.FEARFUL, n.emotion());
        assertEquals(5, n.emotion().labelIndex());
        assertEquals(Intensity.NORMAL, n.intensity());
        assertEquals(Statement.DOGS, n.statement());
        assertEquals("Dogs are sitting by the door", n.statement().text());
        assertEquals(1, n.repetition());
        assertEquals(12, n.actor());
        assertEquals(Gender.FEMALE, n.gender());
    }

    @Test
    void decodesEveryFieldOfAFullAvSongName() {
        RavdessFileName n = RavdessFileName.parse("01-02-05-02-01-02-01.wav");
        assertEquals(Modality.FULL_AV, n.modality());
        assertEquals(VocalChannel.SONG, n.vocalChannel());
        assertEquals(Emotion.ANGRY, n.emotion());
        assertEquals(Intensity.STRONG, n.intensity());
        assertEquals(Statement.KIDS, n.statement());
        assertEquals("Kids are talking by the door", n.statement().text());
        assertEquals(2, n.repetition());
        assertEquals(1, n.actor());
        assertEquals(Gender.MALE, n.gender());
    }

    @Test
    void decodesVideoOnlyAndTheLastCodes() {
        RavdessFileName n = RavdessFileName.parse("02-01-08-02-02-02-24.wav");
        assertEquals(Modality.VIDEO_ONLY, n.modality());
        assertEquals(Emotion.SURPRISED, n.emotion());
        assertEquals(7, n.emotion().labelIndex());
        assertEquals(Intensity.STRONG, n.intensity());
        assertEquals(Statement.DOGS, n.statement());
        assertEquals(2, n.repetition());
        assertEquals(24, n.actor());
        assertEquals(Gender.FEMALE, n.gender());
    }

    @Test
    void acceptsUpperCaseExtensionAndWritesCanonicalName() {
        RavdessFileName n = RavdessFileName.parse("03-01-01-01-01-01-07.WaV");
        assertEquals(Emotion.NEUTRAL, n.emotion());
        assertEquals("03-01-01-01-01-01-07.wav", n.toFileName());
        assertEquals("Actor_07/03-01-01-01-01-01-07.wav", n.toRelativePath());
    }

    @Test
    void toFileNameRoundTripsEveryValidSpeechName() {
        int count = 0;
        for (int actor = 1; actor <= RavdessFileName.ACTORS; actor++) {
            for (Emotion e : Emotion.values()) {
                for (Intensity i : Intensity.values()) {
                    if (e == Emotion.NEUTRAL && i == Intensity.STRONG) {
                        continue;
                    }
                    for (Statement s : Statement.values()) {
                        for (int r = 1; r <= 2; r++) {
                            RavdessFileName n = RavdessFileName.audioSpeech(e, i, s, r, actor);
                            assertEquals(n, RavdessFileName.parse(n.toFileName()));
                            assertEquals(n, RavdessFileName.parse(n.toRelativePath()));
                            count++;
                        }
                    }
                }
            }
        }
        assertEquals(1440, count, "RAVDESS has 1440 audio-only speech files");
    }

    @Test
    void checksTheActorFolderOfARelativePath() {
        assertEquals(5, RavdessFileName.parse("Actor_05/03-01-02-01-01-01-05.wav").actor());
        assertEquals(5, RavdessFileName.parse("data\\Actor_05\\03-01-02-01-01-01-05.wav").actor());
        assertEquals(5, RavdessFileName.parse(Path.of("ravdess", "Actor_05", "03-01-02-01-01-01-05.wav")).actor());
        // A parent that is not an actor folder is not checked.
        assertEquals(5, RavdessFileName.parse("speech/03-01-02-01-01-01-05.wav").actor());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "03-01-01-01-01-01-01.mp4 | NOT_WAV | extension .mp4 is not .wav",
        "03-01-01-01-01-01-01.wav.bak | NOT_WAV | extension .bak is not .wav",
        "03-01-01-01-01-01-01 | NOT_WAV | no extension, expected .wav",
        "03-01-01-01-01-01.wav | FIELD_COUNT | 6 dash-separated fields, expected 7 (MM-VV-EE-II-SS-RR-AA)",
        "03-01-01-01-01-01-01-01.wav | FIELD_COUNT | 8 dash-separated fields, expected 7 (MM-VV-EE-II-SS-RR-AA)",
        "03_01_01_01_01_01_01.wav | FIELD_COUNT | 1 dash-separated fields, expected 7 (MM-VV-EE-II-SS-RR-AA)",
        "03-01-0x-01-01-01-01.wav | NOT_TWO_DIGITS | emotion field '0x' is not two digits",
        "03-01-1-01-01-01-01.wav | NOT_TWO_DIGITS | emotion field '1' is not two digits",
        "03-01-01-01-01-01-001.wav | NOT_TWO_DIGITS | actor field '001' is not two digits",
        "03-01-01-01--01-01.wav | NOT_TWO_DIGITS | statement field '' is not two digits",
        "03-01-01-01-01-01-\u0661\u0662.wav | NOT_TWO_DIGITS | actor field '\u0661\u0662' is not two digits",
        "04-01-01-01-01-01-01.wav | BAD_MODALITY | modality code 04 is not 01-03",
        "00-01-01-01-01-01-01.wav | BAD_MODALITY | modality code 00 is not 01-03",
        "03-03-01-01-01-01-01.wav | BAD_VOCAL_CHANNEL | vocal channel code 03 is not 01-02",
        "03-01-09-01-01-01-01.wav | BAD_EMOTION | emotion code 09 is not 01-08",
        "03-01-00-01-01-01-01.wav | BAD_EMOTION | emotion code 00 is not 01-08",
        "03-01-02-03-01-01-01.wav | BAD_INTENSITY | intensity code 03 is not 01-02",
        "03-01-02-01-03-01-01.wav | BAD_STATEMENT | statement code 03 is not 01-02",
        "03-01-02-01-01-03-01.wav | BAD_REPETITION | repetition code 03 is not 01-02",
        "03-01-02-01-01-01-25.wav | BAD_ACTOR | actor code 25 is not 01-24",
        "03-01-02-01-01-01-00.wav | BAD_ACTOR | actor code 00 is not 01-24",
        "03-01-01-02-01-01-01.wav | NEUTRAL_STRONG | neutral emotion (01) has no strong intensity (02)",
        "03-02-07-01-01-01-01.wav | SONG_EMOTION | song (02) has no disgust emotion (07)",
        "03-02-08-01-01-01-01.wav | SONG_EMOTION | song (02) has no surprised emotion (08)",
        "Actor_06/03-01-02-01-01-01-05.wav | ACTOR_FOLDER_MISMATCH | actor code 05 contradicts its folder Actor_06",
        "Actor_5/03-01-02-01-01-01-05.wav | BAD_ACTOR_FOLDER | folder Actor_5 is not Actor_01 to Actor_24",
        "Actor_25/03-01-02-01-01-01-05.wav | BAD_ACTOR_FOLDER | folder Actor_25 is not Actor_01 to Actor_24",
        "Actor_05/ | EMPTY_NAME | path ends with a separator",
    })
    void rejectsWithTheExactReason(String input, Reason reason, String detail) {
        InvalidRavdessNameException e = assertThrows(InvalidRavdessNameException.class,
                () -> RavdessFileName.parse(input));
        assertEquals(reason, e.reason());
        assertEquals(input, e.source());
        assertEquals(input + ": " + detail, e.getMessage());
    }

    @Test
    void rejectsEmptyAndNull() {
        assertEquals(Reason.EMPTY_NAME, assertThrows(InvalidRavdessNameException.class,
                () -> RavdessFileName.parse("")).reason());
        assertEquals(Reason.EMPTY_NAME, assertThrows(InvalidRavdessNameException.class,
                () -> RavdessFileName.parse((String) null)).reason());
    }

    @Test
    void reportsTheFirstBrokenRuleWhenSeveralAreBroken() {
        // Syntax before ranges, ranges in field order, then combinations, then the folder.
        assertEquals("emotion code 09 is not 01-08", detail("Actor_07/03-01-09-01-01-01-26.wav"));
        assertEquals("actor field 'ab' is not two digits", detail("04-01-09-01-01-01-ab.wav"));
        assertEquals("neutral emotion (01) has no strong intensity (02)", detail("Actor_07/03-01-01-02-01-01-05.wav"));
    }

    @Test
    void constructorEnforcesTheSameRules() {
        assertThrows(IllegalArgumentException.class,
                () -> RavdessFileName.audioSpeech(Emotion.NEUTRAL, Intensity.STRONG, Statement.KIDS, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> RavdessFileName.audioSpeech(Emotion.SAD, Intensity.STRONG, Statement.KIDS, 3, 1));
        assertThrows(IllegalArgumentException.class,
                () -> RavdessFileName.audioSpeech(Emotion.SAD, Intensity.STRONG, Statement.KIDS, 1, 25));
        assertThrows(IllegalArgumentException.class, () -> new RavdessFileName(Modality.AUDIO_ONLY,
                VocalChannel.SONG, Emotion.SURPRISED, Intensity.NORMAL, Statement.KIDS, 1, 1));
    }

    @Test
    void emotionCodesNamesAndLabelIndices() {
        String[] names = {"neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"};
        for (int i = 0; i < names.length; i++) {
            Emotion e = Emotion.fromCode(i + 1);
            assertEquals(i, e.labelIndex());
            assertEquals(names[i], e.label());
            assertSame(e, Emotion.fromName(names[i]));
            assertSame(e, Emotion.fromName(" " + names[i].toUpperCase() + " "));
            assertSame(e, Emotion.fromLabelIndex(i));
        }
        assertThrows(IllegalArgumentException.class, () -> Emotion.fromCode(0));
        assertThrows(IllegalArgumentException.class, () -> Emotion.fromCode(9));
        assertThrows(IllegalArgumentException.class, () -> Emotion.fromName("bored"));
        assertThrows(IllegalArgumentException.class, () -> Emotion.fromName(null));
        assertThrows(IllegalArgumentException.class, () -> Emotion.fromLabelIndex(8));
    }

    @Test
    void genderAlternatesWithActorNumber() {
        assertEquals(Gender.MALE, Gender.ofActor(1));
        assertEquals(Gender.FEMALE, Gender.ofActor(2));
        assertEquals(Gender.MALE, Gender.ofActor(23));
        assertEquals(Gender.FEMALE, Gender.ofActor(24));
        assertThrows(IllegalArgumentException.class, () -> Gender.ofActor(0));
        assertThrows(IllegalArgumentException.class, () -> Gender.ofActor(25));
    }

    private static String detail(String input) {
        String message = assertThrows(InvalidRavdessNameException.class, () -> RavdessFileName.parse(input))
                .getMessage();
        return message.substring(input.length() + 2);
    }
}
