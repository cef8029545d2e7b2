package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PowerToDbTest {
    @Test
    void convertsAndFloorsAtTopDbBelowTheMaximum() {
        double[] s = {1.0, 1e-3, 0.0, 1e-9, 100.0};
        PowerToDb.LIBROSA_DEFAULT.applyInPlace(s, 0, s.length);
        // max is 20 dB, so the floor is -60 dB; 0 would be -100 dB (amin) before the floor
        assertArrayEquals(new double[] {0.0, -30.0, -60.0, -60.0, 20.0}, s, 1e-12);
    }

    @Test
    void refShiftsAndAminBounds() {
        double[] s = {10.0, 0.0};
        new PowerToDb(10.0, 1e-10, null).applyInPlace(s, 0, s.length);
        assertArrayEquals(new double[] {0.0, -110.0}, s, 1e-12);
    }

    @Test
    void floorIsRelativeToTheWholeMatrixNotEachRow() {
        double[][] out = PowerToDb.LIBROSA_DEFAULT.apply(new double[][] {{1.0, 1e-10}, {1e-10, 1e-11}});
        assertArrayEquals(new double[] {0.0, -80.0}, out[0], 1e-12);
        assertArrayEquals(new double[] {-80.0, -80.0}, out[1], 1e-12);
    }

    @Test
    void onlyTheGivenRangeIsTouched() {
        double[] s = {5.0, 1.0, 0.1, 5.0};
        PowerToDb.LIBROSA_DEFAULT.applyInPlace(s, 1, 3);
        assertArrayEquals(new double[] {5.0, 0.0, -10.0, 5.0}, s, 1e-12);
    }

    @Test
    void rejectsLibrosasInvalidParameters() {
        assertThrows(IllegalArgumentException.class, () -> new PowerToDb(1.0, 0.0, 80.0));
        assertThrows(IllegalArgumentException.class, () -> new PowerToDb(1.0, 1e-10, -1.0));
    }
}
