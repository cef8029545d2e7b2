package org.serspark.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** A task out of heap is reported as that, with what to change, not as an interruption. */
class OutOfMemoryMessageTest {

    @Test
    void aSparkJobFailingWithATaskOutOfHeapIsRecognisedAndExplained() {
        // the message Spark 3.5 gives the driver when a local-mode task died of it (the error itself stays there)
        SparkException job = new SparkException("Job aborted due to stage failure: Task 0 in stage 102.0 failed 1 "
                + "times, most recent failure: Lost task 0.0 in stage 102.0 (TID 117) (localhost executor driver): "
                + "java.lang.OutOfMemoryError: Java heap space");
        assertTrue(Main.outOfMemory(new RuntimeException("cv failed", job)));
        assertTrue(Main.outOfMemory(new OutOfMemoryError("Java heap space")));
        assertFalse(Main.outOfMemory(new SparkException("Job aborted due to stage failure: Task 0 in stage 3.0 "
                + "failed 1 times, most recent failure: java.io.IOException: No space left on device")));
        assertFalse(Main.outOfMemory(new IllegalStateException((String) null)));

        String line = Main.outOfMemoryMessage("cv");
        assertTrue(line.startsWith("out of memory (java.lang.OutOfMemoryError in a Spark task, the JVM's heap is "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB): give it more with SERSPARK_DRIVER_MEMORY"),
                line);
        assertTrue(line.endsWith("finished work is kept: rerun the same command to go on"), line);
    }
}
