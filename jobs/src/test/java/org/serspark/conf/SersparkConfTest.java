package org.serspark.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SersparkConfTest {

    private static ConfigException refused(Path file, String yaml) throws IOException {
        Files.writeString(file, yaml);
        return assertThrows(ConfigException.class, () -> SersparkConf.load(file));
    }

    @Test
    void aMisspeltSettingIsRefusedWithTheFileTheKeyAndTheRightNames(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("mine.yaml");
        String nested = refused(file, "training:\n  epochs: 5\n  trim_silence: 40\n").getMessage();
        assertTrue(nested.startsWith(file + ": unknown setting training.trim_silence ("), nested);
        assertTrue(nested.contains("training has: ") && nested.contains("trim_silence_db"), nested);

        String section = refused(file, "trainig:\n  epochs: 5\n").getMessage();
        assertTrue(section.contains("unknown setting trainig (sections: features, extract,"), section);

        String deeper = refused(file, "training:\n  early_stopping:\n    patient: 8\n").getMessage();
        assertTrue(deeper.contains("unknown setting training.early_stopping.patient (training.early_stopping has: "
                + "metric, patience)"), deeper);
    }

    @Test
    void knownSettingsAndARecordedProfileNameStillLoad(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("mine.yaml");
        Files.writeString(file, "profile: best\ntraining:\n  epochs: 7\n  early_stopping:\n    patience: 3\n");
        SersparkConf conf = SersparkConf.load(file);
        assertEquals(7, conf.integer("training.epochs"));
        assertEquals(3, conf.integer("training.early_stopping.patience"));
        assertEquals("uar", conf.string("training.early_stopping.metric"), "the rest of the section kept");
    }

    @Test
    void aMisspeltSettingOrProfileNameIsRefusedNamingTheFileOrTheProfilesThere(@TempDir Path home) throws IOException {
        Path profiles = Files.createDirectories(home.resolve("conf/profiles"));
        Files.writeString(profiles.resolve("typo.yaml"), "model:\n  bidirectionnal: true\n");
        String before = System.getProperty("serspark.home");
        System.setProperty("serspark.home", home.toString());
        try {
            ConfigException e = assertThrows(ConfigException.class, () -> SersparkConf.defaults().withProfile("typo"));
            assertTrue(e.getMessage().startsWith(profiles.resolve("typo.yaml") + ": unknown setting "
                    + "model.bidirectionnal (model has: architecture,"), e.getMessage());
            Files.writeString(profiles.resolve("best.yaml"), "training:\n  epochs: 3\n");
            ConfigException none = assertThrows(ConfigException.class,
                    () -> SersparkConf.defaults().withProfile("bets"));
            assertEquals("no profile 'bets' (looked for conf/profiles/bets.yaml; there: best, typo)",
                    none.getMessage());
            assertEquals(3, SersparkConf.defaults().withProfile("best").integer("training.epochs"),
                    "the checkout's profile, not the jar's");
        } finally {
            if (before == null) {
                System.clearProperty("serspark.home");
            } else {
                System.setProperty("serspark.home", before);
            }
        }
    }
}
