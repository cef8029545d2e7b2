package org.serspark.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.serspark.conf.SersparkConf;

/**
 * Creates the one SparkSession a command uses. Under spark-submit the master and settings come from spark-submit;
 * launched by ./spark-submit/serspark (no spark.master set) it runs in local mode as conf/serspark.yaml says.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession getOrCreate(String appName, SersparkConf conf) {
        scala.Option<SparkSession> active = SparkSession.getDefaultSession();
        if (active.isDefined() && !active.get().sparkContext().isStopped()) {
            return active.get(); // one session per JVM: later stages of a pipeline reuse the first
        }
        SparkConf sc = new SparkConf(true).setAppName(appName);
        if (!sc.contains("spark.master")) {
            sc.setMaster(conf.has("spark.master") ? conf.string("spark.master") : "local[*]");
            if (!sc.contains("spark.ui.enabled")) {
                sc.set("spark.ui.enabled", Boolean.toString(conf.has("spark.ui") && conf.bool("spark.ui")));
            }
            // local runs: few, small shuffles; the default 200 partitions only add scheduling overhead
            sc.setIfMissing("spark.sql.shuffle.partitions", "8");
            sc.setIfMissing("spark.driver.host", "127.0.0.1");
        }
        sc.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        // DL4J refuses Kryo without the ND4J registrator (INDArrays would not serialise)
        sc.setIfMissing("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
        sc.setIfMissing("spark.sql.parquet.compression.codec", "zstd");
        // file:// without a chmod process per created file (NioLocalFileSystem)
        sc.setIfMissing("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName());
        // OpenMP threads spin-waiting on small machines cost 3-7x in training (docs/RESULTS.md)
        sc.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        SparkSession spark = SparkSession.builder().config(sc).getOrCreate();
        if (!Boolean.getBoolean("serspark.verbose")) {
            spark.sparkContext().setLogLevel("WARN");
        }
        return spark;
    }
}
