package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.serspark.spectrum.StftParams;

class FeatureConfigTest {
    private static final FeatureConfig D = FeatureConfig.librosaDefault();

    @Test
    void librosaDefaultLayout() {
        assertEquals(22050, D.targetSampleRate());
        assertEquals(182, D.nFeatures());
        assertEquals(0, D.mfccOffset());
        assertEquals(40, D.chromaOffset());
        assertEquals(52, D.melOffset());
        assertEquals(180, D.zcrOffset());
        assertEquals(181, D.centroidOffset());
    }

    @Test
    void featureNamesFollowTheBlockOrder() {
        List<String> names = D.featureNames();
        assertEquals(182, names.size());
        assertEquals(182, new HashSet<>(names).size(), "names are unique");
        assertEquals("mfcc_00", names.get(0));
        assertEquals("mfcc_39", names.get(39));
        assertEquals("chroma_C", names.get(40));
        assertEquals("chroma_Cs", names.get(41));
        assertEquals("chroma_B", names.get(51));
        assertEquals("mel_000", names.get(52));
        assertEquals("mel_127", names.get(179));
        assertEquals("zcr", names.get(180));
        assertEquals("spectral_centroid", names.get(181));
    }

    @Test
    void fingerprintIsStableAcrossInstancesAndRuns() {
        assertEquals(D.fingerprint(), FeatureConfig.librosaDefault().fingerprint());
        assertEquals(16, D.fingerprint().length());
        assertTrue(D.fingerprint().matches("[0-9a-f]{16}"));
        // pinned: a change here means every stored feature set would be considered stale
        assertEquals(PINNED_DEFAULT_FINGERPRINT, D.fingerprint());
    }

    /** SHA-256 of the sorted key=value lines, recomputed independently with Python's hashlib. */
    static final String PINNED_DEFAULT_FINGERPRINT = "8b28782dc2b8ca78";

    @Test
    void fingerprintChangesWithEveryParameter() {
        StftParams s = D.stft();
        MelParams m = D.mel();
        PowerToDb p = D.powerToDb();
        ZeroCrossingRate z = D.zcr();
        List<FeatureConfig> variants = new ArrayList<>();
        variants.add(D.withTargetSampleRate(16000));
        variants.add(D.withTargetSampleRate(FeatureConfig.NATIVE_RATE));
        variants.add(with(D, new StftParams(1024, s.hop(), s.center()), m, D.nMfcc(), D.chroma(), p, z));
        variants.add(with(D, new StftParams(s.nFft(), 256, s.center()), m, D.nMfcc(), D.chroma(), p, z));
        variants.add(with(D, new StftParams(s.nFft(), s.hop(), false), m, D.nMfcc(), D.chroma(), p, z));
        variants.add(with(D, s, new MelParams(64, m.fmin(), m.fmax(), m.htk(), m.slaneyNorm()), D.nMfcc(),
                D.chroma(), p, z));
        variants.add(with(D, s, new MelParams(m.nMels(), 20.0, m.fmax(), m.htk(), m.slaneyNorm()), D.nMfcc(),
                D.chroma(), p, z));
        variants.add(with(D, s, new MelParams(m.nMels(), m.fmin(), 8000.0, m.htk(), m.slaneyNorm()), D.nMfcc(),
                D.chroma(), p, z));
        variants.add(with(D, s, new MelParams(m.nMels(), m.fmin(), m.fmax(), true, m.slaneyNorm()), D.nMfcc(),
                D.chroma(), p, z));
        variants.add(with(D, s, new MelParams(m.nMels(), m.fmin(), m.fmax(), m.htk(), false), D.nMfcc(),
                D.chroma(), p, z));
        variants.add(with(D, s, m, 20, D.chroma(), p, z));
        variants.add(with(D, s, m, D.nMfcc(), new ChromaParams(24, null), p, z));
        variants.add(with(D, s, m, D.nMfcc(), new ChromaParams(12, 0.0), p, z));
        variants.add(with(D, s, m, D.nMfcc(), D.chroma(), new PowerToDb(2.0, p.amin(), p.topDb()), z));
        variants.add(with(D, s, m, D.nMfcc(), D.chroma(), new PowerToDb(p.ref(), 1e-5, p.topDb()), z));
        variants.add(with(D, s, m, D.nMfcc(), D.chroma(), new PowerToDb(p.ref(), p.amin(), 60.0), z));
        variants.add(with(D, s, m, D.nMfcc(), D.chroma(), new PowerToDb(p.ref(), p.amin(), null), z));
        variants.add(with(D, s, m, D.nMfcc(), D.chroma(), p, new ZeroCrossingRate(1024, z.threshold(), z.zeroPos())));
        variants.add(with(D, s, m, D.nMfcc(), D.chroma(), p, new ZeroCrossingRate(z.frameLength(), 1e-3, z.zeroPos())));
        variants.add(with(D, s, m, D.nMfcc(), D.chroma(), p, new ZeroCrossingRate(z.frameLength(), z.threshold(), false)));

        Set<String> seen = new HashSet<>();
        seen.add(D.fingerprint());
        for (FeatureConfig v : variants) {
            assertTrue(seen.add(v.fingerprint()), "fingerprint did not change for " + v);
            // every variant survives the round trip through its recorded map (what datasets and models store)
            assertEquals(v, FeatureConfig.fromMap(v.toMap()));
        }
        assertEquals(D, FeatureConfig.fromMap(D.toMap()));
    }

    @Test
    void fromMapNamesTheMissingKey() {
        java.util.Map<String, String> m = new java.util.TreeMap<>(D.toMap());
        m.remove("mel.n_mels");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FeatureConfig.fromMap(m));
        assertTrue(e.getMessage().contains("mel.n_mels"), e.getMessage());
    }

    @Test
    void toMapIsSortedAndNamesEveryParameter() {
        List<String> keys = new ArrayList<>(D.toMap().keySet());
        List<String> sorted = new ArrayList<>(keys);
        java.util.Collections.sort(sorted);
        assertEquals(sorted, keys);
        assertEquals("22050", D.toMap().get("sample_rate"));
        assertEquals("estimate", D.toMap().get("chroma.tuning"));
        assertEquals("none", D.toMap().get("mel.fmax"));
        assertEquals("80.0", D.toMap().get("power_to_db.top_db"));
        assertEquals("1.0E-10", D.toMap().get("zcr.threshold"));
    }

    @Test
    void rejectsInconsistentConfigs() {
        assertThrows(IllegalArgumentException.class, () -> D.withTargetSampleRate(-1));
        assertThrows(IllegalArgumentException.class,
                () -> with(D, D.stft(), D.mel(), 129, D.chroma(), D.powerToDb(), D.zcr()));
        assertThrows(IllegalArgumentException.class, () -> with(D, new StftParams(2048, 512, false), D.mel(),
                40, D.chroma(), D.powerToDb(), new ZeroCrossingRate(1024, 1e-10, true)));
        assertThrows(IllegalArgumentException.class, () -> with(D, D.stft(), D.mel(), 40, D.chroma(),
                D.powerToDb(), new ZeroCrossingRate(2047, 1e-10, true)));
    }

    @Test
    void thePitchBlockAddsTwoColumnsAndLeavesPitchlessFingerprintsAlone() {
        FeatureConfig p = D.withPitch(Yin.SPEECH_DEFAULT);
        assertEquals(184, p.nFeatures());
        assertEquals(182, p.pitchOffset());
        assertEquals(List.of("spectral_centroid", "log2_f0", "f0_aperiodicity"), p.featureNames().subList(181, 184));
        assertEquals(PINNED_DEFAULT_FINGERPRINT, p.withPitch(null).fingerprint());
        assertNotEquals(D.fingerprint(), p.fingerprint());
        assertNotEquals(p.fingerprint(), D.withPitch(new Yin(80, 1046.5, 0.1)).fingerprint());
        assertEquals(p, FeatureConfig.fromMap(p.toMap()));
        assertEquals(D, FeatureConfig.fromMap(D.toMap()));
        assertEquals("v1:mfcc|chroma|mel_db|zcr|spectral_centroid|log2_f0_voiced_interpolated|f0_aperiodicity",
                p.toMap().get("layout"));
        // a range 2048-sample frames cannot hold is refused with the configuration, not file by file
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> D.withPitch(new Yin(20, 1000, 0.1)));
        assertTrue(e.getMessage().startsWith("pitch fmin 20.0 Hz needs periods of 1103 samples"), e.getMessage());
    }

    @Test
    void equalParametersGiveEqualFingerprints() {
        FeatureConfig a = with(D, new StftParams(2048, 512, true), new MelParams(128, 0.0, null, false, true), 40,
                new ChromaParams(12, null), new PowerToDb(1.0, 1e-10, 80.0), new ZeroCrossingRate(2048, 1e-10, true));
        assertEquals(D, a);
        assertEquals(D.fingerprint(), a.fingerprint());
        assertNotEquals(D.fingerprint(), D.withTargetSampleRate(44100).fingerprint());
    }

    private static FeatureConfig with(FeatureConfig base, StftParams s, MelParams m, int nMfcc, ChromaParams c,
                                      PowerToDb p, ZeroCrossingRate z) {
        return new FeatureConfig(base.targetSampleRate(), s, m, nMfcc, c, p, z);
    }
}
