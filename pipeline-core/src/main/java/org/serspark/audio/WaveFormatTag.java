package org.serspark.audio;

import java.util.Locale;
import java.util.Map;

/** The {@code wFormatTag} values of a WAV fmt chunk this decoder reads, and human names for those it refuses. */
final class WaveFormatTag {
    static final int PCM = 0x0001;
    static final int IEEE_FLOAT = 0x0003;
    static final int EXTENSIBLE = 0xFFFE;

    /** Registered codec ids (mmreg.h) that turn up in the wild, so a reject names the codec, not just a number. */
    private static final Map<Integer, String> CODEC_NAMES = Map.ofEntries(
            Map.entry(0x0000, "unknown"),
            Map.entry(0x0002, "Microsoft ADPCM"),
            Map.entry(0x0006, "A-law"),
            Map.entry(0x0007, "mu-law"),
            Map.entry(0x0011, "IMA ADPCM"),
            Map.entry(0x0014, "ITU G.723 ADPCM"),
            Map.entry(0x0031, "GSM 6.10"),
            Map.entry(0x0040, "ITU G.721 ADPCM"),
            Map.entry(0x0042, "ITU G.723.1"),
            Map.entry(0x0045, "ITU G.726 ADPCM"),
            Map.entry(0x0050, "MPEG audio"),
            Map.entry(0x0055, "MPEG Layer 3 (MP3)"),
            Map.entry(0x0092, "Dolby AC-3 SPDIF"),
            Map.entry(0x00FF, "AAC"),
            Map.entry(0x0161, "Windows Media Audio"),
            Map.entry(0x0162, "Windows Media Audio Pro"),
            Map.entry(0x1610, "MPEG-4 AAC"),
            Map.entry(0x2000, "Dolby AC-3"),
            Map.entry(0x2001, "DTS"),
            Map.entry(0x674F, "Ogg Vorbis"),
            Map.entry(0xF1AC, "FLAC"));

    private WaveFormatTag() {
    }

    /** E.g. {@code "0x0055 (MPEG Layer 3 (MP3))"}. */
    static String describe(int tag) {
        String hex = String.format(Locale.ROOT, "0x%04X", tag);
        String name = CODEC_NAMES.get(tag);
        return name == null ? hex : hex + " (" + name + ")";
    }
}
