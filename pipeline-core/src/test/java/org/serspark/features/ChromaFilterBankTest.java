package org.serspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ChromaFilterBankTest {

    /** Values from a numpy transcription of librosa 0.10.1's filters.chroma (float32 output). */
    @Test
    void weightsMatchLibrosaFiltersChroma() {
        ChromaFilterBank t0 = ChromaFilterBank.build(22050, 2048, 12, 0.0);
        assertRel(0.00013768421194981784, t0.weight(0, 0));
        assertRel(0.00156969774980098, t0.weight(0, 1));
        assertRel(0.866205632686615, t0.weight(9, 41));    // A (row 9 after base_c) at 441 Hz
        assertRel(0.9060697555541992, t0.weight(0, 49));   // C at 527 Hz
        assertRel(2.355483690041904e-11, t0.weight(4, 100));
        assertRel(5.913872037097825e-26, t0.weight(11, 500));
        assertRel(9.204890375258401e-06, t0.weight(7, 1024));

        ChromaFilterBank t22 = ChromaFilterBank.build(22050, 2048, 12, 0.22);
        assertRel(0.00013228582974988967, t22.weight(0, 0));
        assertRel(0.8490858674049377, t22.weight(9, 41));
        assertRel(0.91114342212677, t22.weight(0, 49));
        assertRel(9.009647953910072e-13, t22.weight(4, 100));
        assertRel(1.3102533102937741e-06, t22.weight(7, 1024));

        // n_chroma not a multiple of 12: no base_c rotation, half-width round(3.5) = 4
        ChromaFilterBank n7 = ChromaFilterBank.build(16000, 1024, 7, -0.1);
        assertEquals(513, n7.nBins());
        assertRel(0.03925192356109619, n7.weight(0, 3));
        assertRel(3.878224015352316e-05, n7.weight(3, 60));
        assertRel(3.4343631796218688e-06, n7.weight(6, 512));
    }

    @Test
    void banksAreCachedPerConfiguration() {
        assertSame(ChromaFilterBank.of(22050, 2048, 12, 0.13), ChromaFilterBank.of(22050, 2048, 12, 0.13));
        assertNotSame(ChromaFilterBank.of(22050, 2048, 12, 0.13), ChromaFilterBank.of(22050, 2048, 12, 0.14));
        assertNotSame(ChromaFilterBank.of(22050, 2048, 12, 0.13), ChromaFilterBank.of(16000, 2048, 12, 0.13));
    }

    @Test
    void applyIsTheMatrixVectorProduct() {
        ChromaFilterBank bank = ChromaFilterBank.of(22050, 2048, 12, 0.0);
        double[] frame = new double[bank.nBins()];
        for (int k = 0; k < frame.length; k++) {
            frame[k] = (k % 7) + 0.5;
        }
        double[] out = new double[12];
        bank.apply(frame, out);
        for (int c = 0; c < 12; c++) {
            double want = 0;
            for (int k = 0; k < frame.length; k++) {
                want += bank.weight(c, k) * frame[k];
            }
            assertEquals(want, out[c], 1e-12 * Math.abs(want));
        }
    }

    /** float32 weights: relative agreement to a few float32 ulps. */
    private static void assertRel(double want, double got) {
        assertEquals(want, got, 4e-7 * Math.abs(want));
    }
}
