package org.serspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.extract.JvmProcessAccess;
import org.serspark.train.SyntheticCorpusFixture;

/** Ctrl-C's cousin SIGTERM, which every scheduler sends first: the CLI in its own JVM, stopped mid-training. */
class InterruptTest {

    @Test
    void sigtermMidTrainingEndsWithOneLineSayingHowToGoOnAndNothingLooksFinished(@TempDir Path tmp)
            throws Exception {
        Path out = tmp.resolve("run");
        Path log = tmp.resolve("train.log");
        Process p = JvmProcessAccess.start(log, "org.serspark.cli.Main", "train", "--features",
                SyntheticCorpusFixture.extracted().toString(), "--output", out.toString(), "--epochs", "40",
                "--train-actors", "1-4", "--val-actors", "5");
        try {
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (!Files.exists(out.resolve("checkpoints/last.zip"))) {
                assertTrue(p.isAlive(), "train ended before it could be stopped: " + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "no checkpoint within 180 s");
                Thread.sleep(20);
            }
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running 60 s after SIGTERM: " + Files.readString(log));
        } finally {
            p.destroyForcibly();
        }
        String text = Files.readString(log);
        assertEquals(143, p.exitValue(), "the signal's status, so a scheduler sees a failed job: " + text);
        assertTrue(text.contains("serspark train: interrupted; finished work is kept: rerun the same command with "
                + "--resume to go on"), text);
        assertFalse(text.contains("\tat "), "no stack trace: " + text);
        assertFalse(Files.exists(out.resolve("_SUCCESS")), "a stopped run never looks finished");
        assertFalse(Files.exists(out.resolve("model.zip")));
    }
}
