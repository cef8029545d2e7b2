package org.serspark.cv;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.serspark.ravdess.Gender;
import org.serspark.ravdess.RavdessFileName;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's charts as JFreeChart objects: confusion heat map, per-actor bars, learning curves, paired UAR. */
final class CvCharts {
    /** Tableau 10: distinguishable, colour-blind-aware categorical colours for folds. */
    static final Color[] FOLD_COLOURS = {
        new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2), new Color(0x59a14f),
        new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0xbab0ac)};
    static final Color MALE = new Color(0x4e79a7);
    static final Color FEMALE = new Color(0xf28e2b);
    static final Color UNKNOWN_GENDER = new Color(0xbab0ac);
    static final Color A_HIGHER = new Color(0x59a14f);
    static final Color B_HIGHER = new Color(0xe15759);
    private static final Color INK = new Color(0x222222);
    private static final Color MUTED = new Color(0x555555);
    private static final Color GRID = new Color(0xe3e3e3);
    /** Above this share a heat-map cell (see {@link BluesScale}) is dark enough to need white text. */
    private static final double DARK_CELL = 0.55;
    private static final String FONT = Font.SANS_SERIF;
    private static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 15);
    private static final Font SUBTITLE_FONT = new Font(FONT, Font.PLAIN, 12);
    private static final Font CELL_FONT = new Font(FONT, Font.BOLD, 13);
    private static final Font COUNT_FONT = new Font(FONT, Font.PLAIN, 10);
    private static final Font SMALL_FONT = new Font(FONT, Font.PLAIN, 10);
    private static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 11);
    private static final Font AXIS_LABEL_FONT = new Font(FONT, Font.PLAIN, 12);
    private static final Color AXIS_LINE = new Color(0x9aa4ae);
    /** Vertical offset, in cell heights, of a heat-map cell's count below its share. */
    private static final double COUNT_OFFSET = 0.22;
    private static final Stroke THIN = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final Stroke THICK = new BasicStroke(3.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final Stroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {5f, 4f}, 0f);
    private static final Stroke MARKER = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
            new float[] {6f, 4f}, 0f);
    private static final Stroke DOTTED = new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {1f, 4f}, 0f);
    private static final Color CHANCE = new Color(0xcf222e);
    private static final Shape DOT = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
    private static final Shape BIG_DOT = new Ellipse2D.Double(-5, -5, 10, 10);
    private static final Shape LEGEND_LINE = new Line2D.Double(-9, 0, 9, 0);
    private static final Shape LEGEND_BOX = new Rectangle2D.Double(-6, -6, 12, 12);
    /** Space left of the first and right of the last model column of the paired chart, in column widths. */
    private static final double PAIRED_MARGIN_LEFT = 0.25;
    /** Room right of the second model column for the fold labels. */
    private static final double PAIRED_MARGIN_RIGHT = 0.55;
    private static final double FOLD_LABEL_GAP = 0.04;
    /** Least distance between two fold labels of the paired chart, as a share of the data's vertical span. */
    private static final double LABEL_GAP_SHARE = 0.045;

    private CvCharts() {
    }

    /**
     * Row-normalised confusion heat map: rows are true classes (top to bottom in label order), columns predicted
     * classes; each cell prints its share of the row and, smaller, its count.
     *
     * @param counts pooled counts for the cell captions, or null to print shares only
     * @param folds  how many folds were pooled (0 if unknown)
     */
    static JFreeChart confusion(String model, List<String> labels, double[][] rowNormalized, double[][] counts,
                                int folds) {
        int k = rowNormalized.length;
        String[] names = axisLabels(labels, k);
        double[] x = new double[k * k];
        double[] y = new double[k * k];
        double[] z = new double[k * k];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                int i = t * k + p;
                x[i] = p;
                y[i] = t;
                z[i] = p < rowNormalized[t].length ? rowNormalized[t][p] : 0.0;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("share", new double[][] {x, y, z});
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(new BluesScale());
        SymbolAxis predicted = symbolAxis("predicted", names);
        SymbolAxis truth = symbolAxis("true", names);
        truth.setInverted(true);
        XYPlot plot = new XYPlot(data, predicted, truth, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlinePaint(GRID);
        JFreeChart chart = chart(model + ": confusion matrix", plot, false);
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                double share = z[t * k + p];
                Color ink = share > DARK_CELL ? Color.WHITE : INK;
                XYTextAnnotation value = new XYTextAnnotation(Formats.decimals(share, 2), p, t - COUNT_OFFSET / 2);
                value.setFont(CELL_FONT);
                value.setPaint(ink);
                value.setTextAnchor(TextAnchor.CENTER);
                plot.addAnnotation(value, false);
                if (counts != null && t < counts.length && p < counts[t].length) {
                    XYTextAnnotation count = new XYTextAnnotation("(" + Formats.count(counts[t][p]) + ")", p,
                            t + COUNT_OFFSET);
                    count.setFont(COUNT_FONT);
                    count.setPaint(ink);
                    count.setTextAnchor(TextAnchor.CENTER);
                    plot.addAnnotation(count, false);
                }
            }
        }
        String pooled = folds > 0 ? "pooled over " + folds + (folds == 1 ? " fold" : " folds") : "pooled over folds";
        subtitle(chart, "row-normalised (share of each true class), " + pooled + "; counts in brackets");
        return chart;
    }

    /**
     * Accuracy per test actor, bars coloured by the actor's gender (RAVDESS: odd actors male), with the
     * mean accuracy over folds and chance level as reference lines.
     *
     * @param upper top of the accuracy axis; the same for every model so their charts compare at a glance
     */
    static JFreeChart perActor(String model, Map<String, Double> accuracy, double meanAccuracy, int classes,
                               double upper) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<Color> colours = new ArrayList<>();
        for (Map.Entry<String, Double> e : accuracy.entrySet()) {
            data.addValue(e.getValue(), "accuracy", e.getKey());
            colours.add(genderColour(e.getKey()));
        }
        BarRenderer renderer = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return colours.get(column);
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0);
        renderer.setMaximumBarWidth(0.06);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new DecimalFormat("0.00")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(SMALL_FONT);
        renderer.setDefaultItemLabelPaint(MUTED);
        CategoryAxis actors = new CategoryAxis("test actor");
        actors.setCategoryMargin(0.25);
        if (accuracy.size() > 30) {
            actors.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        }
        NumberAxis acc = new NumberAxis("accuracy");
        acc.setRange(0, upper);
        acc.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        CategoryPlot plot = new CategoryPlot(data, actors, acc, renderer);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlineVisible(false);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem("male", null, null, null, LEGEND_BOX, MALE));
        legend.add(new LegendItem("female", null, null, null, LEGEND_BOX, FEMALE));
        if (colours.contains(UNKNOWN_GENDER)) {
            legend.add(new LegendItem("unknown", null, null, null, LEGEND_BOX, UNKNOWN_GENDER));
        }
        // reference lines are named in the legend: labels on the lines would collide with the bars
        if (!Double.isNaN(meanAccuracy)) {
            plot.addRangeMarker(new ValueMarker(meanAccuracy, INK, MARKER), Layer.BACKGROUND);
            legend.add(new LegendItem("mean over folds " + Formats.fraction(meanAccuracy), null, null, null,
                    LEGEND_LINE, MARKER, INK));
        }
        if (classes > 0) {
            plot.addRangeMarker(new ValueMarker(1.0 / classes, CHANCE, DOTTED), Layer.BACKGROUND);
            legend.add(new LegendItem("chance " + Formats.decimals(1.0 / classes, 3), null, null, null,
                    LEGEND_LINE, DOTTED, CHANCE));
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = chart(model + ": accuracy per test actor", plot, true);
        return chart;
    }

    /** One learning-curve series of one fold: epochs with val UAR, train loss, val loss (NaN where absent). */
    record Curve(String fold, double[] epoch, double[] valUar, double[] trainLoss, double[] valLoss, double kept) {
    }

    /**
     * Validation UAR (top) and train/validation loss (bottom) per epoch, one colour per fold; a dot marks the epoch
     * whose weights were kept.
     */
    static JFreeChart learningCurves(String model, List<Curve> curves) {
        XYSeriesCollection uar = new XYSeriesCollection();
        XYSeriesCollection loss = new XYSeriesCollection();
        XYLineAndShapeRenderer uarRenderer = new XYLineAndShapeRenderer(true, false);
        XYLineAndShapeRenderer lossRenderer = new XYLineAndShapeRenderer(true, false);
        LegendItemCollection legend = new LegendItemCollection();
        for (int f = 0; f < curves.size(); f++) {
            Curve c = curves.get(f);
            Color colour = FOLD_COLOURS[f % FOLD_COLOURS.length];
            legend.add(new LegendItem("fold " + c.fold(), null, null, null, LEGEND_LINE, THIN, colour));
            XYSeries val = series(f + " val UAR", c.epoch(), c.valUar());
            int s = uar.getSeriesCount();
            uar.addSeries(val);
            uarRenderer.setSeriesPaint(s, colour);
            uarRenderer.setSeriesStroke(s, THIN);
            XYSeries kept = new XYSeries(f + " kept");
            for (int i = 0; i < c.epoch().length; i++) {
                if (c.epoch()[i] == c.kept() && !Double.isNaN(c.valUar()[i])) {
                    kept.add(c.epoch()[i], c.valUar()[i]);
                }
            }
            if (kept.getItemCount() > 0) {
                s = uar.getSeriesCount();
                uar.addSeries(kept);
                uarRenderer.setSeriesPaint(s, colour);
                uarRenderer.setSeriesLinesVisible(s, false);
                uarRenderer.setSeriesShapesVisible(s, true);
                uarRenderer.setSeriesShape(s, BIG_DOT);
            }
            s = loss.getSeriesCount();
            loss.addSeries(series(f + " train loss", c.epoch(), c.trainLoss()));
            lossRenderer.setSeriesPaint(s, colour);
            lossRenderer.setSeriesStroke(s, DASHED);
            s = loss.getSeriesCount();
            loss.addSeries(series(f + " val loss", c.epoch(), c.valLoss()));
            lossRenderer.setSeriesPaint(s, colour);
            lossRenderer.setSeriesStroke(s, THIN);
        }
        legend.add(new LegendItem("val loss", null, null, null, LEGEND_LINE, THIN, MUTED));
        legend.add(new LegendItem("train loss", null, null, null, LEGEND_LINE, DASHED, MUTED));
        legend.add(new LegendItem("kept epoch", null, null, null, DOT, MUTED));
        NumberAxis uarAxis = new NumberAxis("validation UAR");
        uarAxis.setAutoRangeIncludesZero(false);
        XYPlot uarPlot = new XYPlot(nonEmpty(uar), null, uarAxis, uarRenderer);
        uarPlot.setNoDataMessage("no validation data recorded");
        NumberAxis lossAxis = new NumberAxis("loss");
        lossAxis.setAutoRangeIncludesZero(false);
        XYPlot lossPlot = new XYPlot(nonEmpty(loss), null, lossAxis, lossRenderer);
        lossPlot.setNoDataMessage("no loss recorded");
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochs.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.setGap(14);
        for (XYPlot sub : List.of(uarPlot, lossPlot)) {
            sub.setNoDataMessageFont(SUBTITLE_FONT);
            plot.add(sub, 1);
        }
        plot.setFixedLegendItems(legend);
        return chart(model + ": learning curves", plot, true);
    }

    /**
     * Per-fold UAR of model A and model B side by side, one line per fold (green where A scored higher, red where
     * B did) and the mean over folds in black; each fold is labelled at the right with its difference A - B.
     */
    static JFreeChart paired(String modelA, String modelB, List<String> folds, double[] a, double[] b) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        List<Integer> shown = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double sumA = 0;
        double sumB = 0;
        int aHigher = 0;
        for (int f = 0; f < folds.size(); f++) {
            if (Double.isNaN(a[f]) || Double.isNaN(b[f])) {
                continue;
            }
            shown.add(f);
            // keyed by position: fold names need not be unique
            XYSeries s = new XYSeries(f, false, true);
            s.add(0, a[f]);
            s.add(1, b[f]);
            int i = data.getSeriesCount();
            data.addSeries(s);
            boolean aWins = a[f] >= b[f];
            aHigher += aWins ? 1 : 0;
            renderer.setSeriesPaint(i, aWins ? A_HIGHER : B_HIGHER);
            renderer.setSeriesStroke(i, THIN);
            renderer.setSeriesShape(i, DOT);
            lo = Math.min(lo, Math.min(a[f], b[f]));
            hi = Math.max(hi, Math.max(a[f], b[f]));
            sumA += a[f];
            sumB += b[f];
        }
        int n = shown.size();
        if (n > 0) {
            XYSeries mean = new XYSeries(-1, false, true);
            mean.add(0, sumA / n);
            mean.add(1, sumB / n);
            int i = data.getSeriesCount();
            data.addSeries(mean);
            renderer.setSeriesPaint(i, INK);
            renderer.setSeriesStroke(i, THICK);
            renderer.setSeriesShape(i, BIG_DOT);
        }
        SymbolAxis models = symbolAxis(null, new String[] {modelA, modelB});
        models.setRange(-PAIRED_MARGIN_LEFT, 1 + PAIRED_MARGIN_RIGHT);
        models.setTickLabelFont(new Font(FONT, Font.BOLD, 12));
        NumberAxis uar = new NumberAxis("UAR (test folds)");
        uar.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, models, uar, renderer);
        plot.setDomainGridlinesVisible(false);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem(modelA + " higher (" + aHigher + ")", null, null, null, LEGEND_LINE, THIN,
                A_HIGHER));
        legend.add(new LegendItem(modelB + " higher (" + (n - aHigher) + ")", null, null, null, LEGEND_LINE, THIN,
                B_HIGHER));
        legend.add(new LegendItem("mean over folds", null, null, null, LEGEND_LINE, THICK, INK));
        plot.setFixedLegendItems(legend);
        JFreeChart chart = chart("Per-fold UAR: " + modelA + " vs " + modelB, plot, true);
        double[] labelY = new double[n];
        for (int j = 0; j < n; j++) {
            labelY[j] = b[shown.get(j)];
        }
        spreadApart(labelY, (hi > lo ? hi - lo : Math.max(hi, 1e-3)) * LABEL_GAP_SHARE);
        for (int j = 0; j < n; j++) {
            int f = shown.get(j);
            XYTextAnnotation label = new XYTextAnnotation("fold " + folds.get(f) + " (" + Formats.points(a[f] - b[f])
                    + ")", 1 + FOLD_LABEL_GAP, labelY[j]);
            label.setFont(SMALL_FONT);
            label.setPaint((a[f] >= b[f] ? A_HIGHER : B_HIGHER).darker());
            label.setTextAnchor(TextAnchor.CENTER_LEFT);
            plot.addAnnotation(label, false);
        }
        return chart;
    }

    /**
     * Moves label positions apart so neighbours are at least {@code gap} apart, keeping their order and, on
     * average, their place (so labels stay beside their points).
     */
    static void spreadApart(double[] y, double gap) {
        int n = y.length;
        if (n < 2) {
            return;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(y[p], y[q]));
        double[] placed = new double[n];
        double shift = 0;
        for (int r = 0; r < n; r++) {
            double want = y[order[r]];
            placed[r] = r == 0 ? want : Math.max(want, placed[r - 1] + gap);
            shift += placed[r] - want;
        }
        shift /= n;
        for (int r = 0; r < n; r++) {
            y[order[r]] = placed[r] - shift;
        }
    }

    /** RAVDESS gender colour of an actor id; grey when the id is not an actor number 1..24. */
    static Color genderColour(String actor) {
        Integer n = CvMetrics.actorNumber(actor);
        if (n == null || n < 1 || n > RavdessFileName.ACTORS) {
            return UNKNOWN_GENDER;
        }
        return Gender.ofActor(n) == Gender.MALE ? MALE : FEMALE;
    }

    private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
        style(chart);
        return chart;
    }

    private static void subtitle(JFreeChart chart, String text) {
        TextTitle t = new TextTitle(text, SUBTITLE_FONT);
        t.setPaint(MUTED);
        t.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        chart.addSubtitle(0, t);
    }

    /**
     * Fonts and colours of titles, legend and axes. Set by hand rather than with a ChartTheme, because applying a
     * theme clears the renderers' series paints and strokes that carry the meaning (fold colours, dashed loss).
     */
    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(6, 8, 6, 12));
        chart.getTitle().setPaint(INK);
        chart.getTitle().setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setFrame(BlockBorder.NONE);
            l.setBackgroundPaint(Color.WHITE);
            l.setPosition(RectangleEdge.TOP);
            l.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
            l.setItemFont(SUBTITLE_FONT);
            l.setItemPaint(INK);
        }
        org.jfree.chart.plot.Plot plot = chart.getPlot();
        List<org.jfree.chart.axis.Axis> axes = new ArrayList<>();
        List<XYPlot> xyPlots = new ArrayList<>();
        if (plot instanceof CombinedDomainXYPlot combined) {
            axes.add(combined.getDomainAxis());
            for (XYPlot sub : combined.getSubplots()) {
                xyPlots.add(sub);
                axes.add(sub.getRangeAxis());
            }
        } else if (plot instanceof XYPlot xy) {
            xyPlots.add(xy);
            axes.add(xy.getDomainAxis());
            axes.add(xy.getRangeAxis());
        } else if (plot instanceof CategoryPlot cat) {
            cat.setBackgroundPaint(Color.WHITE);
            cat.setAxisOffset(RectangleInsets.ZERO_INSETS);
            axes.add(cat.getDomainAxis());
            axes.add(cat.getRangeAxis());
        }
        for (XYPlot xy : xyPlots) {
            styleXY(xy);
        }
        for (org.jfree.chart.axis.Axis axis : axes) {
            if (axis == null) {
                continue;
            }
            axis.setLabelFont(AXIS_LABEL_FONT);
            axis.setLabelPaint(INK);
            if (!(axis instanceof SymbolAxis)) {
                axis.setTickLabelFont(TICK_FONT);
            }
            axis.setTickLabelPaint(MUTED);
            axis.setAxisLinePaint(AXIS_LINE);
            axis.setTickMarkPaint(AXIS_LINE);
        }
    }

    private static void styleXY(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(GRID);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    }

    private static SymbolAxis symbolAxis(String label, String[] names) {
        SymbolAxis axis = new SymbolAxis(label, names);
        axis.setGridBandsVisible(false);
        axis.setAutoRange(false);
        axis.setRange(-0.5, names.length - 0.5);
        axis.setTickLabelFont(new Font(FONT, Font.PLAIN, 11));
        return axis;
    }

    private static String[] axisLabels(List<String> labels, int k) {
        String[] names = new String[k];
        for (int i = 0; i < k; i++) {
            names[i] = i < labels.size() ? labels.get(i) : "class " + i;
        }
        return names;
    }

    private static XYSeries series(String key, double[] x, double[] y) {
        XYSeries s = new XYSeries(key, false, true);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                s.add(x[i], y[i]);
            }
        }
        return s;
    }

    /** The collection, or an empty one when no series has a point, so the plot shows its no-data message. */
    private static XYSeriesCollection nonEmpty(XYSeriesCollection c) {
        for (int i = 0; i < c.getSeriesCount(); i++) {
            if (c.getSeries(i).getItemCount() > 0) {
                return c;
            }
        }
        return new XYSeriesCollection();
    }

    /** ColorBrewer's 9-class "Blues", white to dark blue over [0, 1], interpolated between its stops. */
    private static final class BluesScale implements PaintScale {
        private static final int[] STOPS = {0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5,
            0x08519c, 0x08306b};

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            double t = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value)) * (STOPS.length - 1);
            int i = Math.min((int) t, STOPS.length - 2);
            double f = t - i;
            return new Color(mix(STOPS[i] >> 16, STOPS[i + 1] >> 16, f),
                    mix(STOPS[i] >> 8 & 0xff, STOPS[i + 1] >> 8 & 0xff, f),
                    mix(STOPS[i] & 0xff, STOPS[i + 1] & 0xff, f));
        }

        private static int mix(int lo, int hi, double f) {
            return (int) Math.round(lo + (hi - lo) * f);
        }
    }
}
