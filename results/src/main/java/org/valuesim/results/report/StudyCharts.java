package org.valuesim.results.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.valuesim.results.record.Interval;
import org.valuesim.results.study.StudySummary;

/** The study report's charts beyond a run's: statistics by condition, and history curves, with their intervals. */
final class StudyCharts {

    private static final Color[] PALETTE = {Charts.SIMULATED, new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f)};

    private StudyCharts() {
    }

    /**
     * One point per condition and series with its interval as an error bar; series sit side by side within a
     * condition so that their bars do not overlap.
     *
     * @param values    [series][condition], NaN where a condition has no value
     * @param intervals [series][condition], null where a condition has no interval
     */
    static JFreeChart byCondition(String title, String yLabel, List<String> conditions, List<String> series,
                                  double[][] values, Interval[][] intervals) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        double width = 0.5 / Math.max(1, series.size());
        java.util.List<Double> shown = new java.util.ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            YIntervalSeries points = new YIntervalSeries(series.get(s), false, true);
            double offset = (s - (series.size() - 1) / 2.0) * width;
            for (int c = 0; c < conditions.size(); c++) {
                double y = values[s][c];
                if (Double.isNaN(y)) {
                    continue;
                }
                Interval ci = intervals[s][c];
                points.add(c + offset, y, ci == null ? y : ci.low(), ci == null ? y : ci.high());
                shown.add(y);
                if (ci != null) {
                    shown.add(ci.low());
                    shown.add(ci.high());
                }
            }
            data.addSeries(points);
        }
        SymbolAxis x = new SymbolAxis(null, conditions.toArray(String[]::new));
        x.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        x.setGridBandsVisible(false);
        x.setVerticalTickLabels(conditions.stream().mapToInt(String::length).sum() > 90);
        x.setRange(-0.6, conditions.size() - 0.4);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        Charts.spacedTicks(y, shown.stream().mapToDouble(Double::doubleValue).toArray());
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setCapLength(8);
        renderer.setErrorStroke(new BasicStroke(1.5f));
        renderer.setDefaultLinesVisible(false);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
            renderer.setSeriesLinesVisible(s, false);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        return Charts.chart(title, plot);
    }

    /**
     * One line per series over the history shares (in percent), each point with its interval across replicates as
     * an error bar where it has one.
     *
     * @param part the estimate of a point to draw (top-1 or nMAE); a point without one is left out
     */
    static JFreeChart curves(String title, String yLabel, List<String> names,
                             List<List<StudySummary.HistoryPoint>> series,
                             java.util.function.Function<StudySummary.HistoryPoint, StudySummary.Estimate> part) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        java.util.List<Double> shown = new java.util.ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            YIntervalSeries points = new YIntervalSeries(names.get(s), false, true);
            for (StudySummary.HistoryPoint point : series.get(s)) {
                StudySummary.Estimate e = part.apply(point);
                if (e == null) {
                    continue;
                }
                Interval ci = e.ci95();
                points.add(100 * point.history(), e.mean(), ci == null ? e.mean() : ci.low(),
                        ci == null ? e.mean() : ci.high());
                shown.add(ci == null ? e.mean() : ci.low());
                shown.add(ci == null ? e.mean() : ci.high());
            }
            data.addSeries(points);
        }
        NumberAxis x = new NumberAxis("history used (% of the other folds' answers)");
        Charts.ticks(x, 25);
        x.setRange(-5, 105);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        Charts.spacedTicks(y, shown.stream().mapToDouble(Double::doubleValue).toArray());
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setCapLength(6);
        renderer.setDefaultLinesVisible(true);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
            renderer.setSeriesLinesVisible(s, true);
            renderer.setSeriesShapesVisible(s, true);
            if (names.get(s).endsWith("(baseline)")) {
                renderer.setSeriesStroke(s, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f));
            }
        }
        return Charts.chart(title, new XYPlot(data, x, y, renderer));
    }
}
