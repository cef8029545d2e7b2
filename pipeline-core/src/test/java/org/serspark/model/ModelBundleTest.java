package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.serspark.features.ChromaParams;
import org.serspark.features.FeatureConfig;

class ModelBundleTest {
    static final List<String> LABELS = List.of("a", "b", "c");

    static ModelBundle trained(Random r) {
        ModelConfig mc = new ModelConfig(ModelArchitecture.DUAL_LSTM, List.of(8, 4), 0.3, 5, 1e-2, 1e-4, 7, 6, 3);
        MultiLayerNetwork net = NetworkFactory.build(mc);
        List<float[][]> clips = List.of(NetworkFactoryTest.clip(r, 7, 6), NetworkFactoryTest.clip(r, 4, 6),
                NetworkFactoryTest.clip(r, 9, 6));
        FeatureNormalizer norm = FeatureNormalizer.fit(clips, 6);
        DataSet ds = SequenceDataSets.toDataSet(clips, new int[] {0, 1, 2}, 3, norm, 0);
        for (int i = 0; i < 3; i++) {
            net.fit(ds); // Adam state becomes non-trivial
        }
        return new ModelBundle(net, norm, FeatureConfig.librosaDefault(), LABELS,
                Map.of("model_config", mc.toMap(), "note", "test"));
    }

    @Test
    void roundTripGivesIdenticalPredictionsAndNoJavaSerialization(@TempDir Path tmp) throws IOException {
        Random r = new Random(11);
        ModelBundle b = trained(r);
        Path file = tmp.resolve("model.zip");
        b.save(file, true);
        ModelBundle loaded = ModelBundle.load(file);

        DataSet probe = SequenceDataSets.toDataSet(List.of(NetworkFactoryTest.clip(r, 5, 6),
                NetworkFactoryTest.clip(r, 8, 6)), null, 3, b.normalizer(), 0);
        INDArray before = b.network().output(probe.getFeatures(), false, probe.getFeaturesMaskArray(), null);
        INDArray after = loaded.network().output(probe.getFeatures(), false, probe.getFeaturesMaskArray(), null);
        assertArrayEquals(before.toFloatMatrix()[0], after.toFloatMatrix()[0], 0f);
        assertArrayEquals(before.toFloatMatrix()[1], after.toFloatMatrix()[1], 0f);
        assertArrayEquals(b.network().getUpdater().getStateViewArray().toFloatVector(),
                loaded.network().getUpdater().getStateViewArray().toFloatVector(), 0f);
        assertArrayEquals(b.normalizer().mean(), loaded.normalizer().mean(), 0);
        assertEquals(LABELS, loaded.labels());
        assertEquals(FeatureConfig.librosaDefault(), loaded.featureConfig());
        assertEquals("test", loaded.metadata().get("note"));

        try (ZipFile z = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                byte[] head = z.getInputStream(e).readNBytes(2);
                // 0xACED is the Java serialization stream magic
                assertFalse(head.length == 2 && (head[0] & 0xff) == 0xAC && (head[1] & 0xff) == 0xED, e.getName());
            }
        }
    }

    @Test
    void featuresFromAnotherConfigurationAreRefused(@TempDir Path tmp) throws IOException {
        ModelBundle b = trained(new Random(1));
        b.requireFeatureFingerprint(FeatureConfig.librosaDefault().fingerprint(), "ok");
        FeatureConfig other = new FeatureConfig(22050, FeatureConfig.librosaDefault().stft(),
                FeatureConfig.librosaDefault().mel(), 40, new ChromaParams(12, 0.0),
                FeatureConfig.librosaDefault().powerToDb(), FeatureConfig.librosaDefault().zcr());
        IncompatibleFeaturesException e = assertThrows(IncompatibleFeaturesException.class,
                () -> b.requireFeatureFingerprint(other.fingerprint(), "dataset X"));
        assertTrue(e.getMessage().contains("dataset X") && e.getMessage().contains(other.fingerprint()),
                e.getMessage());
    }

    @Test
    void zipEntriesThatEscapeAreRejected(@TempDir Path tmp) throws IOException {
        ModelBundle b = trained(new Random(2));
        Path good = tmp.resolve("good.zip");
        b.save(good, false);
        Path evil = tmp.resolve("evil.zip");
        try (ZipFile src = new ZipFile(good.toFile()); OutputStream os = Files.newOutputStream(evil);
             ZipOutputStream z = new ZipOutputStream(os)) {
            for (ZipEntry e : java.util.Collections.list(src.entries())) {
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(src.getInputStream(e).readAllBytes());
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry("../../outside.txt"));
            z.write("pwned".getBytes());
            z.closeEntry();
        }
        Path target = tmp.resolve("unpacked");
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> ModelBundle.unpack(evil, target));
        assertTrue(e.getMessage().contains("escapes the target directory"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("outside.txt")));
        assertFalse(Files.exists(tmp.getParent().resolve("outside.txt")));
        assertThrows(InvalidBundleException.class, () -> ModelBundle.load(evil));

        ModelBundle.unpack(good, target);
        assertTrue(Files.exists(target.resolve("params.bin")));
    }

    @Test
    void corruptBundlesFailWithTheFileName(@TempDir Path tmp) throws IOException {
        Path junk = tmp.resolve("junk.zip");
        Files.write(junk, "not a zip".getBytes());
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> ModelBundle.load(junk));
        assertTrue(e.getMessage().contains("junk.zip"), e.getMessage());
        assertThrows(InvalidBundleException.class, () -> ModelBundle.load(tmp.resolve("missing.zip")));
    }

    @Test
    void aBundleInMemoryLoadsAsItsFileDoesAndErrorsNameIt(@TempDir Path tmp) throws IOException {
        Random r = new Random(12);
        ModelBundle b = trained(r);
        Path file = tmp.resolve("model.zip");
        b.save(file, false);
        ModelBundle fromBytes = ModelBundle.load(Files.readAllBytes(file), "broadcast copy of model.zip");
        assertArrayEquals(b.network().params().toFloatVector(), fromBytes.network().params().toFloatVector(), 0f);
        assertTrue(fromBytes.network() != ModelBundle.load(Files.readAllBytes(file), "again").network(),
                "each load restores its own network");
        assertEquals(LABELS, fromBytes.labels());
        assertArrayEquals(b.normalizer().std(), fromBytes.normalizer().std(), 0);

        byte[] truncated = java.util.Arrays.copyOf(Files.readAllBytes(file), 200);
        InvalidBundleException e = assertThrows(InvalidBundleException.class,
                () -> ModelBundle.load(truncated, "the broadcast bundle"));
        assertTrue(e.getMessage().startsWith("the broadcast bundle: truncated"), e.getMessage());
        // the same from a file cut short by a failed copy
        Path cut = tmp.resolve("cut.zip");
        Files.write(cut, truncated);
        e = assertThrows(InvalidBundleException.class, () -> ModelBundle.load(cut));
        assertTrue(e.getMessage().startsWith(cut + ": truncated"), e.getMessage());
    }
}
