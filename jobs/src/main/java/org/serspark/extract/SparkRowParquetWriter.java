package org.serspark.extract;

import java.io.IOException;
import java.util.Iterator;
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

/**
 * Writes rows of a flat Spark schema to one Parquet file directly through parquet-mr: the file Spark's own writer
 * would produce (same Parquet message type, Spark's row-schema metadata so Spark reads back the exact types and
 * nullability, snappy), without a SparkSession or Catalyst. Spark's {@code createDataFrame} boxes every float of a
 * feature matrix into a Catalyst array before its writer unboxes it again, and a cold Catalyst costs seconds in a
 * short job; this writer hands values to the {@link RecordConsumer} in a plain loop and runs on executors.
 *
 * <p>Column types: string, int, long, double, and {@code array<array<float>>} (a {@code float[][]}); rows are
 * {@code Object[]} in schema order. Each call writes one complete file or none: the bytes go to a hidden sibling
 * ({@code .NAME.UUID.tmp}; Spark and Hive skip names starting with a dot) renamed to the final name once the footer
 * is written, so a killed task never leaves a partial file under the final name and concurrent attempts never
 * share a temporary file.
 */
public final class SparkRowParquetWriter {
    /** Key-value metadata key of the Spark row schema (Spark's {@code ParquetReadSupport.SPARK_METADATA_KEY}). */
    public static final String SPARK_ROW_METADATA_KEY = "org.apache.spark.sql.parquet.row.metadata";
    /** Key-value metadata key of the writing Spark version (Spark's {@code SPARK_VERSION_METADATA_KEY}). */
    public static final String SPARK_VERSION_KEY = "org.apache.spark.version";

    private SparkRowParquetWriter() {
    }

    /**
     * Writes the rows, in order, to {@code file}, replacing any file of that name.
     *
     * @return the number of rows written
     */
    public static long write(Configuration conf, Path file, StructType schema, Iterator<Object[]> rows)
            throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        Path tmp = new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
        boolean done = false;
        try {
            long n = 0;
            Builder b = new Builder(HadoopOutputFile.fromPath(tmp, conf), schema)
                    .withConf(conf)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(CompressionCodecName.SNAPPY);
            // feature floats are nearly all distinct: a dictionary for them always falls back to plain encoding,
            // after hashing every value of the first pages for nothing (Spark's writer does exactly that)
            MessageType parquetSchema = SparkParquetSchema.of(schema);
            for (String[] path : parquetSchema.getPaths()) {
                if (parquetSchema.getType(path).asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.FLOAT) {
                    b.withDictionaryEncoding(String.join(".", path), false);
                }
            }
            try (ParquetWriter<Object[]> w = b.build()) {
                while (rows.hasNext()) {
                    w.write(rows.next());
                    n++;
                }
            }
            // rename does not replace an existing file on every FileSystem (HDFS refuses)
            fs.delete(file, false);
            if (!fs.rename(tmp, file)) {
                throw new IOException("could not rename " + tmp + " to " + file);
            }
            done = true;
            return n;
        } finally {
            if (!done) {
                fs.delete(tmp, false);
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final StructType schema;

        Builder(OutputFile file, StructType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema);
        }
    }

    /** How a column's values are handed to the record consumer, decided once per schema field. */
    private enum Kind {
        STRING, INT, LONG, DOUBLE, FLOAT_MATRIX;

        static Kind of(DataType t) {
            if (t.equals(DataTypes.StringType)) {
                return STRING;
            }
            if (t.equals(DataTypes.IntegerType)) {
                return INT;
            }
            if (t.equals(DataTypes.LongType)) {
                return LONG;
            }
            if (t.equals(DataTypes.DoubleType)) {
                return DOUBLE;
            }
            if (t instanceof ArrayType outer && outer.elementType() instanceof ArrayType inner
                    && inner.elementType().equals(DataTypes.FloatType)) {
                return FLOAT_MATRIX;
            }
            throw new IllegalArgumentException("SparkRowParquetWriter cannot write columns of type "
                    + t.simpleString());
        }
    }

    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        /** Names of the repeated group and its element in Spark's (and the Parquet spec's) three-level lists. */
        private static final String LIST = SparkParquetSchema.LIST;
        private static final String ELEMENT = SparkParquetSchema.ELEMENT;

        private final StructType schema;
        private final String[] names;
        private final Kind[] kinds;
        private final boolean[] nullable;
        private RecordConsumer out;

        RowWriteSupport(StructType schema) {
            this.schema = schema;
            StructField[] fields = schema.fields();
            names = new String[fields.length];
            kinds = new Kind[fields.length];
            nullable = new boolean[fields.length];
            for (int i = 0; i < fields.length; i++) {
                names[i] = fields[i].name();
                kinds[i] = Kind.of(fields[i].dataType());
                nullable[i] = fields[i].nullable();
            }
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(SparkParquetSchema.of(schema), Map.of(
                    SPARK_ROW_METADATA_KEY, schema.json(),
                    SPARK_VERSION_KEY, org.apache.spark.package$.MODULE$.SPARK_VERSION_SHORT()));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public void write(Object[] values) {
            if (values.length != names.length) {
                throw new IllegalArgumentException("a row of " + values.length + " values for a schema of "
                        + names.length + " columns");
            }
            out.startMessage();
            for (int i = 0; i < names.length; i++) {
                Object v = values[i];
                if (v == null) {
                    if (!nullable[i]) {
                        throw new IllegalArgumentException("column " + names[i] + " is null (row starting "
                                + values[0] + ")");
                    }
                    continue; // an optional field is null by being absent
                }
                out.startField(names[i], i);
                switch (kinds[i]) {
                    case STRING -> out.addBinary(Binary.fromString((String) v));
                    case INT -> out.addInteger((Integer) v);
                    case LONG -> out.addLong((Long) v);
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
            if (t.equals(DataTypes.LongType)) {
                return Types.primitive(PrimitiveTypeName.INT64, rep).named(name);
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
