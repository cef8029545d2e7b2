package org.serspark.extract;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.serspark.corpus.ClipOutcome;

/**
 * Prototype for timing only (FeatureParquetWriterBenchmark {@code ab}), not a writer to use: feature rows written
 * straight to parquet-mr's column writers with hand-computed levels, bypassing the RecordConsumer state machine.
 * It writes everything as one row group, handles no empty matrices or nulls, and hard-codes column positions.
 */
final class DirectColumnPrototype {
    static void write(Configuration conf, Path file, List<ClipOutcome.Extracted> clips) throws IOException {
        MessageType schema = FeatureParquetWriter.PARQUET_SCHEMA;
        ParquetProperties props = ParquetProperties.builder()
                .withDictionaryEncoding(FeatureParquetWriter.FEATURE_VALUES_COLUMN, false).build();
        ParquetFileWriter fw = new ParquetFileWriter(HadoopOutputFile.fromPath(file, conf), schema,
                ParquetFileWriter.Mode.OVERWRITE, 128L << 20, 8 << 20);
        fw.start();
        CodecFactory codecs = new CodecFactory(conf, props.getPageSizeThreshold());
        ColumnChunkPageWriteStore pages = new ColumnChunkPageWriteStore(codecs.getCompressor(CompressionCodecName.SNAPPY),
                schema, props.getAllocator(), props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled());
        ColumnWriteStore store = props.newColumnWriteStore(schema, pages, pages);
        List<ColumnDescriptor> cols = schema.getColumns();
        ColumnWriter[] w = new ColumnWriter[cols.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = store.getColumnWriter(cols.get(i));
        }
        int featuresCol = 14;
        for (ClipOutcome.Extracted c : clips) {
            Object[] v = ExtractSchema.featureValues(c);
            int col = 0;
            for (int f = 0; f < v.length; f++) {
                if (f == 1) {
                    continue;
                }
                Object x = v[f];
                if (x instanceof String s) {
                    w[col].write(Binary.fromString(s), 0, 0);
                } else if (x instanceof Integer n) {
                    w[col].write(n, 0, 0);
                } else if (x instanceof Double d) {
                    w[col].write(d, 0, 0);
                } else {
                    float[][] m = (float[][]) x;
                    ColumnWriter fwc = w[col];
                    int r = 0;
                    for (float[] row : m) {
                        for (int k = 0; k < row.length; k++) {
                            fwc.write(row[k], k == 0 ? r : 2, 2);
                        }
                        r = 1;
                    }
                }
                col++;
            }
            store.endRecord();
        }
        fw.startBlock(clips.size());
        store.flush();
        pages.flushToFileWriter(fw);
        fw.endBlock();
        store.close();
        fw.end(Map.of(FeatureParquetWriter.SPARK_ROW_METADATA_KEY, FeatureParquetWriter.FILE_SCHEMA.json(),
                FeatureParquetWriter.SPARK_VERSION_KEY, org.apache.spark.package$.MODULE$.SPARK_VERSION_SHORT()));
        codecs.release();
    }
}
