package org.serspark.cli;

import org.serspark.conf.ConfigException;
import org.serspark.conf.SersparkConf;
import org.serspark.features.ChromaParams;
import org.serspark.features.FeatureConfig;
import org.serspark.features.MelParams;
import org.serspark.features.PowerToDb;
import org.serspark.features.Yin;
import org.serspark.spectrum.StftParams;

/** The {@code features:} section of the configuration as a {@link FeatureConfig}. */
public final class FeatureConfigs {
    private FeatureConfigs() {
    }

    public static FeatureConfig from(SersparkConf conf) {
        FeatureConfig d = FeatureConfig.librosaDefault();
        try {
            int sr = sampleRate(conf.string("features.sample_rate"));
            StftParams stft = new StftParams(conf.integer("features.n_fft"), conf.integer("features.hop_length"),
                    true);
            MelParams mel = new MelParams(conf.integer("features.n_mels"), d.mel().fmin(), d.mel().fmax(),
                    d.mel().htk(), d.mel().slaneyNorm());
            String tuning = conf.string("features.chroma_tuning");
            ChromaParams chroma = new ChromaParams(conf.integer("features.n_chroma"),
                    "estimate".equalsIgnoreCase(tuning) ? null : parseTuning(tuning));
            PowerToDb db = new PowerToDb(d.powerToDb().ref(), d.powerToDb().amin(), conf.number("features.top_db"));
            Yin pitch = conf.has("features.pitch") && conf.bool("features.pitch")
                    ? new Yin(conf.number("features.pitch_fmin"), conf.number("features.pitch_fmax"),
                    Yin.SPEECH_DEFAULT.troughThreshold()) : null;
            return new FeatureConfig(sr, stft, mel, conf.integer("features.n_mfcc"), chroma, db, d.zcr(), pitch);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("features: " + e.getMessage() + " (" + conf.source() + ")");
        }
    }

    /** "native" keeps each file's own rate (librosa's {@code sr=None}); otherwise a positive integer in Hz. */
    public static int sampleRate(String value) {
        if ("native".equalsIgnoreCase(value.trim())) {
            return FeatureConfig.NATIVE_RATE;
        }
        try {
            int sr = Integer.parseInt(value.trim());
            if (sr <= 0) {
                throw new NumberFormatException();
            }
            return sr;
        } catch (NumberFormatException e) {
            throw new ConfigException("sample rate must be 'native' or a positive integer in Hz, got '" + value + "'");
        }
    }

    private static double parseTuning(String v) {
        try {
            double t = Double.parseDouble(v);
            if (t < -0.5 || t >= 0.5) {
                throw new NumberFormatException();
            }
            return t;
        } catch (NumberFormatException e) {
            throw new ConfigException("features.chroma_tuning must be 'estimate' or a number in [-0.5, 0.5), got '"
                    + v + "'");
        }
    }
}
