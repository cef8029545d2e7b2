package org.serspark.cv;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.StandardChartTheme;
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
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
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
    private static final Color HEAT_LOW = new Color(0xf7fbff);
    private static final Color HEAT_HIGH = new Color(0x08306b);
    /** Above this share a heat-map cell is dark enough to need white text. */
    private static final double DARK_CELL = 0.5;
    private static final String FONT = Font.SANS_SERIF;
    private static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 15);
    private static final Font SUBTITLE_FONT = new Font(FONT, Font.PLAIN, 12);
    private static final Font CELL_FONT = new Font(FONT, Font.BOLD, 12);
    private static final Font COUNT_FONT = new Font(FONT, Font.PLAIN, 9);
    private static final Font SMALL_FONT = new Font(FONT, Font.PLAIN, 10);
    /** Vertical offset, in cell heights, of a heat-map cell's count below its share. */
    private static final double COUNT_OFFSET = 0.22;
    private static final Stroke THIN = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final Stroke THICK = new BasicStroke(3.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final Stroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {5f, 4f}, 0f);
    private static final Stroke MARKER = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
            new float[] {6f, 4f}, 0f);
    private static final Shape DOT = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
    private static final Shape BIG_DOT = new Ellipse2D.Double(-5, -5, 10, 10);
    private static final Shape LEGEND_LINE = new Line2D.Double(-9, 0, 9, 0);
    private static final Shape LEGEND_BOX = new Rectangle2D.Double(-6, -6, 12, 12);
    /** Space left of the first and right of the last model column of the paired chart, in column widths. */
    private static final double PAIRED_MARGIN_LEFT = 0.25;
    /** Room right of the second model column for the fold labels. */
    private static final double PAIRED_MARGIN_RIGHT = 0.55;
    private static final double FOLD_LABEL_GAP = 0.04;

    private CvCharts() {
    }

    /**
     * Row-normalised confusion heat map: rows are true classes (top to bottom in label order), columns predicted
     * classes; each cell prints its share of the row and, smaller, its count.
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
        JFreeChart chart = chart(model + ": confusion matrix", plot, false);
        subtitle(chart, "row-normalised (share of each true class), pooled over " + folds + " fold"
                + (folds == 1 ? "" : "s") + "; counts in brackets");
        return chart;
    }

    /**
     * Accuracy per test actor, bars coloured by the actor's gender (RAVDESS: odd actors male), with the
     * mean accuracy over folds and chance level as reference lines.
     */
    static JFreeChart perActor(String model, Map<String, Double> accuracy, double meanAccuracy, int classes) {
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
        acc.setRange(0, 1.05);
        acc.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        CategoryPlot plot = new CategoryPlot(data, actors, acc, renderer);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlineVisible(false);
        if (classes > 0) {
            plot.addRangeMarker(marker(1.0 / classes, "chance " + Formats.decimals(1.0 / classes, 3), MUTED));
        }
        if (!Double.isNaN(meanAccuracy)) {
            plot.addRangeMarker(marker(meanAccuracy, "mean over folds " + Formats.fraction(meanAccuracy), INK));
        }
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem("male", null, null, null, LEGEND_BOX, MALE));
        legend.add(new LegendItem("female", null, null, null, LEGEND_BOX, FEMALE));
        if (colours.contains(UNKNOWN_GENDER)) {
            legend.add(new LegendItem("unknown", null, null, null, LEGEND_BOX, UNKNOWN_GENDER));
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
            styleXY(sub);
            sub.setNoDataMessageFont(SUBTITLE_FONT);
            plot.add(sub, 1);
        }
        plot.setFixedLegendItems(legend);
        return chart(model + ": learning curves", plot, true);
    }

    /**
     * Per-fold UAR of model A and model B side by side, one line per fold (green where A scored higher, red where
     * B did) and the mean over folds in black.
     */
    static JFreeChart paired(String modelA, String modelB, List<String> folds, double[] a, double[] b) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        XYPlot plot = new XYPlot(data, null, null, renderer);
        double sumA = 0;
        double sumB = 0;
        int n = 0;
        int aHigher = 0;
        int bHigher = 0;
        for (int f = 0; f < folds.size(); f++) {
            if (Double.isNaN(a[f]) || Double.isNaN(b[f])) {
                continue;
            }
            // keyed by position: fold names need not be unique
            XYSeries s = new XYSeries(f, false, true);
            s.add(0, a[f]);
            s.add(1, b[f]);
            int i = data.getSeriesCount();
            data.addSeries(s);
            Color colour = a[f] >= b[f] ? A_HIGHER : B_HIGHER;
            if (a[f] >= b[f]) {
                aHigher++;
            } else {
                bHigher++;
            }
            renderer.setSeriesPaint(i, colour);
            renderer.setSeriesStroke(i, THIN);
            renderer.setSeriesShape(i, DOT);
            XYTextAnnotation label = new XYTextAnnotation("fold " + folds.get(f) + " ("
                    + Formats.points(a[f] - b[f]) + ")", 1 + FOLD_LABEL_GAP, b[f]);
            label.setFont(SMALL_FONT);
            label.setPaint(colour.darker());
            label.setTextAnchor(TextAnchor.CENTER_LEFT);
            plot.addAnnotation(label, false);
            sumA += a[f];
            sumB += b[f];
            n++;
        }
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
        plot.setDomainAxis(models);
        plot.setRangeAxis(uar);
        styleXY(plot);
        plot.setDomainGridlinesVisible(false);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem(modelA + " higher (" + aHigher + ")", null, null, null, LEGEND_LINE, THIN,
                A_HIGHER));
        legend.add(new LegendItem(modelB + " higher (" + bHigher + ")", null, null, null, LEGEND_LINE, THIN,
                B_HIGHER));
        legend.add(new LegendItem("mean over folds", null, null, null, LEGEND_LINE, THICK, INK));
        plot.setFixedLegendItems(legend);
        return chart("Per-fold UAR: " + modelA + " vs " + modelB, plot, true);
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
        theme().apply(chart);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(6, 8, 6, 12));
        chart.getTitle().setPaint(INK);
        chart.getTitle().setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setFrame(BlockBorder.NONE);
            l.setPosition(RectangleEdge.TOP);
            l.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
            l.setItemFont(SUBTITLE_FONT);
        }
        return chart;
    }

    private static void subtitle(JFreeChart chart, String text) {
        TextTitle t = new TextTitle(text, SUBTITLE_FONT);
        t.setPaint(MUTED);
        t.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        chart.addSubtitle(0, t);
    }

    private static StandardChartTheme theme() {
        StandardChartTheme t = new StandardChartTheme("serspark");
        t.setExtraLargeFont(TITLE_FONT);
        t.setLargeFont(new Font(FONT, Font.PLAIN, 13));
        t.setRegularFont(new Font(FONT, Font.PLAIN, 12));
        t.setSmallFont(SMALL_FONT);
        t.setChartBackgroundPaint(Color.WHITE);
        t.setPlotBackgroundPaint(Color.WHITE);
        t.setPlotOutlinePaint(GRID);
        t.setDomainGridlinePaint(GRID);
        t.setRangeGridlinePaint(GRID);
        t.setAxisLabelPaint(INK);
        t.setTickLabelPaint(MUTED);
        t.setTitlePaint(INK);
        t.setSubtitlePaint(MUTED);
        t.setLegendBackgroundPaint(Color.WHITE);
        t.setLegendItemPaint(INK);
        t.setItemLabelPaint(MUTED);
        t.setBarPainter(new StandardBarPainter());
        t.setShadowVisible(false);
        t.setAxisOffset(RectangleInsets.ZERO_INSETS);
        return t;
    }

    private static void styleXY(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(GRID);
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

    private static ValueMarker marker(double value, String label, Color colour) {
        ValueMarker m = new ValueMarker(value, colour, MARKER);
        m.setLabel(label);
        m.setLabelFont(SMALL_FONT);
        m.setLabelPaint(colour);
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return m;
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

    /** White to dark blue over [0, 1] (ColorBrewer "Blues" end points), linear in RGB. */
    private static final class BluesScale implements PaintScale {
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
            double t = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
            return new Color(mix(HEAT_LOW.getRed(), HEAT_HIGH.getRed(), t),
                    mix(HEAT_LOW.getGreen(), HEAT_HIGH.getGreen(), t),
                    mix(HEAT_LOW.getBlue(), HEAT_HIGH.getBlue(), t));
        }

        private static int mix(int lo, int hi, double t) {
            return (int) Math.round(lo + (hi - lo) * t);
        }
    }
}
