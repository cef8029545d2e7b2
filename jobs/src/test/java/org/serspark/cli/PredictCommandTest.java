package org.serspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What predict tells the user about a per-speaker model's files. */
class PredictCommandTest {

    @Test
    void theNoticeCountsSpeakersAsTheModelGroupsThemAndNamesTheSmallest() {
        String notice = PredictCommand.perSpeakerNotice(List.of(
                "Actor_01/03-01-01-01-01-01-01.wav", "Actor_01/03-01-05-01-01-01-01.wav",
                "elsewhere/03-01-03-02-01-01-01.wav", // a RAVDESS name: actor 1 wherever it lies
                "spk/a.wav", "spk/b.wav", "x.wav"));
        assertTrue(notice.startsWith("predict: per-speaker model: 3 speakers, each standardised with its own files "
                + "(fewest: 1, file x.wav);"), notice);
        assertTrue(notice.contains("accurate when each speaker's files span the emotions"), notice);

        String one = PredictCommand.perSpeakerNotice(List.of("spk/a.wav", "spk/b.wav"));
        assertTrue(one.startsWith("predict: per-speaker model: 1 speaker, each standardised with its own files "
                + "(fewest: 2, folder spk);"), one);
        assertEquals(-1, one.indexOf("speakers"), one);
    }
}
