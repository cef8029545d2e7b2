package org.serspark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.extract.ExtractJob;
import org.serspark.extract.ExtractOptions;
import org.serspark.extract.ExtractResult;
import org.serspark.features.FeatureConfig;
import org.serspark.synth.SynthCorpus;
import org.serspark.synth.SynthSpec;

/** extract reads its corpus from and writes its output to hdfs:// (an in-process HDFS), with the same rows. */
class HdfsExtractIT {

    static ExtractResult extract(String in, String out) throws Exception {
        return new ExtractJob(new ExtractOptions(in, out, FeatureConfig.librosaDefault(),
                ExtractOptions.Mode.FAIL_IF_EXISTS, 4, 2, 0, ExtractOptions.MAX_FILE_BYTES_DEFAULT, Map.of("test", true)),
                TestSpark.get(), new PrintStream(new ByteArrayOutputStream())).run();
    }

    @Test
    void extractsFromHdfsToHdfs(@TempDir Path tmp) throws Exception {
        Path local = tmp.resolve("corpus");
        SynthCorpus.write(SynthSpec.defaults().withActors(2).withClipsPerActor(4).withDurationSeconds(0.5), local);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            dfs.waitActive();
            String root = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
            FileSystem fs = dfs.getFileSystem();
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path("/corpus"));

            ExtractResult r = extract(root + "/corpus", root + "/features");
            assertEquals(8, r.extracted());
            assertEquals(0, r.rejected());
            assertTrue(r.featuresUri().startsWith("hdfs://"), r.featuresUri());
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/features/_SUCCESS")));
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/features/features/_SUCCESS")));
            assertTrue(!fs.exists(new org.apache.hadoop.fs.Path("/features/_work")), "work folder removed");
            JsonNode manifest;
            try (InputStream in = fs.open(new org.apache.hadoop.fs.Path("/features/manifest.json"))) {
                manifest = new ObjectMapper().readTree(in);
            }
            assertEquals(root + "/corpus", manifest.get("input").asText());
            assertEquals(8, manifest.get("counts").get("extracted").asInt());

            // the same clips extracted from the local filesystem give the same rows
            extract(local.toString(), tmp.resolve("features-local").toString());
            assertEquals(TestSpark.featureRows(tmp.resolve("features-local").toString()),
                    TestSpark.featureRows(root + "/features"));
        } finally {
            dfs.shutdown(true);
        }
    }
}
