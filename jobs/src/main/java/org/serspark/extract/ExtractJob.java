package org.serspark.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.serspark.BuildInfo;
import org.serspark.audio.Perturbation;
import org.serspark.corpus.ClipExtractor;
import org.serspark.corpus.ClipOutcome;
import org.serspark.corpus.RejectReason;
import org.serspark.features.FeatureConfig;
import org.serspark.spark.ProgressReporter;

/**
 * Spark job: a corpus of audio files to Parquet feature sequences partitioned by actor, plus a rejects table and a
 * manifest.
 *
 * <p>Executors read the audio themselves through the Hadoop FileSystem API; only relative paths travel from the
 * driver; rejected files travel back as small records. Work is done in chunks under {@code OUTPUT/_work/chunks}:
 * tasks write their Parquet files directly (one per actor and task attempt, {@link FeatureParquetWriter}); a chunk is
 * finished when the driver, after deleting what failed attempts left, wrote its {@code _SUCCESS} and its rejects, and a
 * resumed run skips finished chunks' files. The final dataset is assembled by renaming the chunks' Parquet files
 * (no rewrite) following a plan written first ({@code assembly.json}, so a killed assembly finishes on resume), and
 * {@code OUTPUT/_SUCCESS} is written last: an output without it is never complete.
 */
public final class ExtractJob {
    public static final String SUCCESS = "_SUCCESS";
    public static final String MANIFEST = "manifest.json";

    /** What an output's {@link #MANIFEST} says was done to its clips (keys absent before the options: 1). */
    public static Perturbation perturbation(JsonNode manifest) {
        return new Perturbation(manifest.path("speed").asDouble(1.0), manifest.path("pitch").asDouble(1.0));
    }
    static final String WORK = "_work";
    static final String RUN_FILE = "run.json";
    static final String ASSEMBLY_PLAN = "assembly.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Tests only: fail after this many assembly moves, as a crash mid-assembly would (-1 = never). */
    static volatile int failAfterMovesForTest = -1;

    private final ExtractOptions options;
    private final SparkSession spark;
    private final PrintStream log;

    public ExtractJob(ExtractOptions options, SparkSession spark, PrintStream log) {
        this.options = options;
        this.spark = spark;
        this.log = log;
    }

    public ExtractResult run() throws IOException {
        long t0 = System.nanoTime();
        Instant startedAt = Instant.now();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Path inputRoot = qualify(new Path(options.input()), hadoop);
        Path outRoot = qualify(new Path(options.output()), hadoop);
        FileSystem outFs = outRoot.getFileSystem(hadoop);
        FileSystem inFs = inputRoot.getFileSystem(hadoop);
        if (!inFs.exists(inputRoot)) {
            throw new ExtractException("input " + inputRoot + " does not exist");
        }
        if (!inFs.getFileStatus(inputRoot).isDirectory()) {
            throw new ExtractException("input " + inputRoot + " is not a directory");
        }
        prepareOutput(outFs, outRoot);
        Path work = new Path(outRoot, WORK);
        Path chunksDir = new Path(work, "chunks");
        outFs.mkdirs(chunksDir);
        checkOrWriteRunFile(outFs, new Path(work, RUN_FILE), inputRoot);
        Path planFile = new Path(work, ASSEMBLY_PLAN);

        int listed;
        int reused = 0;
        long tListed;
        long tExtracted;
        if (outFs.exists(planFile)) {
            // killed while moving finished chunks into place: finish the moves, extract nothing
            listed = -1;
            tListed = tExtracted = System.nanoTime();
            log.println("extract: resuming the final assembly of " + outRoot);
        } else {
            List<String> files = listFiles(inFs, inputRoot);
            listed = files.size();
            tListed = System.nanoTime();
            log.printf("extract: %d files under %s%n", files.size(), inputRoot);
            Set<String> done = new HashSet<>();
            List<Path> finishedChunks = new ArrayList<>();
            int nextChunk = finishedChunksAndDone(outFs, chunksDir, finishedChunks, done);
            List<String> todo = new ArrayList<>();
            for (String f : files) {
                if (!done.contains(f)) {
                    todo.add(f);
                }
            }
            reused = finishedChunks.size();
            if (reused > 0) {
                log.printf("extract: resuming, %d files already done in %d chunks, %d to go%n",
                        files.size() - todo.size(), reused, todo.size());
            }
            runChunks(todo, files.size() - todo.size(), files.size(), inputRoot, chunksDir, nextChunk,
                    finishedChunks);
            tExtracted = System.nanoTime();
            planAssembly(outFs, work, finishedChunks, listed);
        }
        AssemblyPlan plan = readPlan(outFs, planFile);
        ExtractResult result = assemble(outFs, outRoot, work, plan, reused, t0);
        writeCompanions(inFs, inputRoot, outFs, outRoot, plan);
        long tDone = System.nanoTime();
        writeManifest(outFs, outRoot, inputRoot, result, startedAt,
                Map.of("list_s", secs(tListed - t0), "extract_s", secs(tExtracted - tListed),
                        "assemble_s", secs(tDone - tExtracted), "total_s", secs(tDone - t0)));
        writeAtomically(outFs, new Path(outRoot, SUCCESS), new byte[0]);
        outFs.delete(work, true);
        return result;
    }

    private void prepareOutput(FileSystem fs, Path out) throws IOException {
        if (!fs.exists(out)) {
            return;
        }
        FileStatus[] children = fs.listStatus(out);
        if (children.length == 0) {
            return;
        }
        boolean complete = fs.exists(new Path(out, SUCCESS));
        boolean ours = complete || fs.exists(new Path(out, WORK)) || fs.exists(new Path(out, MANIFEST));
        switch (options.mode()) {
            case FAIL_IF_EXISTS -> throw new ExtractException(complete
                    ? "output " + out + " already holds a complete extract; use --overwrite to replace it"
                    : ours ? "output " + out + " holds an interrupted extract; use --resume to finish it or "
                            + "--overwrite to start again"
                            : "output " + out + " exists and is not empty; choose another --output");
            case OVERWRITE -> {
                if (!ours) {
                    // never delete a folder this job did not write
                    throw new ExtractException("output " + out + " exists and is not a serspark extract output; "
                            + "refusing to overwrite it");
                }
                log.printf("extract: --overwrite: deleting %s%n", out);
                fs.delete(out, true);
            }
            case RESUME -> {
                if (complete) {
                    throw new ExtractException("output " + out + " is already complete; nothing to resume "
                            + "(use --overwrite to extract again)");
                }
                if (!ours) {
                    throw new ExtractException("output " + out + " exists and is not a serspark extract output; "
                            + "nothing to resume");
                }
                // an interrupted assembly is finished from its plan (_work/assembly.json)
            }
        }
    }

    /** A resume must use the input and feature configuration of the run it finishes. */
    private void checkOrWriteRunFile(FileSystem fs, Path runFile, Path inputRoot) throws IOException {
        Map<String, Object> run = new TreeMap<>();
        run.put("input", inputRoot.toString());
        run.put("feature_fingerprint", options.features().fingerprint());
        // each absent as recorded, so runs from before the options resume
        if (options.perturbation().speed() != 1.0) {
            run.put("speed", options.perturbation().speed());
        }
        if (options.perturbation().pitch() != 1.0) {
            run.put("pitch", options.perturbation().pitch());
        }
        if (fs.exists(runFile)) {
            Map<?, ?> previous;
            try (InputStream in = fs.open(runFile)) {
                previous = JSON.readValue(in, Map.class);
            }
            if (!previous.equals(run)) {
                throw new ExtractException("cannot resume " + runFile.getParent().getParent() + ": it was started with "
                        + previous + " but this run has " + run + "; use --overwrite to start again");
            }
            return;
        }
        writeAtomically(fs, runFile, JSON.writeValueAsBytes(run));
    }

    /**
     * Every regular file under the root, relative, sorted; names starting with '.' or '_' are not corpus files.
     * Walks with listStatus rather than listFiles: on the local filesystem Hadoop's listFiles reads each file's
     * permissions by spawning a process per file (4 s for RAVDESS's 1440 files).
     */
    static List<String> listFiles(FileSystem fs, Path root) throws IOException {
        List<String> out = new ArrayList<>();
        walk(fs, root, "", out);
        out.sort(null);
        return out;
    }

    private static void walk(FileSystem fs, Path dir, String prefix, List<String> out) throws IOException {
        for (FileStatus st : fs.listStatus(dir)) {
            String name = st.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (st.isDirectory()) {
                walk(fs, st.getPath(), prefix + name + "/", out);
            } else {
                out.add(prefix + name);
            }
        }
    }

    /**
     * Finished chunks: the driver wrote their record ({@code chunk-N.json}, the clips and rejects of the chunk) after
     * keeping only the files of successful task attempts. A chunk folder without its record was cut off mid-way and is
     * deleted (redone). A record without a folder is a chunk whose files were all rejected.
     */
    private int finishedChunksAndDone(FileSystem fs, Path chunksDir, List<Path> finished, Set<String> done)
            throws IOException {
        int next = 0;
        FileStatus[] entries = fs.listStatus(chunksDir);
        java.util.Arrays.sort(entries);
        for (FileStatus st : entries) {
            String name = st.getPath().getName();
            if (!name.startsWith("chunk-")) {
                continue;
            }
            String chunk = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
            next = Math.max(next, Integer.parseInt(chunk.substring("chunk-".length())) + 1);
            if (st.isDirectory()) {
                if (!fs.exists(recordFile(st.getPath()))) {
                    fs.delete(st.getPath(), true);
                }
            } else if (name.endsWith(".json")) {
                Path dir = new Path(chunksDir, chunk);
                finished.add(dir);
                ChunkRecord r = readRecord(fs, dir);
                r.clips.forEach(c -> done.add(c.path));
                r.rejects.forEach(x -> done.add(x.path()));
            }
        }
        return next;
    }

    private void runChunks(List<String> todo, long alreadyDone, long total, Path inputRoot, Path chunksDir,
                           int firstChunk, List<Path> finished) throws IOException {
        if (todo.isEmpty()) {
            return;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        FileSystem fs = chunksDir.getFileSystem(jsc.hadoopConfiguration());
        Broadcast<SerializableConfiguration> hadoopConf =
                jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
        FeatureConfig featureConfig = options.features();
        Perturbation perturbation = options.perturbation();
        String root = inputRoot.toString();
        long maxBytes = options.maxFileBytes();
        int perChunk = options.filesPerChunk();
        int nChunks = (todo.size() + perChunk - 1) / perChunk;
        LongAccumulator filesDone = jsc.sc().longAccumulator("extract files done");
        long start = System.nanoTime();
        try (ProgressReporter progress = new ProgressReporter("extract", "files", total, alreadyDone,
                filesDone::value, options.progressSeconds(), log)) {
            for (int c = 0; c < nChunks; c++) {
                List<String> chunk = todo.subList(c * perChunk, Math.min(todo.size(), (c + 1) * perChunk));
                Path chunkDir = new Path(chunksDir, String.format("chunk-%05d", firstChunk + c));
                jsc.setJobGroup("extract", String.format("extract: chunk %d/%d (%d files)", c + 1, nChunks,
                        chunk.size()), false);
                int slices = Math.max(1, (chunk.size() + options.filesPerTask() - 1) / options.filesPerTask());
                String chunkUri = chunkDir.toString();
                // Each task writes its clips straight to Parquet, one file per actor, named for the task attempt;
                // only the successful attempts' records come back, so files a failed or lost attempt left behind
                // are recognised and deleted before the chunk is marked finished.
                ChunkRecord record = new ChunkRecord();
                for (ChunkRecord t : jsc.parallelize(new ArrayList<>(chunk), slices)
                        .mapPartitions(paths -> extractPartition(paths, root, chunkUri, hadoopConf.value().value(),
                                featureConfig, perturbation, maxBytes, filesDone))
                        .collect()) {
                    record.clips.addAll(t.clips);
                    record.rejects.addAll(t.rejects);
                }
                Set<String> committed = new HashSet<>();
                record.clips.forEach(clip -> committed.add(clip.file));
                removeUncommitted(fs, chunkDir, committed);
                writeAtomically(fs, recordFile(chunkDir), JSON.writeValueAsBytes(record));
                finished.add(chunkDir);
                double secs = (System.nanoTime() - start) / 1e9;
                log.println(ProgressReporter.line("extract", "files", alreadyDone + filesDone.value(), total,
                        filesDone.value(), secs));
            }
        } finally {
            jsc.clearJobGroup();
        }
    }

    static Iterator<ChunkRecord> extractPartition(Iterator<String> paths, String root, String chunkDir,
                                                  Configuration conf, FeatureConfig featureConfig,
                                                  Perturbation perturbation,
                                                  long maxBytes, LongAccumulator filesDone) throws IOException {
        Path rootPath = new Path(root);
        FileSystem fs = rootPath.getFileSystem(conf);
        ClipExtractor extractor = new ClipExtractor(featureConfig, perturbation);
        Map<Integer, List<ClipOutcome.Extracted>> byActor = new TreeMap<>();
        ChunkRecord record = new ChunkRecord();
        while (paths.hasNext()) {
            String rel = paths.next();
            ClipOutcome o = processOne(fs, rootPath, rel, extractor, maxBytes);
            if (o instanceof ClipOutcome.Extracted e) {
                byActor.computeIfAbsent(e.name().actor(), a -> new ArrayList<>()).add(e);
            } else {
                record.rejects.add(RejectRecord.of((ClipOutcome.Rejected) o));
            }
            filesDone.add(1);
        }
        TaskContext task = TaskContext.get();
        String name = String.format("part-%05d-attempt-%d.snappy.parquet", task.partitionId(), task.taskAttemptId());
        for (Map.Entry<Integer, List<ClipOutcome.Extracted>> e : byActor.entrySet()) {
            Path dir = FeatureParquetWriter.partitionDirectory(new Path(chunkDir), e.getKey());
            FeatureParquetWriter.write(conf, new Path(dir, name), e.getValue());
            for (ClipOutcome.Extracted c : e.getValue()) {
                record.clips.add(new ChunkRecord.Clip(c.path(), c.audioSha256(), dir.getName() + "/" + name,
                        ClipSummary.of(c)));
            }
        }
        return List.of(record).iterator();
    }

    /** Deletes every file under a chunk's actor folders that no successful task attempt reported. */
    static void removeUncommitted(FileSystem fs, Path chunkDir, Set<String> committed) throws IOException {
        if (!fs.exists(chunkDir)) {
            return;
        }
        for (FileStatus part : fs.listStatus(chunkDir)) {
            if (!part.isDirectory()) {
                continue;
            }
            for (FileStatus f : fs.listStatus(part.getPath())) {
                if (!committed.contains(part.getPath().getName() + "/" + f.getPath().getName())) {
                    fs.delete(f.getPath(), true);
                }
            }
        }
    }

    private static ClipOutcome processOne(FileSystem fs, Path root, String rel, ClipExtractor extractor,
                                          long maxBytes) {
        Path p = new Path(root, rel);
        long len = -1;
        try {
            len = fs.getFileStatus(p).getLen();
            if (len > maxBytes) {
                return new ClipOutcome.Rejected(rel, len, RejectReason.TOO_LARGE,
                        rel + ": " + len + " bytes is over the per-file limit of " + maxBytes);
            }
            byte[] bytes = new byte[(int) len];
            try (FSDataInputStream in = fs.open(p)) {
                in.readFully(0, bytes);
            }
            return extractor.process(rel, bytes);
        } catch (IOException e) {
            return new ClipOutcome.Rejected(rel, Math.max(len, 0), RejectReason.READ_ERROR,
                    rel + ": could not be read: " + e);
        }
    }

    /** What the assembly will move where, written before the first move so a killed assembly can finish. */
    public static final class AssemblyPlan {
        public int filesListed;
        public List<String[]> moves = new ArrayList<>();
        public List<ChunkRecord.Clip> clips = new ArrayList<>();
        public List<RejectRecord> rejects = new ArrayList<>();
    }

    private void planAssembly(FileSystem fs, Path work, List<Path> chunks, int listed) throws IOException {
        AssemblyPlan plan = new AssemblyPlan();
        plan.filesListed = listed;
        Path target = new Path(work, "final/features");
        Map<String, RejectRecord> rejects = new TreeMap<>();
        Map<String, ChunkRecord.Clip> clips = new TreeMap<>();
        for (Path chunk : chunks) {
            ChunkRecord record = readRecord(fs, chunk);
            record.rejects.forEach(r -> rejects.put(r.path(), r));
            record.clips.forEach(c -> clips.put(c.path, c));
            if (!fs.exists(chunk)) {
                continue; // every file of the chunk was rejected
            }
            for (FileStatus part : fs.listStatus(chunk)) {
                String name = part.getPath().getName();
                if (!part.isDirectory() || !name.startsWith(ExtractSchema.ACTOR + "=")) {
                    continue;
                }
                for (FileStatus f : fs.listStatus(part.getPath())) {
                    if (f.getPath().getName().endsWith(".parquet")) {
                        plan.moves.add(new String[] {f.getPath().toString(),
                            new Path(new Path(target, name), chunk.getName() + "-" + f.getPath().getName()).toString()});
                    }
                }
            }
        }
        plan.rejects.addAll(rejects.values());
        plan.clips.addAll(clips.values());
        writeAtomically(fs, new Path(work, ASSEMBLY_PLAN), JSON.writeValueAsBytes(plan));
    }

    private static AssemblyPlan readPlan(FileSystem fs, Path planFile) throws IOException {
        try (InputStream in = fs.open(planFile)) {
            return JSON.readValue(in, AssemblyPlan.class);
        }
    }

    /** Moves the chunks' Parquet files into one dataset by renames (no rewrite), then the rejects table. */
    private ExtractResult assemble(FileSystem fs, Path out, Path work, AssemblyPlan plan, int reused, long t0)
            throws IOException {
        spark.sparkContext().setJobGroup("extract", "extract: assemble " + plan.moves.size() + " files", false);
        Path featuresOut = new Path(out, "features");
        Path rejectsOut = new Path(out, "rejects");
        Path featuresTmp = new Path(work, "final/features");
        Path rejectsTmp = new Path(work, "final/rejects");
        if (!fs.exists(featuresOut)) {
            fs.mkdirs(featuresTmp);
            int moved = 0;
            for (String[] move : plan.moves) {
                if (moved++ == failAfterMovesForTest) {
                    throw new IOException("injected failure after " + failAfterMovesForTest + " moves");
                }
                Path src = new Path(move[0]);
                Path dst = new Path(move[1]);
                if (fs.exists(src)) {
                    fs.mkdirs(dst.getParent());
                    fs.delete(dst, false);
                    if (!fs.rename(src, dst)) {
                        throw new IOException("could not move " + src + " to " + dst);
                    }
                }
            }
            writeAtomically(fs, new Path(featuresTmp, SUCCESS), new byte[0]);
            if (!fs.rename(featuresTmp, featuresOut)) {
                throw new IOException("could not move " + featuresTmp + " to " + featuresOut);
            }
        }
        if (!fs.exists(rejectsOut)) {
            fs.delete(rejectsTmp, true);
            List<Object[]> rows = new ArrayList<>();
            for (RejectRecord r : plan.rejects) {
                rows.add(ExtractSchema.rejectValues(r));
            }
            SparkRowParquetWriter.write(fs.getConf(), new Path(rejectsTmp, "part-00000.snappy.parquet"),
                    ExtractSchema.REJECT_SCHEMA, rows.iterator());
            writeAtomically(fs, new Path(rejectsTmp, SUCCESS), new byte[0]);
            if (!fs.rename(rejectsTmp, rejectsOut)) {
                throw new IOException("could not move " + rejectsTmp + " to " + rejectsOut);
            }
        }
        int extracted = plan.clips.size();
        Map<String, Integer> byReason = new TreeMap<>();
        for (RejectRecord r : plan.rejects) {
            byReason.merge(r.reason(), 1, Integer::sum);
        }
        Map<String, List<String>> bySha = new TreeMap<>();
        for (ChunkRecord.Clip c : plan.clips) {
            bySha.computeIfAbsent(c.sha256, k -> new ArrayList<>()).add(c.path);
        }
        List<List<String>> duplicates = new ArrayList<>();
        for (List<String> paths : bySha.values()) {
            if (paths.size() > 1) {
                duplicates.add(paths.stream().sorted().toList());
            }
        }
        int listed = plan.filesListed;
        double secs = (System.nanoTime() - t0) / 1e9;
        return new ExtractResult(out.toString(), featuresOut.toString(), rejectsOut.toString(), listed, extracted,
                plan.rejects.size(), byReason, duplicates, reused, secs, secs > 0 ? listed / secs : 0, plan.rejects);
    }

    /** Summaries in CSV and JSON for readers without Parquet (docs/schema.md); before the manifest and _SUCCESS. */
    private void writeCompanions(FileSystem inFs, Path inputRoot, FileSystem outFs, Path outRoot, AssemblyPlan plan)
            throws IOException {
        writeAtomically(outFs, new Path(outRoot, ClipTable.FILE),
                ClipTable.csv(plan.clips, options.features().featureNames()));
        int samples = FeatureSamples.write(inFs, inputRoot, outFs, outRoot, options.features(), plan.clips);
        log.printf("extract: %s (%d clips), %s/ (%d clips, one per emotion)%n", ClipTable.FILE, plan.clips.size(),
                FeatureSamples.DIR, samples);
    }

    private static Path recordFile(Path chunkDir) {
        return new Path(chunkDir.getParent(), chunkDir.getName() + ".json");
    }

    private static ChunkRecord readRecord(FileSystem fs, Path chunkDir) throws IOException {
        try (InputStream in = fs.open(recordFile(chunkDir))) {
            return JSON.readValue(in, ChunkRecord.class);
        }
    }

    private void writeManifest(FileSystem fs, Path out, Path input, ExtractResult r, Instant startedAt,
                               Map<String, Double> timings) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "serspark extract");
        m.put("status", "complete");
        m.put("input", input.toString());
        m.put("output", out.toString());
        m.put("started_at", startedAt.toString());
        m.put("finished_at", Instant.now().toString());
        m.put("code", BuildInfo.current().provenance());
        m.put("code_version", BuildInfo.current().codeVersion());
        m.put("spark_version", spark.version());
        m.put("spark_master", spark.sparkContext().master());
        m.put("feature_fingerprint", options.features().fingerprint());
        m.put("speed", options.perturbation().speed());
        m.put("pitch", options.perturbation().pitch());
        m.put("feature_config", options.features().toMap());
        m.put("feature_names", options.features().featureNames());
        m.put("configuration", options.resolvedConfig());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("files_listed", r.filesListed());
        counts.put("extracted", r.extracted());
        counts.put("rejected", r.rejected());
        counts.put("rejects_by_reason", r.rejectsByReason());
        counts.put("duplicate_groups", r.duplicates().size());
        counts.put("chunks_reused", r.chunksReused());
        m.put("counts", counts);
        m.put("duplicates", r.duplicates());
        List<Map<String, Object>> rejects = new ArrayList<>();
        for (RejectRecord rec : r.rejects().subList(0, Math.min(1000, r.rejects().size()))) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("path", rec.path());
            e.put("reason", rec.reason());
            e.put("detail", rec.detail());
            rejects.add(e);
        }
        m.put("rejects", rejects);
        m.put("companions", Map.of("clips", ClipTable.FILE,
                "feature_samples", FeatureSamples.DIR + "/" + FeatureSamples.INDEX));
        m.put("timings_s", new TreeMap<>(timings));
        m.put("files_per_second", r.filesListed() / Math.max(1e-9, timings.get("total_s")));
        writeAtomically(fs, new Path(out, MANIFEST), JSON.writeValueAsBytes(m));
    }

    /** Write to a temporary name, then rename: readers never see half a file. */
    static void writeAtomically(FileSystem fs, Path target, byte[] bytes) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        try (OutputStream os = fs.create(tmp, true)) {
            os.write(bytes);
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not rename " + tmp + " to " + target);
        }
    }

    static Path qualify(Path p, Configuration conf) {
        try {
            return p.getFileSystem(conf).makeQualified(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double secs(long nanos) {
        return Math.round(nanos / 1e6) / 1e3;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
