package org.serspark.features;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.serspark.spectrum.StftParams;

/**
 * Every parameter of the per-frame feature vector, defaults mirroring librosa 0.10.1. A frame holds, in this
 * order: MFCC ({@code nMfcc}) | chroma ({@code n_chroma}) | mel dB ({@code n_mels}) | zero-crossing rate (1) |
 * spectral centroid (1): 182 values with the defaults; with {@code pitch}, then log2 f0 on voiced frames,
 * interpolated across the others | f0 aperiodicity ({@link Yin}): 184.
 *
 * @param targetSampleRate rate the audio is resampled to before analysis, or {@link #NATIVE_RATE} to analyse it at
 *                         its own rate (librosa's {@code sr=None}); the librosa default for {@code load} is 22050
 * @param stft             STFT framing shared by every block ({@code n_fft}, {@code hop_length}, {@code center})
 * @param mel              mel filter bank
 * @param nMfcc            {@code n_mfcc} (default 40)
 * @param chroma           chroma parameters
 * @param powerToDb        {@code power_to_db} for the mel dB block (which is also the MFCC input)
 * @param zcr              zero-crossing-rate parameters (hop and centring come from {@code stft})
 * @param pitch            the pitch block's YIN parameters (frames of {@code n_fft} samples, hop and centring from
 *                         {@code stft}), or null for none
 */
public record FeatureConfig(int targetSampleRate, StftParams stft, MelParams mel, int nMfcc, ChromaParams chroma,
                            PowerToDb powerToDb, ZeroCrossingRate zcr, Yin pitch) implements java.io.Serializable {
    /** {@link #targetSampleRate()} value meaning "keep the input's rate" (librosa's {@code sr=None}). */
    public static final int NATIVE_RATE = 0;
    /** librosa's default {@code sr} for {@code librosa.load}. */
    public static final int LIBROSA_SAMPLE_RATE = 22050;
    /** Hex digits kept from the SHA-256 in {@link #fingerprint()}: 64 bits, plenty to tell configs apart. */
    static final int FINGERPRINT_HEX_DIGITS = 16;
    /** Bumped whenever the meaning of a frame changes without a parameter changing (goes into the fingerprint). */
    static final String LAYOUT = "v1:mfcc|chroma|mel_db|zcr|spectral_centroid";
    /** The layout with the pitch block after the centroid. */
    static final String LAYOUT_PITCH = LAYOUT + "|log2_f0_voiced_interpolated|f0_aperiodicity";

    private static final String[] PITCH_CLASSES = {"C", "Cs", "D", "Ds", "E", "F", "Fs", "G", "Gs", "A", "As", "B"};

    public FeatureConfig {
        if (targetSampleRate < 0) {
            throw new IllegalArgumentException("target sample rate must be > 0 or NATIVE_RATE, got " + targetSampleRate);
        }
        if (stft == null || mel == null || chroma == null || powerToDb == null || zcr == null) {
            throw new IllegalArgumentException("every parameter group must be set");
        }
        if (nMfcc < 1 || nMfcc > mel.nMels()) {
            throw new IllegalArgumentException("n_mfcc must be in [1, n_mels=" + mel.nMels() + "], got " + nMfcc);
        }
        if (chroma.nChroma() < 1) {
            throw new IllegalArgumentException("n_chroma must be >= 1, got " + chroma.nChroma());
        }
        if (stft.center() && zcr.frameLength() % 2 != 0) {
            // centred ZCR frames number 1 + (n + 2*(length//2) - length) // hop, the STFT's 1 + n // hop only if even
            throw new IllegalArgumentException("with center=true the ZCR frame length must be even, got "
                    + zcr.frameLength());
        }
        if (!stft.center() && zcr.frameLength() != stft.nFft()) {
            // without centring the frame counts are 1 + (n - length) // hop, equal only for equal lengths
            throw new IllegalArgumentException("with center=false the ZCR frame length must equal n_fft");
        }
        if (pitch != null && targetSampleRate != NATIVE_RATE) {
            // at a fixed rate a range the frames cannot hold is a configuration error, not a per-file one
            pitch.maxPeriod(targetSampleRate, stft.nFft());
        }
    }

    /** Without the pitch block. */
    public FeatureConfig(int targetSampleRate, StftParams stft, MelParams mel, int nMfcc, ChromaParams chroma,
                         PowerToDb powerToDb, ZeroCrossingRate zcr) {
        this(targetSampleRate, stft, mel, nMfcc, chroma, powerToDb, zcr, null);
    }

    /** librosa 0.10.1 defaults, resampling to 22050 Hz. */
    public static FeatureConfig librosaDefault() {
        return new FeatureConfig(LIBROSA_SAMPLE_RATE, StftParams.LIBROSA_DEFAULT, MelParams.LIBROSA_DEFAULT,
                Mfcc.N_MFCC_DEFAULT, ChromaParams.LIBROSA_DEFAULT, PowerToDb.LIBROSA_DEFAULT,
                ZeroCrossingRate.LIBROSA_DEFAULT);
    }

    public FeatureConfig withTargetSampleRate(int rate) {
        return new FeatureConfig(rate, stft, mel, nMfcc, chroma, powerToDb, zcr, pitch);
    }

    /** The same features with the pitch block ({@code null}: without). */
    public FeatureConfig withPitch(Yin p) {
        return new FeatureConfig(targetSampleRate, stft, mel, nMfcc, chroma, powerToDb, zcr, p);
    }

    public boolean hasPitch() {
        return pitch != null;
    }

    public boolean nativeRate() {
        return targetSampleRate == NATIVE_RATE;
    }

    public int nChroma() {
        return chroma.nChroma();
    }

    public int nMels() {
        return mel.nMels();
    }

    public int mfccOffset() {
        return 0;
    }

    public int chromaOffset() {
        return nMfcc;
    }

    public int melOffset() {
        return chromaOffset() + nChroma();
    }

    public int zcrOffset() {
        return melOffset() + nMels();
    }

    public int centroidOffset() {
        return zcrOffset() + 1;
    }

    /** Where log2 f0 is (f0 aperiodicity follows); {@link #nFeatures()} when there is no pitch block. */
    public int pitchOffset() {
        return centroidOffset() + 1;
    }

    /** Values per frame: {@code n_mfcc + n_chroma + n_mels + 2}, 2 more with the pitch block. */
    public int nFeatures() {
        return pitchOffset() + (hasPitch() ? 2 : 0);
    }

    /**
     * Column names in frame order: {@code mfcc_00.., chroma_C, chroma_Cs, .., chroma_B} (sharps spelled {@code s}
     * so names stay identifiers; {@code chroma_00..} when {@code n_chroma != 12}), {@code mel_000..},
     * {@code zcr}, {@code spectral_centroid}, and with pitch {@code log2_f0}, {@code f0_aperiodicity}.
     */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>(nFeatures());
        indexed(names, "mfcc_", nMfcc);
        if (nChroma() == PITCH_CLASSES.length) {
            for (String pc : PITCH_CLASSES) {
                names.add("chroma_" + pc);
            }
        } else {
            indexed(names, "chroma_", nChroma());
        }
        indexed(names, "mel_", nMels());
        names.add("zcr");
        names.add("spectral_centroid");
        if (hasPitch()) {
            names.add("log2_f0");
            names.add("f0_aperiodicity");
        }
        return Collections.unmodifiableList(names);
    }

    private static void indexed(List<String> names, String prefix, int n) {
        int width = Math.max(2, Integer.toString(n - 1).length());
        String format = prefix + "%0" + width + "d";
        for (int i = 0; i < n; i++) {
            names.add(String.format(Locale.ROOT, format, i));
        }
    }

    /**
     * Every parameter under librosa's name, sorted by key, values in a canonical text form (integers in decimal,
     * doubles as {@link Double#toString}, absent optional values as {@code none}), for provenance records.
     */
    /**
     * The inverse of {@link #toMap()}: rebuilds the configuration a dataset or model recorded, so a model can
     * extract features for new audio exactly as its training data was extracted.
     *
     * @throws IllegalArgumentException naming the key when a value is missing or not understood
     */
    public static FeatureConfig fromMap(Map<String, String> m) {
        String layout = req(m, "layout");
        if (!LAYOUT.equals(layout) && !LAYOUT_PITCH.equals(layout)) {
            throw new IllegalArgumentException("feature layout '" + layout + "' is not this version's '" + LAYOUT
                    + "' or '" + LAYOUT_PITCH + "'");
        }
        String sr = req(m, "sample_rate");
        int rate = "native".equals(sr) ? NATIVE_RATE : Integer.parseInt(sr);
        StftParams stft = new StftParams(Integer.parseInt(req(m, "stft.n_fft")),
                Integer.parseInt(req(m, "stft.hop_length")), Boolean.parseBoolean(req(m, "stft.center")));
        String fmax = req(m, "mel.fmax");
        MelParams mel = new MelParams(Integer.parseInt(req(m, "mel.n_mels")), Double.parseDouble(req(m, "mel.fmin")),
                "none".equals(fmax) ? null : Double.valueOf(fmax), Boolean.parseBoolean(req(m, "mel.htk")),
                "slaney".equals(req(m, "mel.norm")));
        String topDb = req(m, "power_to_db.top_db");
        PowerToDb db = new PowerToDb(Double.parseDouble(req(m, "power_to_db.ref")),
                Double.parseDouble(req(m, "power_to_db.amin")), "none".equals(topDb) ? null : Double.valueOf(topDb));
        String tuning = req(m, "chroma.tuning");
        ChromaParams chroma = new ChromaParams(Integer.parseInt(req(m, "chroma.n_chroma")),
                "estimate".equals(tuning) ? null : Double.valueOf(tuning));
        ZeroCrossingRate zcr = new ZeroCrossingRate(Integer.parseInt(req(m, "zcr.frame_length")),
                Double.parseDouble(req(m, "zcr.threshold")), Boolean.parseBoolean(req(m, "zcr.zero_pos")));
        Yin pitch = LAYOUT.equals(layout) ? null : new Yin(Double.parseDouble(req(m, "pitch.fmin")),
                Double.parseDouble(req(m, "pitch.fmax")), Double.parseDouble(req(m, "pitch.trough_threshold")));
        return new FeatureConfig(rate, stft, mel, Integer.parseInt(req(m, "mfcc.n_mfcc")), chroma, db, zcr, pitch);
    }

    private static String req(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("feature configuration lacks '" + key + "'");
        }
        return v;
    }

    public SortedMap<String, String> toMap() {
        TreeMap<String, String> m = new TreeMap<>();
        m.put("layout", hasPitch() ? LAYOUT_PITCH : LAYOUT);
        m.put("sample_rate", nativeRate() ? "native" : Integer.toString(targetSampleRate));
        m.put("stft.n_fft", Integer.toString(stft.nFft()));
        m.put("stft.hop_length", Integer.toString(stft.hop()));
        m.put("stft.center", Boolean.toString(stft.center()));
        // fixed by the implementation, recorded so that provenance is self-describing
        m.put("stft.window", "hann");
        m.put("stft.pad_mode", "constant");
        m.put("mel.n_mels", Integer.toString(mel.nMels()));
        m.put("mel.fmin", Double.toString(mel.fmin()));
        m.put("mel.fmax", mel.fmax() == null ? "none" : Double.toString(mel.fmax()));
        m.put("mel.htk", Boolean.toString(mel.htk()));
        m.put("mel.norm", mel.slaneyNorm() ? "slaney" : "none");
        m.put("power_to_db.ref", Double.toString(powerToDb.ref()));
        m.put("power_to_db.amin", Double.toString(powerToDb.amin()));
        m.put("power_to_db.top_db", powerToDb.topDb() == null ? "none" : Double.toString(powerToDb.topDb()));
        m.put("mfcc.n_mfcc", Integer.toString(nMfcc));
        m.put("mfcc.dct", "type2_ortho");
        m.put("chroma.n_chroma", Integer.toString(chroma.nChroma()));
        m.put("chroma.tuning", chroma.fixedTuning() == null ? "estimate" : Double.toString(chroma.fixedTuning()));
        m.put("zcr.frame_length", Integer.toString(zcr.frameLength()));
        m.put("zcr.threshold", Double.toString(zcr.threshold()));
        m.put("zcr.zero_pos", Boolean.toString(zcr.zeroPos()));
        m.put("zcr.pad_mode", "edge");
        if (hasPitch()) {
            // absent without the block, so the fingerprints of pitch-less configurations are what they were
            m.put("pitch.method", "yin");
            m.put("pitch.fmin", Double.toString(pitch.fmin()));
            m.put("pitch.fmax", Double.toString(pitch.fmax()));
            m.put("pitch.trough_threshold", Double.toString(pitch.troughThreshold()));
            m.put("pitch.frame_length", "n_fft");
            m.put("pitch.win_length", "n_fft/2");
            m.put("pitch.voiced_below", Double.toString(Yin.VOICED_BELOW));
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /** The first 16 hex digits of the SHA-256 of {@link #toMap()} serialised as {@code key=value\n} lines. */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, String> e : toMap().entrySet()) {
            canonical.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
