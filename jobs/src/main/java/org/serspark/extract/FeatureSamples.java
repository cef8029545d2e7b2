package org.serspark.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.serspark.audio.DecodedAudio;
import org.serspark.audio.WavDecoder;
import org.serspark.features.FeatureBlocks;
import org.serspark.features.FeatureConfig;
import org.serspark.features.FeatureExtractor;
import org.serspark.features.FeatureJson;
import org.serspark.ravdess.Emotion;
import org.serspark.ravdess.Intensity;
import org.serspark.ravdess.RavdessFileName;

/**
 * {@code feature_samples/}: the full per-frame features of one clip per emotion, in the layout of
 * {@code serspark features --json} (librosa's {@code [rows][frames]} per block), so a notebook can show them as
 * images and hold them against librosa without a Parquet reader. Recomputed on the driver with the job's own
 * {@link FeatureExtractor} and configuration (a handful of clips, about a second), rather than carried through the
 * chunk records.
 */
final class FeatureSamples {
    static final String DIR = "feature_samples";
    static final String INDEX = "index.csv";

    private FeatureSamples() {
    }

    /**
     * One clip per emotion present: the first by path of normal intensity (every emotion has it; neutral has no
     * other), else the first by path. {@code clips} must be sorted by path.
     */
    static List<ChunkRecord.Clip> pick(List<ChunkRecord.Clip> clips) {
        Map<Emotion, ChunkRecord.Clip> normal = new EnumMap<>(Emotion.class);
        Map<Emotion, ChunkRecord.Clip> any = new EnumMap<>(Emotion.class);
        for (ChunkRecord.Clip c : clips) {
            RavdessFileName n = RavdessFileName.parse(c.path);
            any.putIfAbsent(n.emotion(), c);
            if (n.intensity() == Intensity.NORMAL) {
                normal.putIfAbsent(n.emotion(), c);
            }
        }
        List<ChunkRecord.Clip> out = new ArrayList<>();
        for (Emotion e : any.keySet()) {
            out.add(normal.getOrDefault(e, any.get(e)));
        }
        return out;
    }

    /** Extracts and writes the samples and then their index; returns how many were written. */
    static int write(FileSystem inFs, Path inputRoot, FileSystem outFs, Path outRoot, FeatureConfig config,
                     List<ChunkRecord.Clip> clips) throws IOException {
        Path dir = new Path(outRoot, DIR);
        outFs.mkdirs(dir);
        FeatureExtractor extractor = new FeatureExtractor(config);
        StringBuilder index = new StringBuilder("emotion,actor,intensity,path,file\n");
        List<ChunkRecord.Clip> picked = pick(clips);
        for (ChunkRecord.Clip c : picked) {
            RavdessFileName n = RavdessFileName.parse(c.path);
            Path source = new Path(inputRoot, c.path);
            byte[] bytes = new byte[(int) inFs.getFileStatus(source).getLen()];
            try (FSDataInputStream in = inFs.open(source)) {
                in.readFully(0, bytes);
            }
            DecodedAudio audio = WavDecoder.decode(bytes, c.path);
            FeatureBlocks blocks = extractor.blocks(audio.samples(), audio.sampleRate());
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            FeatureJson.write(blocks, json);
            String file = n.emotion().label() + ".json";
            ExtractJob.writeAtomically(outFs, new Path(dir, file), json.toByteArray());
            index.append(n.emotion().label()).append(',').append(n.actor()).append(',')
                    .append(n.intensity().name().toLowerCase(java.util.Locale.ROOT)).append(',')
                    .append(ClipTable.quote(c.path)).append(',').append(file).append('\n');
        }
        ExtractJob.writeAtomically(outFs, new Path(dir, INDEX), index.toString().getBytes(StandardCharsets.UTF_8));
        return picked.size();
    }
}
