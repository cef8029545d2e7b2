package org.serspark.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.serspark.features.FeatureConfig;

/**
 * A trained model as one zip: the network (configuration JSON + raw float parameters), the feature normaliser, the
 * feature configuration and its fingerprint, the label list, and metadata (training configuration, metrics, code
 * version). Nothing in it is Java-serialized, so loading a bundle cannot run code; entry names are checked so a
 * crafted zip cannot write outside a target folder when unpacked.
 */
public final class ModelBundle {
    public static final String FORMAT = "serspark-model/1";
    static final String META = "bundle.json";
    static final String NETWORK = "network.json";
    static final String PARAMS = "params.bin";
    static final String UPDATER = "updater.bin";
    static final String NORMALIZER = "normalizer.json";
    static final Set<String> ENTRIES = Set.of(META, NETWORK, PARAMS, UPDATER, NORMALIZER);
    /** No legitimate entry is larger; a bigger one is a corrupt or hostile file. */
    static final long MAX_ENTRY_BYTES = 1L << 30;
    private static final byte[] MAGIC = "SSPARAM1".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final MultiLayerNetwork network;
    private final FeatureNormalizer normalizer;
    private final FeatureConfig featureConfig;
    private final List<String> labels;
    private final Map<String, Object> metadata;

    public ModelBundle(MultiLayerNetwork network, FeatureNormalizer normalizer, FeatureConfig featureConfig,
                       List<String> labels, Map<String, Object> metadata) {
        this.network = network;
        this.normalizer = normalizer;
        this.featureConfig = featureConfig;
        this.labels = List.copyOf(labels);
        this.metadata = Map.copyOf(metadata);
    }

    public MultiLayerNetwork network() {
        return network;
    }

    public FeatureNormalizer normalizer() {
        return normalizer;
    }

    public FeatureConfig featureConfig() {
        return featureConfig;
    }

    public List<String> labels() {
        return labels;
    }

    /** Training configuration, metrics, provenance: whatever the trainer recorded. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** Refuses features made with another configuration than the one this model was trained on. */
    public void requireFeatureFingerprint(String fingerprint, String what) {
        if (!featureConfig.fingerprint().equals(fingerprint)) {
            throw new IncompatibleFeaturesException(what + " has feature fingerprint " + fingerprint
                    + " but the model was trained on " + featureConfig.fingerprint()
                    + ": extract the features again with the model's feature configuration (bundle.json "
                    + "feature_config)");
        }
    }

    /** Writes the bundle atomically (a reader never sees half a zip). */
    public void save(Path file, boolean withUpdater) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("format", FORMAT);
            meta.put("labels", labels);
            meta.put("feature_fingerprint", featureConfig.fingerprint());
            meta.put("feature_config", featureConfig.toMap());
            meta.put("n_params", network.numParams());
            meta.putAll(metadata);
            put(zip, META, JSON.writeValueAsBytes(meta));
            put(zip, NETWORK, network.getLayerWiseConfigurations().toJson().getBytes(StandardCharsets.UTF_8));
            put(zip, PARAMS, floats(network.params()));
            if (withUpdater && network.getUpdater() != null && network.getUpdater().getStateViewArray() != null) {
                put(zip, UPDATER, floats(network.getUpdater().getStateViewArray()));
            }
            put(zip, NORMALIZER, JSON.writeValueAsBytes(normalizer));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static ModelBundle load(Path file) throws IOException {
        return load(readEntries(file), file.toString());
    }

    /**
     * A bundle already in memory (a Spark task's broadcast copy), without a temporary file; {@code name} stands for
     * the file in error messages.
     */
    public static ModelBundle load(byte[] bundle, String name) throws IOException {
        return load(readEntries(new ByteArrayInputStream(bundle), name), name);
    }

    private static ModelBundle load(Map<String, byte[]> entries, String file) throws IOException {
        for (String required : List.of(META, NETWORK, PARAMS, NORMALIZER)) {
            if (!entries.containsKey(required)) {
                throw new InvalidBundleException(file + ": not a serspark model bundle: no " + required);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = JSON.readValue(entries.get(META), Map.class);
        if (!FORMAT.equals(meta.get("format"))) {
            throw new InvalidBundleException(file + ": bundle format " + meta.get("format") + ", expected " + FORMAT);
        }
        @SuppressWarnings("unchecked")
        Map<String, String> fc = (Map<String, String>) meta.get("feature_config");
        FeatureConfig featureConfig;
        try {
            featureConfig = FeatureConfig.fromMap(fc);
        } catch (RuntimeException e) {
            throw new InvalidBundleException(file + ": feature_config: " + e.getMessage());
        }
        if (!featureConfig.fingerprint().equals(meta.get("feature_fingerprint"))) {
            throw new InvalidBundleException(file + ": feature_config does not match feature_fingerprint "
                    + meta.get("feature_fingerprint"));
        }
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(
                new String(entries.get(NETWORK), StandardCharsets.UTF_8));
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        INDArray params = toArray(entries.get(PARAMS), file, PARAMS);
        net.init(params, false);
        if (params.length() != net.numParams()) {
            throw new InvalidBundleException(file + ": " + params.length() + " parameters for a network of "
                    + net.numParams());
        }
        if (entries.containsKey(UPDATER)) {
            INDArray state = toArray(entries.get(UPDATER), file, UPDATER);
            if (net.getUpdater().getStateViewArray() != null
                    && state.length() == net.getUpdater().getStateViewArray().length()) {
                net.getUpdater().setStateViewArray(net, state, false);
            }
        }
        FeatureNormalizer normalizer = JSON.readValue(entries.get(NORMALIZER), FeatureNormalizer.class);
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) meta.get("labels");
        Map<String, Object> rest = new HashMap<>(meta);
        for (String k : List.of("format", "labels", "feature_fingerprint", "feature_config", "n_params")) {
            rest.remove(k);
        }
        return new ModelBundle(net, normalizer, featureConfig, labels, rest);
    }

    /**
     * Unpacks a bundle's entries into {@code dir}, refusing any entry whose name would land outside it
     * ({@code ../x}, absolute paths) or that the format does not define.
     */
    public static void unpack(Path zipFile, Path dir) throws IOException {
        Map<String, byte[]> entries = readEntries(zipFile);
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            Files.write(safeTarget(root, e.getKey(), zipFile.toString()), e.getValue());
        }
    }

    static Path safeTarget(Path root, String name, String zipFile) {
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || name.startsWith("/") || name.contains("\\")) {
            throw new InvalidBundleException(zipFile + ": zip entry '" + name + "' escapes the target directory");
        }
        return target;
    }

    private static Map<String, byte[]> readEntries(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidBundleException(file + ": no such model bundle");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readEntries(in, file.toString());
        }
    }

    private static Map<String, byte[]> readEntries(InputStream in, String file) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        Path probeRoot = Path.of("/bundle").toAbsolutePath();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                safeTarget(probeRoot, name, file);
                if (e.isDirectory() || !ENTRIES.contains(name)) {
                    throw new InvalidBundleException(file + ": unexpected zip entry '" + name + "'");
                }
                if (out.containsKey(name)) {
                    throw new InvalidBundleException(file + ": duplicate zip entry '" + name + "'");
                }
                out.put(name, readLimited(zip, file, name));
            }
        } catch (java.util.zip.ZipException e) {
            throw new InvalidBundleException(file + ": not a valid zip: " + e.getMessage());
        } catch (java.io.EOFException e) {
            // a copy cut short: the zip ends inside an entry
            throw new InvalidBundleException(file + ": truncated (" + e.getMessage() + ")");
        }
        return out;
    }

    private static byte[] readLimited(InputStream in, String file, String name) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > MAX_ENTRY_BYTES) {
                throw new InvalidBundleException(file + ": zip entry '" + name + "' is larger than "
                        + MAX_ENTRY_BYTES + " bytes");
            }
            bos.write(buf, 0, n);
        }
        return bos.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Magic, count, then little-endian float32 values: no Java serialization, readable from any language. */
    static byte[] floats(INDArray a) {
        float[] v = a.castTo(DataType.FLOAT).reshape(a.length()).toFloatVector();
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 8 + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putLong(v.length);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    static INDArray toArray(byte[] bytes, String file, String name) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        if (bytes.length < MAGIC.length + 8) {
            throw new InvalidBundleException(file + ": " + name + " is truncated");
        }
        b.get(magic);
        long n = b.getLong();
        if (!java.util.Arrays.equals(magic, MAGIC) || n < 0 || n * 4 != b.remaining()) {
            throw new InvalidBundleException(file + ": " + name + " is corrupt (bad header or length)");
        }
        float[] v = new float[(int) n];
        b.asFloatBuffer().get(v);
        return Nd4j.create(v, new long[] {1, n}, 'c');
    }
}
