package org.serspark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.serspark.audio.DecodedAudio;
import org.serspark.audio.WavDecoder;
import org.serspark.conf.SersparkConf;
import org.serspark.features.FeatureBlocks;
import org.serspark.features.FeatureConfig;
import org.serspark.features.FeatureExtractor;
import org.serspark.features.FeatureJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Compute one clip's features and write them in librosa's layout (n_frames, estimated_tuning, "
                + "mel_db, mfcc, chroma, zcr, spectral_centroid as [rows][frames]) to hold against librosa.")
public final class FeaturesCommand implements Callable<Integer> {

    @Mixin
    ConfOptions confOptions;

    @Parameters(index = "0", paramLabel = "FILE.wav", description = "The WAV file.")
    Path file;

    @Option(names = "--sample-rate", paramLabel = "native|HZ",
            description = "'native' keeps the file's rate (librosa sr=None); default features.sample_rate (22050).")
    String sampleRate;

    @Option(names = "--json", paramLabel = "OUT.json", required = true, description = "Where to write the JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        SersparkConf conf = confOptions.load();
        if (sampleRate != null) {
            conf = conf.with("features.sample_rate", sampleRate);
        }
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + ": no such file");
        }
        FeatureConfig config = FeatureConfigs.from(conf);
        DecodedAudio audio = WavDecoder.decode(file);
        FeatureBlocks blocks = new FeatureExtractor(config).blocks(audio.samples(), audio.sampleRate());
        FeatureJson.write(blocks, json);
        System.out.printf(Locale.ROOT, "features: %s: %d Hz -> %d Hz, %d frames, tuning %.2f -> %s%n", file,
                audio.sampleRate(), blocks.sampleRate(), blocks.nFrames(), blocks.estimatedTuning(), json);
        return 0;
    }
}
