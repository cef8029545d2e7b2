package org.serspark.cv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.metrics.MeanStd;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CvReportTest {
    private static final String SD_BADGE = "SPEAKER-DEPENDENT (random split)";
    private static final String SI_BADGE = "<span class=\"badge si\">speaker-independent</span>";
    private static final Pattern SRC = Pattern.compile("\\bsrc\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern HREF = Pattern.compile("\\bhref\\s*=\\s*\"([^\"]*)\"");

    @TempDir
    Path tmp;

    @Test
    void fullRunFromFileWritesSelfContainedReportWithHeadlineNumbers() throws IOException {
        ObjectNode metrics = CvMetricsFixture.build(CvMetricsFixture.full());
        Path json = tmp.resolve("metrics.json");
        new ObjectMapper().writeValue(json.toFile(), metrics);
        Path out = tmp.resolve("report");

        Path report = CvReport.write(json, out);

        assertEquals(out.resolve("report.html"), report);
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertSelfContained(html);
        for (String model : List.of("dual-lstm", "single-lstm")) {
            for (String metric : List.of("uar", "accuracy", "macro_f1")) {
                String expected = summaryText(metrics, model, metric);
                assertTrue(html.contains(expected), model + " " + metric + " headline " + expected);
            }
        }
        assertTrue(html.contains(SI_BADGE));
        assertFalse(html.contains("SPEAKER-DEPENDENT"), "no speaker-dependent badge or warning");

        // every chart is a PNG beside the report and embedded in it
        List<String> pngs = List.of("confusion_dual-lstm.png", "confusion_single-lstm.png",
                "per_actor_dual-lstm.png", "per_actor_single-lstm.png", "learning_curves_dual-lstm.png",
                "learning_curves_single-lstm.png", "dual_vs_single.png");
        for (String png : pngs) {
            assertDecodablePng(out.resolve(png));
            assertTrue(html.contains("<code>" + png + "</code>"), png + " captioned in the report");
        }
        assertEquals(pngs.size(), count(html, "src=\"data:image/png;base64,"));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(pngs.size() + 1, files.count(), "report.html and the charts, nothing else");
        }

        // dual vs single: the verdict sentence from the comparison section, beside the paper's claim
        JsonNode uar = metrics.path("comparison").path("uar");
        JsonNode t = uar.path("t_test");
        String verdict = "The second LSTM layer changed UAR by "
                + Formats.points(uar.path("mean_difference").doubleValue()) + " points (95% CI "
                + Formats.points(t.path("ci_lower").doubleValue()) + " to "
                + Formats.points(t.path("ci_upper").doubleValue()) + "; paired t p = "
                + Formats.pValue(t.path("p_value").doubleValue()) + "): "
                + (t.path("p_value").doubleValue() < 0.05 ? "significant at the 5% level" : "not significant")
                + " over 6 folds.";
        assertTrue(html.contains(verdict), verdict);
        assertTrue(html.contains("Paper's claim") && html.contains("+2.0 points"));
        for (JsonNode fold : metrics.path("folds")) {
            double a = fold.path("models").path("dual-lstm").path("metrics").path("uar").doubleValue();
            double b = fold.path("models").path("single-lstm").path("metrics").path("uar").doubleValue();
            assertTrue(html.contains(">" + Formats.points(a - b) + "<"), "per-fold difference " + (a - b));
        }
        String wilcoxonP = Formats.pValue(uar.path("wilcoxon").path("p_value").doubleValue());
        assertTrue(html.contains(wilcoxonP + " <span class=\"small\">(exact)</span>"), "Wilcoxon p " + wilcoxonP);

        // anchors: this run beside the references, each marked with its kind of split
        assertTrue(html.contains("ResLSTM-SA (MFCC + chroma LSTM with attention)"));
        assertTrue(html.contains("0.623 +- 0.012") && html.contains("best 0.652"));
        assertTrue(html.contains("dual 0.381 +- 0.048") && html.contains("single 0.410 +- 0.047"));
        assertTrue(html.contains("dual 0.595"));
        assertEquals(2, count(html, "<span class=\"tag unstated\">unstated split</span>"));
        // ResLSTM-SA, the SVM, the PyTorch network and this run's two rows
        assertEquals(5, count(html, "<span class=\"tag si\">speaker-independent</span>"));

        // per-emotion table: every label, and a per-class figure summarised over folds
        JsonNode sadF1 = metrics.path("summary").path("dual-lstm").path("per_class").path("sad").path("f1");
        assertTrue(html.contains(new MeanStd(sadF1.path("mean").doubleValue(), sadF1.path("std").doubleValue())
                .format()));
        // per-fold table lists each fold's test actors
        for (JsonNode fold : metrics.path("folds")) {
            assertTrue(html.contains(">" + join(fold.path("test_actors")) + "<"));
        }
        assertTrue(html.contains("2026-11-25 04:00 UTC") && html.contains("20 min 35 s"));

        // for looking at the report in a browser: CVREPORT_DEMO_DIR=/some/dir mvn test ...
        String demo = System.getenv("CVREPORT_DEMO_DIR");
        if (demo != null) {
            CvReport.write(metrics, Path.of(demo, "full"));
            CvReport.write(CvMetricsFixture.build(CvMetricsFixture.oneModelOneFold()), Path.of(demo, "minimal"));
            CvReport.write(CvMetricsFixture.build(CvMetricsFixture.randomSplit()), Path.of(demo, "random"));
        }
    }

    @Test
    void headlineFallsBackToFoldValuesWithoutSummary() throws IOException {
        ObjectNode metrics = CvMetricsFixture.build(CvMetricsFixture.full());
        String expectedUar = summaryText(metrics, "single-lstm", "uar");
        String expectedF1 = summaryText(metrics, "dual-lstm", "macro_f1");
        metrics.remove("summary");
        metrics.remove("labels");

        String html = Files.readString(CvReport.write(metrics, tmp), StandardCharsets.UTF_8);

        assertTrue(html.contains(expectedUar), expectedUar);
        assertTrue(html.contains(expectedF1), expectedF1);
        // pooled confusion and per-actor accuracy come from the folds (GroupAccuracy's object form)
        assertDecodablePng(tmp.resolve("confusion_dual-lstm.png"));
        assertDecodablePng(tmp.resolve("per_actor_single-lstm.png"));
        assertTrue(html.contains("surprised"), "labels recovered from the confusion matrices");
    }

    @Test
    void theHeaderSaysHowEachNetworkScoredWhenTheRunRecordsIt() throws IOException {
        ObjectNode metrics = CvMetricsFixture.build(CvMetricsFixture.full());
        assertFalse(Files.readString(CvReport.write(metrics, tmp.resolve("old")), StandardCharsets.UTF_8)
                .contains("Scoring"), "a run from before cv recorded its scoring has no such line");

        metrics.putArray("test_speeds").add(0.9).add(1.1);
        metrics.put("with_last_epoch", false);
        metrics.put("with_later_epochs", true);
        metrics.put("later_epochs_mean", "parameters");
        metrics.put("decision", "balanced");
        String html = Files.readString(CvReport.write(metrics, tmp.resolve("new")), StandardCharsets.UTF_8);
        assertTrue(html.contains("<dt>Scoring</dt>"), "scoring line");
        assertTrue(html.contains("balanced decision"), "the decision named");
        assertEquals("the kept epoch's network and every later one's, parameters averaged; each clip as recorded "
                + "and played at 0.9, 1.1 times the speed; probabilities divided by the emotions' training shares "
                + "(balanced decision)", CvReportHtml.scoring(metrics));

        metrics.putArray("test_speeds");
        metrics.put("with_later_epochs", false);
        metrics.put("with_last_epoch", true);
        metrics.put("decision", "argmax");
        assertEquals("the kept and the last epochs' networks, probabilities averaged; most probable emotion (argmax)",
                CvReportHtml.scoring(metrics));
    }

    @Test
    void oneModelOneFoldWithNullValidationStillReports() throws IOException {
        ObjectNode metrics = CvMetricsFixture.build(CvMetricsFixture.oneModelOneFold());
        metrics.remove("anchors");
        JsonNode uar = metrics.path("summary").path("dual-lstm").path("uar");
        assertTrue(uar.path("std").isNull(), "fixture: a single fold has no spread");

        String html = Files.readString(CvReport.write(metrics, tmp), StandardCharsets.UTF_8);

        assertSelfContained(html);
        assertTrue(html.contains(Formats.fraction(uar.path("mean").doubleValue()) + " +- n/a"));
        assertTrue(html.contains("no paired comparison"));
        assertFalse(Files.exists(tmp.resolve(CvReport.PAIRED_FILE)));
        assertTrue(html.contains("lists no anchors"));
        for (String png : List.of("confusion_dual-lstm.png", "per_actor_dual-lstm.png",
                "learning_curves_dual-lstm.png")) {
            assertDecodablePng(tmp.resolve(png));
        }
        assertTrue(html.contains(SI_BADGE));
        assertFalse(html.contains("SPEAKER-DEPENDENT"));
    }

    @Test
    void randomSplitIsFlaggedSpeakerDependent() throws IOException {
        ObjectNode metrics = CvMetricsFixture.build(CvMetricsFixture.randomSplit());

        String html = Files.readString(CvReport.write(metrics, tmp), StandardCharsets.UTF_8);

        assertSelfContained(html);
        assertTrue(html.contains("<span class=\"badge sd\">" + SD_BADGE + "</span>"));
        assertFalse(html.contains(SI_BADGE));
        assertTrue(html.contains("Measured on a speaker-DEPENDENT random split."), "beside the verdict");
        // this run's anchor rows are marked speaker-dependent too
        assertEquals(2, count(html, "<span class=\"tag sd\">speaker-dependent</span>"));
        assertDecodablePng(tmp.resolve(CvReport.PAIRED_FILE));
    }

    @Test
    void speakerDependenceIsInferredFromARandomSchemeWhenTheFlagIsMissing() throws IOException {
        ObjectNode metrics = CvMetricsFixture.build(CvMetricsFixture.randomSplit());
        metrics.remove("speaker_independent");

        String html = Files.readString(CvReport.write(metrics, tmp), StandardCharsets.UTF_8);

        assertTrue(html.contains(SD_BADGE));
    }

    @Test
    void namesFromTheFileAreEscaped() throws IOException {
        String evilModel = "<script>alert('m')</script>";
        String evilLabel = "sad<img src=x onerror=alert(1)>";
        ObjectNode metrics = CvMetricsFixture.build(CvMetricsFixture.full());
        renameModel(metrics, "single-lstm", evilModel);
        ArrayNode labels = (ArrayNode) metrics.path("labels");
        labels.set(3, labels.textNode(evilLabel));
        ((ObjectNode) metrics.path("anchors").get(0)).put("name", "R&D \"quoted\" <b>bold</b>");

        String html = Files.readString(CvReport.write(metrics, tmp), StandardCharsets.UTF_8);

        assertSelfContained(html);
        assertFalse(html.contains("<script"), "no script element");
        assertFalse(html.contains("<img src=x"), "no injected image");
        assertFalse(html.contains("<b>bold</b>"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;m&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("sad&lt;img src=x onerror=alert(1)&gt;"));
        assertTrue(html.contains("R&amp;D &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt;"));
        // the model's chart files get a safe name inside the output folder
        assertDecodablePng(tmp.resolve("confusion__script_alert__m____script_.png"));
        assertTrue(html.contains("Using dual-lstm instead of &lt;script&gt;"), "verdict names the pair");
    }

    @Test
    void formatsAndVerdictSentence() {
        assertEquals("0.412 +- 0.031", Formats.meanStd(0.4123, 0.0306));
        assertEquals("0.412 +- n/a", Formats.meanStd(0.4123, Double.NaN));
        assertEquals("+1.2", Formats.points(0.012));
        assertEquals("-0.8", Formats.points(-0.008));
        assertEquals("0.0", Formats.points(-0.00001));
        assertEquals("0.21", Formats.pValue(0.2104));
        assertEquals("0.031", Formats.pValue(0.03125));
        assertEquals("< 0.001", Formats.pValue(0.0004));
        assertEquals("1 h 02 min", Formats.duration(3725));
        assertEquals("The second LSTM layer changed UAR by +1.2 points (95% CI -0.8 to +3.2; paired t p = 0.21): "
                        + "not significant over 6 folds.",
                CvReportHtml.verdict("dual-lstm", "single-lstm", "UAR", 0.012, -0.008, 0.032, 0.95, 0.21, 6));
        assertEquals("The second LSTM layer changed UAR by -3.0 points (95% CI -5.0 to -1.0; paired t p = 0.012): "
                        + "significant at the 5% level over 6 folds.",
                CvReportHtml.verdict("dual-lstm", "single-lstm", "UAR", -0.03, -0.05, -0.01, 0.95, 0.012, 6));
        assertEquals(CvReportHtml.Split.INDEPENDENT, CvReportHtml.Split.of("speaker-independent 5-fold"));
        assertEquals(CvReportHtml.Split.INDEPENDENT, CvReportHtml.Split.of("emobox6"));
        assertEquals(CvReportHtml.Split.UNSTATED, CvReportHtml.Split.of("unstated split"));
        assertEquals(CvReportHtml.Split.DEPENDENT, CvReportHtml.Split.of("random:0.2"));
        assertEquals("<a href=&quot;x&quot;>&amp;&#39;", Html.escape("<a href=\"x\">&'")
                .replace("&lt;", "<").replace("&gt;", ">"));
    }

    @Test
    void rejectsANonObject() {
        assertThrows(IllegalArgumentException.class,
                () -> CvReport.write(new ObjectMapper().createArrayNode(), tmp));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String summaryText(JsonNode metrics, String model, String metric) {
        JsonNode s = metrics.path("summary").path(model).path(metric);
        return new MeanStd(s.path("mean").doubleValue(), s.path("std").doubleValue()).format();
    }

    /** No reference leaves the file: images are data URIs, links are in-page anchors, no external CSS/JS/fonts. */
    private static void assertSelfContained(String html) {
        assertFalse(html.contains("src=\"http"), "no remote src");
        Matcher src = SRC.matcher(html);
        while (src.find()) {
            assertTrue(src.group(1).startsWith("data:image/png;base64,"), "src " + src.group(1));
        }
        Matcher href = HREF.matcher(html);
        while (href.find()) {
            assertTrue(href.group(1).startsWith("#"), "href " + href.group(1));
        }
        String lower = html.toLowerCase(java.util.Locale.ROOT);
        for (String forbidden : List.of("<link", "<script", "@import", "url(", "@font-face", "<iframe")) {
            assertFalse(lower.contains(forbidden), forbidden);
        }
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.trim().endsWith("</html>"));
    }

    private static void assertDecodablePng(Path png) throws IOException {
        assertTrue(Files.isRegularFile(png), png + " exists");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " decodes");
        assertTrue(image.getWidth() >= 600 && image.getHeight() >= 400,
                png + " is " + image.getWidth() + "x" + image.getHeight());
        // a drawn chart has many colours (antialiased text, fills); a blank or failed render has one or two
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, png + " has " + colours.size() + " colours");
    }

    private static void renameModel(ObjectNode metrics, String from, String to) {
        ArrayNode models = (ArrayNode) metrics.path("models");
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).asText().equals(from)) {
                models.set(i, models.textNode(to));
            }
        }
        ObjectNode summary = (ObjectNode) metrics.path("summary");
        summary.set(to, summary.remove(from));
        for (JsonNode fold : metrics.path("folds")) {
            ObjectNode m = (ObjectNode) fold.path("models");
            m.set(to, m.remove(from));
        }
        ObjectNode comparison = (ObjectNode) metrics.path("comparison");
        comparison.put("model_b", to);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private static String join(JsonNode array) {
        StringBuilder b = new StringBuilder();
        for (JsonNode e : array) {
            b.append(b.length() == 0 ? "" : ", ").append(e.asText());
        }
        return b.toString();
    }
}
