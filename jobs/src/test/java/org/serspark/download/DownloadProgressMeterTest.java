package org.serspark.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DownloadProgressMeterTest {
    private static final long SECOND = 1_000_000_000L;

    private final StringWriter text = new StringWriter();
    private final AtomicLong clock = new AtomicLong(42 * SECOND);

    private ProgressMeter meter(ProgressMeter.Style style) {
        return new ProgressMeter(new PrintWriter(text, true), style, "x.zip", clock::get, 5);
    }

    @Test
    void plainLinesComeEveryFewSecondsWithRateAndEta() {
        ProgressMeter m = meter(ProgressMeter.Style.LINES);
        m.start(0, 10_000_000);
        clock.addAndGet(SECOND);
        m.update(2_000_000); // too soon for a line
        clock.addAndGet(4 * SECOND);
        m.update(5_000_000);
        clock.addAndGet(5 * SECOND);
        m.update(10_000_000);
        m.finish();
        assertEquals(List.of("x.zip: starting, 10.0 MB",
                "x.zip: 5.0/10.0 MB (50.0%), 1.0 MB/s, ETA 5 s",
                "x.zip: 10.0/10.0 MB (100.0%), 1.0 MB/s, ETA 0 s",
                "x.zip: 10.0/10.0 MB (100.0%), 1.0 MB/s in 10 s"), text.toString().lines().toList());
    }

    @Test
    void resumedTransferCountsOnlyThisSessionsBytesForTheRate() {
        ProgressMeter m = meter(ProgressMeter.Style.LINES);
        m.start(150_000_000, 200_000_000);
        clock.addAndGet(5 * SECOND);
        m.update(160_000_000);
        List<String> lines = text.toString().lines().toList();
        assertEquals("x.zip: resuming at 150.0/200.0 MB (75.0%)", lines.get(0));
        assertEquals("x.zip: 160.0/200.0 MB (80.0%), 2.0 MB/s, ETA 20 s", lines.get(1));
    }

    @Test
    void barRedrawsInPlaceAndEndsWithANewline() {
        ProgressMeter m = meter(ProgressMeter.Style.BAR);
        m.start(0, 208_468_073);
        clock.addAndGet(10 * SECOND);
        m.update(52_117_018);
        m.finish();
        String s = text.toString();
        assertTrue(s.startsWith("\rx.zip ["), s);
        assertTrue(s.contains("\rx.zip [#######.......................]  52.1/208.5 MB (25.0%)  5.2 MB/s  "
                + "ETA 30 s"), s);
        assertTrue(s.endsWith(System.lineSeparator()), "the bar line is closed");
        assertEquals(1, s.chars().filter(c -> c == '\n').count(), "everything on one redrawn line");
    }

    @Test
    void unknownTotalShowsBytesAndRateOnly() {
        assertEquals("3.0 MB, 1.5 MB/s", ProgressMeter.status(3_000_000, -1, 1_500_000, true));
    }

    @Test
    void durationsAndSizesReadNaturally() {
        assertEquals("59 s", ProgressMeter.duration(59.4));
        assertEquals("3 min 05 s", ProgressMeter.duration(185));
        assertEquals("1 h 02 min", ProgressMeter.duration(3720));
        assertEquals("999 bytes", ProgressMeter.human(999));
        assertEquals("1.2 kB", ProgressMeter.human(1234));
        assertEquals("208.5 MB", ProgressMeter.human(208_468_073));
    }
}
