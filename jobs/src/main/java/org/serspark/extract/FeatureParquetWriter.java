package org.serspark.extract;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.serspark.corpus.ClipOutcome;

/**
 * Writes one actor's clips to one Parquet file of the feature dataset, the file Spark would write for
 * {@link ExtractSchema#FEATURE_SCHEMA} in an {@code actor=N} partition directory (through
 * {@link SparkRowParquetWriter}). The {@code actor} partition column is not stored: its value is the directory
 * name, so every clip of one file must have the same actor.
 *
 * <p>Callable from executors: no SparkSession, no Catalyst. Each call writes one complete file or none.
 */
public final class FeatureParquetWriter {
    /** The columns stored in the files: {@link ExtractSchema#FEATURE_SCHEMA} without the partition column. */
    public static final StructType FILE_SCHEMA = withoutColumn(ExtractSchema.FEATURE_SCHEMA, ExtractSchema.ACTOR);

    /** The Parquet schema of the files, as Spark's writer derives it from {@link #FILE_SCHEMA}. */
    public static final MessageType PARQUET_SCHEMA = SparkRowParquetWriter.SparkParquetSchema.of(FILE_SCHEMA);

    public static final String SPARK_ROW_METADATA_KEY = SparkRowParquetWriter.SPARK_ROW_METADATA_KEY;
    public static final String SPARK_VERSION_KEY = SparkRowParquetWriter.SPARK_VERSION_KEY;

    /** For file field i, its index in {@link ExtractSchema#featureValues}. */
    private static final int[] SOURCE = new int[FILE_SCHEMA.size()];

    static {
        for (int i = 0; i < SOURCE.length; i++) {
            SOURCE[i] = ExtractSchema.FEATURE_SCHEMA.fieldIndex(FILE_SCHEMA.fields()[i].name());
        }
    }

    private FeatureParquetWriter() {
    }

    /**
     * Writes the clips, in order, to {@code file}, replacing any file of that name.
     *
     * @param clips clips of one actor (the partition value lives in the directory name, not in the file)
     * @return the number of rows written
     * @throws IllegalArgumentException if the clips are of more than one actor (nothing is left behind)
     */
    public static long write(Configuration conf, Path file, Iterator<ClipOutcome.Extracted> clips)
            throws IOException {
        Iterator<Object[]> rows = new Iterator<>() {
            private int actor = -1;

            @Override
            public boolean hasNext() {
                return clips.hasNext();
            }

            @Override
            public Object[] next() {
                ClipOutcome.Extracted c = clips.next();
                int a = c.name().actor();
                if (actor < 0) {
                    actor = a;
                } else if (a != actor) {
                    throw new IllegalArgumentException("one file holds one actor's clips (its partition "
                            + ExtractSchema.ACTOR + "=" + actor + "), but " + c.path() + " is of actor " + a);
                }
                Object[] all = ExtractSchema.featureValues(c);
                Object[] stored = new Object[SOURCE.length];
                for (int i = 0; i < SOURCE.length; i++) {
                    stored[i] = all[SOURCE[i]];
                }
                return stored;
            }
        };
        return SparkRowParquetWriter.write(conf, file, FILE_SCHEMA, rows);
    }

    /** {@link #write(Configuration, Path, Iterator)} of a list. */
    public static long write(Configuration conf, Path file, List<ClipOutcome.Extracted> clips) throws IOException {
        return write(conf, file, clips.iterator());
    }

    /** The partition directory of an actor's files in a feature dataset: {@code dataset/actor=N}. */
    public static Path partitionDirectory(Path dataset, int actor) {
        return new Path(dataset, ExtractSchema.ACTOR + "=" + actor);
    }

    private static StructType withoutColumn(StructType schema, String name) {
        List<StructField> kept = new ArrayList<>();
        for (StructField f : schema.fields()) {
            if (!f.name().equals(name)) {
                kept.add(f);
            }
        }
        return DataTypes.createStructType(kept);
    }
}
