package org.serspark.ravdess;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

import org.serspark.ravdess.InvalidRavdessNameException.Reason;

/**
 * A decoded RAVDESS file name {@code MM-VV-EE-II-SS-RR-AA.wav}: modality, vocal channel, emotion, intensity,
 * statement, repetition and actor. Construction validates the same rules as {@link #parse(String)} (neutral has no
 * strong intensity, songs have no disgust or surprise), so every instance names a file RAVDESS could contain.
 *
 * @param modality     field 1: 01 full-AV, 02 video-only, 03 audio-only
 * @param vocalChannel field 2: 01 speech, 02 song
 * @param emotion      field 3: 01 neutral .. 08 surprised
 * @param intensity    field 4: 01 normal, 02 strong
 * @param statement    field 5: 01 "Kids are talking by the door", 02 "Dogs are sitting by the door"
 * @param repetition   field 6: 1 or 2
 * @param actor        field 7: 1 to 24, odd male, even female
 */
public record RavdessFileName(Modality modality, VocalChannel vocalChannel, Emotion emotion, Intensity intensity,
                              Statement statement, int repetition, int actor) {

    /** Actors are numbered 1..ACTORS. */
    public static final int ACTORS = 24;
    public static final int REPETITIONS = 2;
    public static final String EXTENSION = ".wav";
    /** Prefix of the per-actor folders in the RAVDESS archives, {@code Actor_01} .. {@code Actor_24}. */
    public static final String ACTOR_FOLDER_PREFIX = "Actor_";

    private static final int FIELDS = 7;
    private static final String LAYOUT = "MM-VV-EE-II-SS-RR-AA";
    private static final String[] FIELD_NAMES = {
        "modality", "vocal channel", "emotion", "intensity", "statement", "repetition", "actor"};
    private static final Reason[] RANGE_REASONS = {
        Reason.BAD_MODALITY, Reason.BAD_VOCAL_CHANNEL, Reason.BAD_EMOTION, Reason.BAD_INTENSITY,
        Reason.BAD_STATEMENT, Reason.BAD_REPETITION, Reason.BAD_ACTOR};
    private static final int[] MAX_CODES = {
        Modality.values().length, VocalChannel.values().length, Emotion.COUNT, Intensity.values().length,
        Statement.values().length, REPETITIONS, ACTORS};

    public RavdessFileName {
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(vocalChannel, "vocalChannel");
        Objects.requireNonNull(emotion, "emotion");
        Objects.requireNonNull(intensity, "intensity");
        Objects.requireNonNull(statement, "statement");
        if (repetition < 1 || repetition > REPETITIONS) {
            throw new IllegalArgumentException("repetition " + repetition + " is not 1-" + REPETITIONS);
        }
        requireActor(actor);
        String conflict = combinationConflict(vocalChannel, emotion, intensity);
        if (conflict != null) {
            throw new IllegalArgumentException(conflict);
        }
    }

    /** An audio-only speech file, the kind the speech-emotion pipeline reads. */
    public static RavdessFileName audioSpeech(Emotion emotion, Intensity intensity, Statement statement,
                                              int repetition, int actor) {
        return new RavdessFileName(Modality.AUDIO_ONLY, VocalChannel.SPEECH, emotion, intensity, statement,
                repetition, actor);
    }

    /**
     * Parses a bare file name ({@code 03-01-05-02-01-02-12.wav}) or a relative path whose parent folder may be an
     * actor folder ({@code Actor_12/03-01-05-02-01-02-12.wav}, either separator). When the parent folder starts with
     * {@code Actor_} it must be {@code Actor_NN} with the same actor as the name's last field; other parent folders
     * are not checked. The extension must be {@code .wav} in any letter case.
     *
     * @throws InvalidRavdessNameException naming the input and the first rule it breaks
     */
    public static RavdessFileName parse(String nameOrRelativePath) {
        String source = String.valueOf(nameOrRelativePath);
        if (nameOrRelativePath == null || nameOrRelativePath.isEmpty()) {
            throw new InvalidRavdessNameException(source, Reason.EMPTY_NAME, "file name is empty");
        }
        String path = nameOrRelativePath.replace('\\', '/');
        int slash = path.lastIndexOf('/');
        String fileName = path.substring(slash + 1);
        String parent = null;
        if (slash > 0) {
            int parentStart = path.lastIndexOf('/', slash - 1) + 1;
            parent = path.substring(parentStart, slash);
        }
        if (fileName.isEmpty()) {
            throw new InvalidRavdessNameException(source, Reason.EMPTY_NAME, "path ends with a separator");
        }

        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            throw new InvalidRavdessNameException(source, Reason.NOT_WAV, "no extension, expected " + EXTENSION);
        }
        String extension = fileName.substring(dot);
        if (!extension.equalsIgnoreCase(EXTENSION)) {
            throw new InvalidRavdessNameException(source, Reason.NOT_WAV,
                    "extension " + extension + " is not " + EXTENSION);
        }

        String[] fields = fileName.substring(0, dot).split("-", -1);
        if (fields.length != FIELDS) {
            throw new InvalidRavdessNameException(source, Reason.FIELD_COUNT,
                    fields.length + " dash-separated fields, expected " + FIELDS + " (" + LAYOUT + ")");
        }
        int[] codes = new int[FIELDS];
        for (int i = 0; i < FIELDS; i++) {
            codes[i] = twoDigitValue(fields[i]);
            if (codes[i] < 0) {
                throw new InvalidRavdessNameException(source, Reason.NOT_TWO_DIGITS,
                        FIELD_NAMES[i] + " field '" + fields[i] + "' is not two digits");
            }
        }
        for (int i = 0; i < FIELDS; i++) {
            if (codes[i] < 1 || codes[i] > MAX_CODES[i]) {
                throw new InvalidRavdessNameException(source, RANGE_REASONS[i],
                        FIELD_NAMES[i] + " code " + fields[i] + " is not 01-" + twoDigits(MAX_CODES[i]));
            }
        }
        VocalChannel channel = VocalChannel.fromCode(codes[1]);
        Emotion emotion = Emotion.fromCode(codes[2]);
        Intensity intensity = Intensity.fromCode(codes[3]);
        if (emotion == Emotion.NEUTRAL && intensity == Intensity.STRONG) {
            throw new InvalidRavdessNameException(source, Reason.NEUTRAL_STRONG,
                    combinationConflict(channel, emotion, intensity));
        }
        String conflict = combinationConflict(channel, emotion, intensity);
        if (conflict != null) {
            throw new InvalidRavdessNameException(source, Reason.SONG_EMOTION, conflict);
        }
        int actor = codes[6];
        if (parent != null && parent.regionMatches(true, 0, ACTOR_FOLDER_PREFIX, 0, ACTOR_FOLDER_PREFIX.length())) {
            int folderActor = parent.length() == ACTOR_FOLDER_PREFIX.length() + 2
                    ? twoDigitValue(parent.substring(ACTOR_FOLDER_PREFIX.length())) : -1;
            if (folderActor < 1 || folderActor > ACTORS) {
                throw new InvalidRavdessNameException(source, Reason.BAD_ACTOR_FOLDER,
                        "folder " + parent + " is not " + actorFolder(1) + " to " + actorFolder(ACTORS));
            }
            if (folderActor != actor) {
                throw new InvalidRavdessNameException(source, Reason.ACTOR_FOLDER_MISMATCH,
                        "actor code " + fields[6] + " contradicts its folder " + parent);
            }
        }
        return new RavdessFileName(Modality.fromCode(codes[0]), channel, emotion, intensity,
                Statement.fromCode(codes[4]), codes[5], actor);
    }

    /**
     * Parses the last two elements of {@code path} (actor folder and file name) as {@link #parse(String)} does;
     * folders above the parent are not looked at.
     */
    public static RavdessFileName parse(Path path) {
        Path fileName = path.getFileName();
        if (fileName == null) {
            throw new InvalidRavdessNameException(path.toString(), Reason.EMPTY_NAME, "path has no file name");
        }
        Path parent = path.getParent() == null ? null : path.getParent().getFileName();
        return parse(parent == null ? fileName.toString() : parent + "/" + fileName);
    }

    /** Canonical file name, always with a lower-case {@code .wav}, e.g. {@code 03-01-05-02-01-02-12.wav}. */
    public String toFileName() {
        return twoDigits(modality.code()) + '-' + twoDigits(vocalChannel.code()) + '-' + twoDigits(emotion.code())
                + '-' + twoDigits(intensity.code()) + '-' + twoDigits(statement.code()) + '-'
                + twoDigits(repetition) + '-' + twoDigits(actor) + EXTENSION;
    }

    /** Path relative to the corpus root as the RAVDESS archives lay it out: {@code Actor_12/03-01-...-12.wav}. */
    public String toRelativePath() {
        return actorFolder(actor) + '/' + toFileName();
    }

    public Gender gender() {
        return Gender.ofActor(actor);
    }

    /** Folder name of an actor, {@code Actor_NN}. */
    public static String actorFolder(int actor) {
        requireActor(actor);
        return ACTOR_FOLDER_PREFIX + twoDigits(actor);
    }

    @Override
    public String toString() {
        return toFileName();
    }

    static void requireActor(int actor) {
        if (actor < 1 || actor > ACTORS) {
            throw new IllegalArgumentException("actor " + actor + " is not 1-" + ACTORS);
        }
    }

    static String twoDigits(int code) {
        return String.format(Locale.ROOT, "%02d", code);
    }

    /** Value of a field of exactly two ASCII digits, or -1 (Character.isDigit would accept non-ASCII digits). */
    private static int twoDigitValue(String field) {
        if (field.length() != 2) {
            return -1;
        }
        char hi = field.charAt(0);
        char lo = field.charAt(1);
        if (hi < '0' || hi > '9' || lo < '0' || lo > '9') {
            return -1;
        }
        return (hi - '0') * 10 + (lo - '0');
    }

    /** Why a channel/emotion/intensity combination does not occur in RAVDESS, or null when it does. */
    private static String combinationConflict(VocalChannel channel, Emotion emotion, Intensity intensity) {
        if (emotion == Emotion.NEUTRAL && intensity == Intensity.STRONG) {
            return "neutral emotion (" + emotion.codeField() + ") has no strong intensity ("
                    + twoDigits(intensity.code()) + ")";
        }
        // RAVDESS actors sang only neutral, calm, happy, sad, angry and fearful.
        if (channel == VocalChannel.SONG && (emotion == Emotion.DISGUST || emotion == Emotion.SURPRISED)) {
            return "song (" + twoDigits(channel.code()) + ") has no " + emotion.label() + " emotion ("
                    + emotion.codeField() + ")";
        }
        return null;
    }
}
