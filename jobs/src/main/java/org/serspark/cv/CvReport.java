package org.serspark.cv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jfree.chart.JFreeChart;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the human-readable report of a {@code serspark cv} run: {@code report.html}, one self-contained file
 * (styles inline, charts embedded as base64 PNG), and the same charts as PNG files beside it
 * ({@code confusion_<model>.png}, {@code per_actor_<model>.png}, {@code learning_curves_<model>.png},
 * {@code dual_vs_single.png}). Input is the run's metrics.json; sections it lacks are left out or derived from the
 * per-fold data, never a reason to fail.
 */
public final class CvReport {
    /** Name of the HTML file written into the output folder. */
    public static final String REPORT_FILE = "report.html";
    /** Name of the paired per-fold UAR chart. */
    public static final String PAIRED_FILE = "dual_vs_single.png";
    /** Charts are drawn at twice their CSS size so they stay sharp on high-density screens and when zoomed. */
    private static final int PIXEL_SCALE = 2;
    private static final int CONFUSION_WIDTH = 620;
    private static final int CONFUSION_HEIGHT = 600;
    private static final int PER_ACTOR_WIDTH = 1240;
    private static final int PER_ACTOR_HEIGHT = 320;
    /** Head room above the best actor's bar for its value label, and the axis step the top is rounded up to. */
    private static final double BAR_HEAD_ROOM = 0.06;
    private static final double AXIS_STEP = 0.1;
    private static final int CURVES_WIDTH = 620;
    private static final int CURVES_HEIGHT = 560;
    private static final int PAIRED_WIDTH = 600;
    private static final int PAIRED_HEIGHT = 460;
    private static final String SAFE_NAME_CHARS = "[^A-Za-z0-9._-]";

    static {
        // charts are drawn off screen: without a display AWT must not try to open one
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private CvReport() {
    }

    /** A chart rendered to PNG, with its file name and CSS size. */
    record Chart(String fileName, byte[] png, int width, int height, String alt) {
    }

    /** All charts of a report; maps are keyed by model name, absent entries mean "no data for that chart". */
    record Charts(Map<String, Chart> confusion, Map<String, Chart> perActor, Map<String, Chart> curves,
                  Chart paired) {
    }

    /**
     * Reads the metrics.json and writes the report into {@code outDir} (created if needed).
     *
     * @return the path of {@code report.html}
     * @throws UncheckedIOException if the file cannot be read or parsed, or the report cannot be written
     */
    public static Path write(Path metricsJson, Path outDir) {
        JsonNode metrics;
        try {
            metrics = new ObjectMapper().readTree(metricsJson.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metricsJson + ": " + e.getMessage(), e);
        }
        return write(metrics, outDir);
    }

    /**
     * Writes the report of an already parsed metrics.json tree into {@code outDir} (created if needed).
     *
     * @return the path of {@code report.html}
     * @throws IllegalArgumentException if {@code metrics} is not a JSON object
     * @throws UncheckedIOException     if the report cannot be written
     */
    public static Path write(JsonNode metrics, Path outDir) {
        CvMetrics m = new CvMetrics(metrics);
        Charts charts = render(m);
        try {
            Files.createDirectories(outDir);
            List<Chart> all = new ArrayList<>();
            all.addAll(charts.confusion().values());
            all.addAll(charts.perActor().values());
            all.addAll(charts.curves().values());
            if (charts.paired() != null) {
                all.add(charts.paired());
            }
            for (Chart c : all) {
                Files.write(outDir.resolve(c.fileName()), c.png());
            }
            Path report = outDir.resolve(REPORT_FILE);
            Files.writeString(report, new CvReportHtml(m, charts).document(), StandardCharsets.UTF_8);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + outDir + ": " + e.getMessage(), e);
        }
    }

    private static Charts render(CvMetrics m) {
        List<String> labels = m.labels();
        int folds = m.folds().size();
        Map<String, Chart> confusion = new LinkedHashMap<>();
        Map<String, Chart> perActor = new LinkedHashMap<>();
        Map<String, Chart> curves = new LinkedHashMap<>();
        Set<String> usedStems = new HashSet<>();
        double best = 0;
        for (String model : m.models()) {
            for (double acc : m.perActorAccuracy(model).values()) {
                best = Math.max(best, acc);
            }
        }
        double actorAxisTop = Math.min(1.0, Math.ceil((best + BAR_HEAD_ROOM) / AXIS_STEP) * AXIS_STEP);
        for (String model : m.models()) {
            String stem = fileStem(model, usedStems);
            double[][] normalized = m.pooledRowNormalized(model);
            if (normalized != null && normalized.length > 0) {
                int pooledFolds = (int) m.folds().stream()
                        .filter(f -> m.foldModel(f, model).path("metrics").has("confusion_matrix")).count();
                confusion.put(model, png(CvCharts.confusion(model, labels, normalized, m.pooledCounts(model),
                                pooledFolds > 0 ? pooledFolds : folds),
                        "confusion_" + stem + ".png", CONFUSION_WIDTH, CONFUSION_HEIGHT,
                        "Confusion matrix of " + model));
            }
            Map<String, Double> actors = m.perActorAccuracy(model);
            if (!actors.isEmpty()) {
                perActor.put(model, png(CvCharts.perActor(model, actors, m.stat(model, "accuracy").mean(),
                                labels.size(), actorAxisTop),
                        "per_actor_" + stem + ".png", PER_ACTOR_WIDTH, PER_ACTOR_HEIGHT,
                        "Accuracy per test actor of " + model));
            }
            List<CvCharts.Curve> modelCurves = curves(m, model);
            if (!modelCurves.isEmpty()) {
                curves.put(model, png(CvCharts.learningCurves(model, modelCurves),
                        "learning_curves_" + stem + ".png", CURVES_WIDTH, CURVES_HEIGHT,
                        "Learning curves of " + model));
            }
        }
        Chart paired = null;
        CvMetrics.Pair pair = m.pair("uar");
        if (pair != null && pair.hasValues()) {
            paired = png(CvCharts.paired(pair.modelA(), pair.modelB(), pair.folds(), pair.a(), pair.b()),
                    PAIRED_FILE, PAIRED_WIDTH, PAIRED_HEIGHT,
                    "Per-fold UAR of " + pair.modelA() + " and " + pair.modelB());
        }
        return new Charts(confusion, perActor, curves, paired);
    }

    private static List<CvCharts.Curve> curves(CvMetrics m, String model) {
        List<CvCharts.Curve> out = new ArrayList<>();
        for (int f = 0; f < m.folds().size(); f++) {
            JsonNode entry = m.foldModel(m.folds().get(f), model);
            JsonNode lc = entry.path("learning_curve");
            if (!lc.isArray() || lc.isEmpty()) {
                continue;
            }
            int n = lc.size();
            double[] epoch = new double[n];
            double[] valUar = new double[n];
            double[] trainLoss = new double[n];
            double[] valLoss = new double[n];
            for (int i = 0; i < n; i++) {
                JsonNode e = lc.get(i);
                double ep = JsonFields.number(e, "epoch");
                epoch[i] = Double.isNaN(ep) ? i + 1 : ep;
                valUar[i] = JsonFields.number(e, "val_uar");
                trainLoss[i] = JsonFields.number(e, "train_loss");
                valLoss[i] = JsonFields.number(e, "val_loss");
            }
            out.add(new CvCharts.Curve(m.foldName(f), epoch, valUar, trainLoss, valLoss,
                    JsonFields.number(entry, "kept_epoch")));
        }
        return out;
    }

    /** A file-name-safe, unique stem for a model name (which may hold any characters). */
    private static String fileStem(String model, Set<String> used) {
        String base = model.replaceAll(SAFE_NAME_CHARS, "_");
        if (base.isEmpty() || base.chars().allMatch(c -> c == '.')) {
            base = "model";
        }
        String stem = base;
        for (int i = 2; !used.add(stem); i++) {
            stem = base + "-" + i;
        }
        return stem;
    }

    private static Chart png(JFreeChart chart, String fileName, int width, int height, String alt) {
        BufferedImage image = new BufferedImage(width * PIXEL_SCALE, height * PIXEL_SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(PIXEL_SCALE, PIXEL_SCALE);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory stream: does not happen
        }
        return new Chart(fileName, out.toByteArray(), width, height, alt);
    }
}
