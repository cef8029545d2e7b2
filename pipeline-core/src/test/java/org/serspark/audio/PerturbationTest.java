package org.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.serspark.audio.SpeedPerturbationTest.SR;
import static org.serspark.audio.SpeedPerturbationTest.frequency;
import static org.serspark.audio.SpeedPerturbationTest.tone;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerturbationTest {

    @Test
    void foldersFlagsAndNamesSayWhatWasDone() {
        assertEquals("speed-0.9", Perturbation.speed(0.9).folder());
        assertEquals("pitch-1.1", Perturbation.pitch(1.1).folder());
        assertEquals("speed-0.9-pitch-1.05", new Perturbation(0.9, 1.05).folder());
        assertEquals("--speed 0.9 --pitch 1.05", new Perturbation(0.9, 1.05).flags());
        assertEquals("speed 0.9, pitch 1.05", new Perturbation(0.9, 1.05).toString());
        assertEquals("as recorded", Perturbation.NONE.toString());
        assertThrows(IllegalStateException.class, Perturbation.NONE::folder);
        assertEquals(Perturbation.NONE, new Perturbation(1, 1));
    }

    @Test
    void copiesAreTheSpeedsThenThePitches() {
        assertEquals(List.of(Perturbation.speed(0.9), Perturbation.speed(1.1), Perturbation.pitch(0.95)),
                Perturbation.copies(List.of(0.9, 1.1), List.of(0.95)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Perturbation(1, 2.5));
        assertTrue(e.getMessage().startsWith("pitch must be between"), e.getMessage());
    }

    @Test
    void applyShiftsThePitchThenChangesTheSpeed() {
        float[] x = tone(220, SR);
        assertSame(x, Perturbation.NONE.apply(x));
        assertArrayEquals(SpeedPerturbation.apply(x, 0.9), Perturbation.speed(0.9).apply(x));
        float[] both = new Perturbation(0.9, 1.1).apply(x);
        // pitch 1.1 at the same duration, then played 0.9 times as fast: 220 * 1.1 * 0.9 Hz, 1 / 0.9 as long
        assertEquals((int) Math.ceil(SR / 0.9), both.length);
        assertEquals(217.8, frequency(both), 1.0);
    }
}
