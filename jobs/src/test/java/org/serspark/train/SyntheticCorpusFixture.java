package org.serspark.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.serspark.extract.ExtractJob;
import org.serspark.extract.ExtractOptions;
import org.serspark.features.FeatureConfig;
import org.serspark.spark.LocalSpark;
import org.serspark.synth.SynthCorpus;
import org.serspark.synth.SynthSpec;

/** A synthetic corpus extracted once per JVM and shared by the training and CV tests. */
public final class SyntheticCorpusFixture {
    private static Path extracted;

    private SyntheticCorpusFixture() {
    }

    /** 8 actors x 32 clips (every emotion 4 times) of 1.5 s, extracted at 22050 Hz. */
    public static synchronized Path extracted() throws IOException {
        if (extracted == null) {
            Path root = Files.createTempDirectory("serspark-synth");
            root.toFile().deleteOnExit();
            SynthSpec spec = SynthSpec.defaults().withActors(8).withClipsPerActor(32).withDurationSeconds(1.5);
            SynthCorpus.write(spec, root.resolve("corpus"));
            Path out = root.resolve("extract");
            new ExtractJob(new ExtractOptions(root.resolve("corpus").toString(), out.toString(),
                    FeatureConfig.librosaDefault(), ExtractOptions.Mode.FAIL_IF_EXISTS, 1000, 16, 0,
                    ExtractOptions.MAX_FILE_BYTES_DEFAULT, Map.of()), LocalSpark.get(),
                    new PrintStream(new ByteArrayOutputStream())).run();
            extracted = out;
        }
        return extracted;
    }
}
