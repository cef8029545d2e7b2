package org.serspark.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.conf.SersparkConf;

class CvCommandTest {

    @Test
    void testSpeedsFromTheConfigurationAreCheckedBeforeAnythingIsRead(@TempDir Path tmp) {
        SersparkConf conf = SersparkConf.load(null, "paper");
        Path out = tmp.resolve("cv");
        String missing = tmp.resolve("no-features").toString();
        String[][] bad = {{"1.0", "1 is not one of them"}, {"0.9,0.9", "lists a factor twice"},
            {"0.955", "training.test_speeds: speed may have at most two decimals"}};
        for (String[] b : bad) {
            List<Double> speeds = Arrays.stream(b[0].split(",")).map(Double::valueOf).toList();
            UserException e = assertThrows(UserException.class, () -> CvCommand.run(
                    conf.with("training.test_speeds", speeds), "paper", missing, out, "emobox6", "dual-lstm"));
            assertTrue(e.getMessage().contains(b[1]), e.getMessage());
        }
        UserException word = assertThrows(UserException.class, () -> CvCommand.run(
                conf.with("training.test_speeds", List.of("fast")), "paper", missing, out, "emobox6", "dual-lstm"));
        assertTrue(word.getMessage().contains("test_speeds must list factors such as [0.9, 1.1]"),
                word.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }
}
