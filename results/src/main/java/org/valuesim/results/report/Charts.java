package org.valuesim.results.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts, built with JFreeChart from the numbers in summary.json. */
final class Charts {

    static final Color SIMULATED = new Color(0x1f77b4);
    static final Color HUMAN = new Color(0xd62728);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font CELL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Charts() {
    }

    /** Theoretical circle, simulated MDS points (after Procrustes to the circle) and human points fitted to them. */
    static JFreeChart circumplex(List<String> labels, double[][] simulated, double[][] human) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries circle = new XYSeries("theoretical circle", false);
        for (int a = 0; a <= 360; a += 5) {
            circle.add(Math.cos(Math.toRadians(a)), Math.sin(Math.toRadians(a)));
        }
        data.addSeries(points("simulated", simulated));
        if (human != null) {
            data.addSeries(points("human", human));
        }
        data.addSeries(circle);
        NumberAxis x = new NumberAxis("dimension 1");
        NumberAxis y = new NumberAxis("dimension 2");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, SIMULATED);
        int circleIndex = human != null ? 2 : 1;
        if (human != null) {
            renderer.setSeriesPaint(1, HUMAN);
        }
        renderer.setSeriesLinesVisible(circleIndex, true);
        renderer.setSeriesShapesVisible(circleIndex, false);
        renderer.setSeriesPaint(circleIndex, Color.LIGHT_GRAY);
        renderer.setSeriesStroke(circleIndex, new BasicStroke(1f));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        for (int i = 0; i < labels.size(); i++) {
            XYTextAnnotation label = new XYTextAnnotation(labels.get(i), simulated[i][0], simulated[i][1] + 0.08);
            label.setFont(LABEL);
            label.setPaint(SIMULATED.darker());
            plot.addAnnotation(label);
        }
        double extent = 1.3;
        for (double[][] config : new double[][][] {simulated, human}) {
            if (config != null) {
                for (double[] p : config) {
                    extent = Math.max(extent, Math.max(Math.abs(p[0]), Math.abs(p[1])) + 0.2);
                }
            }
        }
        x.setRange(-extent, extent);
        y.setRange(-extent, extent);
        ticks(x, 0.5);
        ticks(y, 0.5);
        return chart("Value circumplex: 2-D MDS of centred value correlations", plot);
    }

    private static XYSeries points(String name, double[][] config) {
        XYSeries s = new XYSeries(name, false);
        for (double[] p : config) {
            s.add(p[0], p[1]);
        }
        return s;
    }

    /** A correlation matrix as coloured cells from -1 (blue) to 1 (red), each with its r printed in it. */
    static JFreeChart heatmap(String title, List<String> labels, double[][] m) {
        int n = labels.size();
        double[][] series = new double[3][n * n];
        int c = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                series[0][c] = j;
                series[1][c] = n - 1 - i;
                series[2][c] = m[i][j];
                c++;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("r", series);
        String[] reversed = new String[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = labels.get(n - 1 - i);
        }
        SymbolAxis x = new SymbolAxis(null, labels.toArray(String[]::new));
        SymbolAxis y = new SymbolAxis(null, reversed);
        x.setTickLabelFont(TICKS);
        y.setTickLabelFont(TICKS);
        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(-1.0001, 1.0001, Color.WHITE);
        for (int k = -20; k < 20; k++) {
            double r = k / 20.0;
            scale.add(r, divergingColour(r + 0.025));
        }
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double r = m[i][j];
                XYTextAnnotation cell = new XYTextAnnotation(i == j ? "1" : cellText(r), j, n - 1 - i);
                cell.setFont(CELL);
                cell.setPaint(Math.abs(r) > 0.6 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(cell);
            }
        }
        JFreeChart chart = chart(title, plot);
        chart.removeLegend();
        NumberAxis legendAxis = new NumberAxis("r");
        legendAxis.setRange(-1, 1);
        ticks(legendAxis, 0.5);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        chart.addSubtitle(legend);
        return chart;
    }

    /** r with two decimals and no leading zero (".23", "-.05"), so that it fits a cell. */
    static String cellText(double r) {
        if (Double.isNaN(r)) {
            return "";
        }
        String two = String.format(java.util.Locale.ROOT, "%.2f", r);
        return two.replace("0.", ".").replace("-.00", ".00");
    }

    private static Paint divergingColour(double r) {
        float t = (float) Math.min(1, Math.abs(r));
        return r < 0 ? new Color(1 - t, 1 - t * 0.6f, 1f) : new Color(1f, 1 - t * 0.8f, 1 - t);
    }

    /** Value means with their 95% confidence half-widths, simulated next to human. */
    static JFreeChart valueMeans(List<String> labels, double[][] simulated, double[][] human) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (int i = 0; i < labels.size(); i++) {
            data.add(simulated[i][0], simulated[i][1], "simulated", labels.get(i));
            if (human != null) {
                data.add(human[i][0], human[i][1], "human", labels.get(i));
            }
        }
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, SIMULATED);
        renderer.setSeriesPaint(1, HUMAN);
        renderer.setErrorIndicatorPaint(Color.BLACK);
        NumberAxis axis = new NumberAxis("mean value score (95% CI)");
        axis.setAutoRangeIncludesZero(false);
        ticks(axis, 0.5);
        CategoryAxis values = new CategoryAxis(null);
        values.setTickLabelFont(TICKS);
        CategoryPlot plot = new CategoryPlot(data, values, axis, renderer);
        return chart("Value means", plot);
    }

    /** Each item's answer shares stacked, a simulated bar next to a human bar. */
    static JFreeChart itemDistributions(List<String> items, double[][] simulated, double[][] human, int options) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int k = 0; k < options; k++) {
            for (int i = 0; i < items.size(); i++) {
                data.addValue(simulated[i][k], "option " + (k + 1), items.get(i) + " sim");
                data.addValue(human[i][k], "option " + (k + 1), items.get(i) + " hum");
            }
        }
        StackedBarRenderer renderer = new StackedBarRenderer(true);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int k = 0; k < options; k++) {
            float t = options == 1 ? 1 : k / (float) (options - 1);
            renderer.setSeriesPaint(k, new Color(0.95f - 0.75f * t, 0.95f - 0.55f * t, 1f - 0.35f * t));
        }
        CategoryAxis categories = new CategoryAxis(null);
        categories.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        categories.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        NumberAxis shares = new NumberAxis("share of answers");
        shares.setRange(0, 1);
        shares.setTickUnit(new NumberTickUnit(0.1, java.text.NumberFormat.getPercentInstance(java.util.Locale.ROOT)));
        shares.setTickLabelFont(TICKS);
        CategoryPlot plot = new CategoryPlot(data, categories, shares, renderer);
        return chart("Item answer distributions, simulated and human", plot);
    }

    /** Value-behaviour correlations around the circle per dilemma (points), with each fitted sinusoid (dashed). */
    static JFreeChart valueProfiles(String title, String yLabel, List<String> values, Map<String, double[]> observed,
                                    Map<String, double[]> fitted) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (var e : observed.entrySet()) {
            for (int v = 0; v < values.size(); v++) {
                data.addValue(e.getValue()[v], e.getKey(), values.get(v));
            }
        }
        for (var e : fitted.entrySet()) {
            for (int v = 0; v < values.size(); v++) {
                data.addValue(e.getValue()[v], e.getKey() + " sinusoid", values.get(v));
            }
        }
        org.jfree.chart.renderer.category.LineAndShapeRenderer renderer =
                new org.jfree.chart.renderer.category.LineAndShapeRenderer(true, true);
        int n = observed.size();
        Color[] palette = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
        for (int s = 0; s < n; s++) {
            renderer.setSeriesPaint(s, palette[s % palette.length]);
            renderer.setSeriesPaint(n + s, palette[s % palette.length]);
            renderer.setSeriesLinesVisible(s, false);
            renderer.setSeriesShapesVisible(n + s, false);
            renderer.setSeriesStroke(n + s, new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                    java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        NumberAxis r = new NumberAxis(yLabel);
        spacedTicks(r, java.util.stream.Stream.concat(observed.values().stream(), fitted.values().stream())
                .flatMapToDouble(java.util.Arrays::stream).toArray());
        CategoryAxis circle = new CategoryAxis("value (circular order)");
        circle.setTickLabelFont(TICKS);
        CategoryPlot plot = new CategoryPlot(data, circle, r, renderer);
        return chart(title, plot);
    }

    /**
     * A line per series (dilemma rounds, history sizes).
     *
     * @param xTick the x axis' tick unit, or 0 for whole numbers chosen to fit (rounds)
     */
    static JFreeChart lines(String title, String xLabel, String yLabel, List<String> names, List<double[]> xs,
                            List<double[]> ys, double xTick) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int s = 0; s < names.size(); s++) {
            XYSeries series = new XYSeries(names.get(s), false);
            for (int i = 0; i < xs.get(s).length; i++) {
                series.add(xs.get(s)[i], ys.get(s)[i]);
            }
            data.addSeries(series);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        NumberAxis x = new NumberAxis(xLabel);
        if (xTick > 0) {
            ticks(x, xTick);
        } else {
            x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            x.setTickLabelFont(TICKS);
        }
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        spacedTicks(y, ys.stream().flatMapToDouble(java.util.Arrays::stream).toArray());
        return chart(title, new XYPlot(data, x, y, renderer));
    }

    /** About five to ten ticks over the values' range, at 1, 2 or 5 times a power of ten. */
    static void spacedTicks(NumberAxis axis, double[] values) {
        double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
        double span = finite.length == 0 ? 0 : java.util.Arrays.stream(finite).max().getAsDouble()
                - java.util.Arrays.stream(finite).min().getAsDouble();
        if (span <= 0) {
            axis.setTickLabelFont(TICKS);
            return;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(span / 8)));
        double unit = magnitude;
        for (double step : new double[] {1, 2, 5, 10}) {
            unit = step * magnitude;
            if (unit >= span / 8) {
                break;
            }
        }
        ticks(axis, unit);
    }

    /** Ticks every {@code unit}, in a readable size. */
    static void ticks(NumberAxis axis, double unit) {
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(java.util.Locale.ROOT);
        format.setMaximumFractionDigits(6);
        axis.setTickUnit(new NumberTickUnit(unit, format));
        axis.setTickLabelFont(TICKS);
    }

    static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        // room at the edges for the outermost tick labels (the colour scale's -1 and 1)
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(8, 8, 10, 8));
        return chart;
    }
}
