package org.serspark.extract;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.serspark.corpus.ClipOutcome;

/**
 * Writes clips' feature rows to one Parquet file directly through parquet-mr, the file Spark would write for
 * {@link ExtractSchema#FEATURE_SCHEMA} in one {@code actor=N} partition directory, at a fraction of the cost:
 * Spark's {@code createDataFrame} boxes every float into a Catalyst array before its own writer unboxes it again,
 * while this writer hands the {@code float[][]} frames to the {@link RecordConsumer} in a plain loop.
 *
 * <p>The file is indistinguishable to readers from Spark's: the same Parquet message type (Spark's non-legacy
 * layout: {@code required} for non-nullable fields, {@code binary (STRING)} strings, three-level {@code LIST}
 * groups), the same Spark row-schema metadata (so Spark reads back the exact types and nullability) and snappy
 * compression. The {@code actor} partition column is not stored: its value is the directory name, so every clip
 * of one file must have the same actor.
 *
 * <p>Callable from executors: no SparkSession, no Catalyst. Each call writes one complete file or none.
 */
public final class FeatureParquetWriter {
    /** The columns stored in the files: {@link ExtractSchema#FEATURE_SCHEMA} without the partition column. */
    public static final StructType FILE_SCHEMA = withoutColumn(ExtractSchema.FEATURE_SCHEMA, ExtractSchema.ACTOR);

    /** The Parquet schema of the files, as Spark's writer derives it from {@link #FILE_SCHEMA}. */
    public static final MessageType PARQUET_SCHEMA = SparkParquetSchema.of(FILE_SCHEMA);

    /** Key-value metadata key of the Spark row schema (Spark's {@code ParquetReadSupport.SPARK_METADATA_KEY}). */
    public static final String SPARK_ROW_METADATA_KEY = "org.apache.spark.sql.parquet.row.metadata";
    /** Key-value metadata key of the writing Spark version (Spark's {@code SPARK_VERSION_METADATA_KEY}). */
    public static final String SPARK_VERSION_KEY = "org.apache.spark.version";

    /** Dotted path of the leaf column holding the feature floats. */
    static final String FEATURE_VALUES_COLUMN = String.join(".", PARQUET_SCHEMA.getPaths().stream()
            .filter(p -> p[0].equals("features")).findFirst().orElseThrow());

    private FeatureParquetWriter() {
    }

    /**
     * Writes the clips, in order, to {@code file}, replacing any file of that name. The bytes go to a hidden
     * sibling ({@code .NAME.UUID.tmp}: Spark and Hive skip names starting with a dot) that is renamed to
     * {@code file} once the footer is written, so a task killed mid-way never leaves a partial file under the
     * final name, and concurrent attempts of one task never share a temporary file.
     *
     * @param clips clips of one actor (the partition value lives in the directory name, not in the file)
     * @return the number of rows written
     * @throws IllegalArgumentException if the clips are of more than one actor (nothing is left behind)
     */
    public static long write(Configuration conf, Path file, Iterator<ClipOutcome.Extracted> clips)
            throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        Path tmp = new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
        boolean done = false;
        try {
            long rows = 0;
            int actor = -1;
            try (ParquetWriter<ClipOutcome.Extracted> w = new Builder(HadoopOutputFile.fromPath(tmp, conf))
                    .withConf(conf)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    // feature floats are nearly all distinct: Spark's writer tries a dictionary for them and
                    // always falls back to plain, after hashing every value of the first pages for nothing
                    .withDictionaryEncoding(FEATURE_VALUES_COLUMN, false)
                    .build()) {
                while (clips.hasNext()) {
                    ClipOutcome.Extracted c = clips.next();
                    int a = c.name().actor();
                    if (actor < 0) {
                        actor = a;
                    } else if (a != actor) {
                        throw new IllegalArgumentException("one file holds one actor's clips (its partition "
                                + ExtractSchema.ACTOR + "=" + actor + "), but " + c.path() + " is of actor " + a);
                    }
                    w.write(c);
                    rows++;
                }
            }
            // rename does not replace an existing file on every FileSystem (HDFS refuses)
            fs.delete(file, false);
            if (!fs.rename(tmp, file)) {
                throw new IOException("could not rename " + tmp + " to " + file);
            }
            done = true;
            return rows;
        } finally {
            if (!done) {
                fs.delete(tmp, false);
            }
        }
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

    private static final class Builder extends ParquetWriter.Builder<ClipOutcome.Extracted, Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<ClipOutcome.Extracted> getWriteSupport(Configuration conf) {
            return new ClipWriteSupport();
        }
    }

    /** How a column's values are handed to the record consumer, decided once per schema field. */
    private enum Kind {
        STRING, INT, DOUBLE, FLOAT_MATRIX;

        static Kind of(DataType t) {
            if (t.equals(DataTypes.StringType)) {
                return STRING;
            }
            if (t.equals(DataTypes.IntegerType)) {
                return INT;
            }
            if (t.equals(DataTypes.DoubleType)) {
                return DOUBLE;
            }
            if (t instanceof ArrayType outer && outer.elementType() instanceof ArrayType inner
                    && inner.elementType().equals(DataTypes.FloatType)) {
                return FLOAT_MATRIX;
            }
            throw new IllegalArgumentException("FeatureParquetWriter cannot write columns of type " + t.simpleString());
        }
    }

    /**
     * One clip to one record: the values of {@link ExtractSchema#featureValues} (the mapping Spark's rows use) in
     * the file's field order, the partition column skipped.
     */
    private static final class ClipWriteSupport extends WriteSupport<ClipOutcome.Extracted> {
        /** Names of the repeated group and its element in Spark's (and the Parquet spec's) three-level lists. */
        private static final String LIST = SparkParquetSchema.LIST;
        private static final String ELEMENT = SparkParquetSchema.ELEMENT;

        private final String[] names;
        private final Kind[] kinds;
        private final boolean[] nullable;
        /** For file field i, its index in {@link ExtractSchema#featureValues}. */
        private final int[] source;
        private RecordConsumer out;

        ClipWriteSupport() {
            StructField[] fields = FILE_SCHEMA.fields();
            names = new String[fields.length];
            kinds = new Kind[fields.length];
            nullable = new boolean[fields.length];
            source = new int[fields.length];
            for (int i = 0; i < fields.length; i++) {
                names[i] = fields[i].name();
                kinds[i] = Kind.of(fields[i].dataType());
                nullable[i] = fields[i].nullable();
                source[i] = ExtractSchema.FEATURE_SCHEMA.fieldIndex(names[i]);
            }
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(PARQUET_SCHEMA, Map.of(
                    SPARK_ROW_METADATA_KEY, FILE_SCHEMA.json(),
                    SPARK_VERSION_KEY, org.apache.spark.package$.MODULE$.SPARK_VERSION_SHORT()));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public void write(ClipOutcome.Extracted clip) {
            Object[] values = ExtractSchema.featureValues(clip);
            out.startMessage();
            for (int i = 0; i < names.length; i++) {
                Object v = values[source[i]];
                if (v == null) {
                    if (!nullable[i]) {
                        throw new IllegalArgumentException(clip.path() + ": column " + names[i] + " is null");
                    }
                    continue; // an optional field is null by being absent
                }
                out.startField(names[i], i);
                switch (kinds[i]) {
                    case STRING -> out.addBinary(Binary.fromString((String) v));
                    case INT -> out.addInteger((Integer) v);
                    case DOUBLE -> out.addDouble((Double) v);
                    case FLOAT_MATRIX -> writeMatrix((float[][]) v);
                    default -> throw new AssertionError(kinds[i]);
                }
                out.endField(names[i], i);
            }
            out.endMessage();
        }

        /**
         * A three-level list of three-level lists. An empty list is a group with no {@code list} field: Parquet
         * forbids empty fields, and this is how Spark writes empty arrays too.
         */
        private void writeMatrix(float[][] m) {
            out.startGroup();
            if (m.length > 0) {
                out.startField(LIST, 0);
                for (float[] row : m) {
                    out.startGroup();
                    out.startField(ELEMENT, 0);
                    out.startGroup();
                    if (row.length > 0) {
                        out.startField(LIST, 0);
                        for (float x : row) {
                            out.startGroup();
                            out.startField(ELEMENT, 0);
                            out.addFloat(x);
                            out.endField(ELEMENT, 0);
                            out.endGroup();
                        }
                        out.endField(LIST, 0);
                    }
                    out.endGroup();
                    out.endField(ELEMENT, 0);
                    out.endGroup();
                }
                out.endField(LIST, 0);
            }
            out.endGroup();
        }
    }

    /**
     * Spark's mapping of the SQL types used here to Parquet (its {@code SparkToParquetSchemaConverter} with the
     * default {@code spark.sql.parquet.writeLegacyFormat=false}).
     */
    static final class SparkParquetSchema {
        /** The message name Spark gives every file schema. */
        static final String MESSAGE_NAME = "spark_schema";
        static final String LIST = "list";
        static final String ELEMENT = "element";

        private SparkParquetSchema() {
        }

        static MessageType of(StructType schema) {
            Types.MessageTypeBuilder b = Types.buildMessage();
            for (StructField f : schema.fields()) {
                b.addField(field(f.name(), f.dataType(), f.nullable()));
            }
            return b.named(MESSAGE_NAME);
        }

        private static Type field(String name, DataType t, boolean nullable) {
            Type.Repetition rep = nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            if (t.equals(DataTypes.StringType)) {
                return Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType())
                        .named(name);
            }
            if (t.equals(DataTypes.IntegerType)) {
                return Types.primitive(PrimitiveTypeName.INT32, rep).named(name);
            }
            if (t.equals(DataTypes.DoubleType)) {
                return Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
            }
            if (t.equals(DataTypes.FloatType)) {
                return Types.primitive(PrimitiveTypeName.FLOAT, rep).named(name);
            }
            if (t instanceof ArrayType a) {
                return Types.buildGroup(rep).as(LogicalTypeAnnotation.listType())
                        .addField(Types.repeatedGroup()
                                .addField(field(ELEMENT, a.elementType(), a.containsNull()))
                                .named(LIST))
                        .named(name);
            }
            throw new IllegalArgumentException("no Parquet mapping here for " + t.simpleString());
        }
    }
}
