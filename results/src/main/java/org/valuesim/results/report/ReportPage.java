package org.valuesim.results.report;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The report page as it is built: headings, paragraphs, tables, and charts, each written to charts/ as PNG and SVG
 * and inlined as SVG (scaled to the page by its view box, so a chart shows whole however narrow the page).
 */
final class ReportPage {

    private final Path charts;
    private final StringBuilder html = new StringBuilder();

    ReportPage(Path charts) throws IOException {
        this.charts = Files.createDirectories(charts);
    }

    void section(String title) {
        html.append("<h2>").append(escape(title)).append("</h2>\n");
    }

    void paragraph(String text) {
        html.append("<p>").append(escape(text)).append("</p>\n");
    }

    /** A line saying what is not there. */
    void none(String text) {
        html.append("<p class=\"none\">").append(escape(text)).append("</p>\n");
    }

    void preformatted(String text) {
        html.append("<pre>").append(escape(text)).append("</pre>\n");
    }

    /** Charts side by side while the page is wide enough. */
    void beginPair() {
        html.append("<div class=\"pair\">");
    }

    /** Small charts in rows (a study's small multiples), closed by {@link #endPair()}. */
    void beginGrid() {
        html.append("<div class=\"pair grid\">");
    }

    void endPair() {
        html.append("</div>\n");
    }

    /** A table; rows that are null are left out. */
    void table(List<String> header, List<List<String>> rows) {
        html.append("<table><tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            if (row == null) {
                continue;
            }
            html.append("<tr>");
            row.forEach(c -> html.append("<td>").append(escape(c)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** Writes the chart as charts/NAME.png and charts/NAME.svg and inlines the SVG. */
    void figure(String name, JFreeChart chart, int width, int height) {
        try {
            png(chart.createBufferedImage(width, height), charts.resolve(name + ".png"));
            SVGGraphics2D svg = new SVGGraphics2D(width, height);
            // the default prefix is time-based; a fixed one keeps the report identical when rebuilt
            svg.setDefsKeyPrefix(name + "-");
            chart.draw(svg, new Rectangle(0, 0, width, height));
            Files.writeString(charts.resolve(name + ".svg"), svg.getSVGDocument(), StandardCharsets.UTF_8);
            html.append("<figure>").append(svg.getSVGElement(name, true, new ViewBox(0, 0, width, height), null, null))
                    .append("</figure>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The image as PNG, written by ImageIO straight into the file. ChartUtils.saveChartAsPNG hands ImageIO an output
     * stream instead, which ImageIO buffers through a temporary file of its own in java.io.tmpdir for every chart: a
     * run writes nothing outside its folder, and that file cost CPU. The same PNG writer with the same settings: the
     * same bytes.
     */
    private static void png(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }

    /** The whole page: the template with its title, subtitle, version and these sections. */
    String render(String title, String subtitle, String version) throws IOException {
        String template;
        try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream("report/report.html")) {
            if (in == null) {
                throw new IOException("missing resource report/report.html");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return template.replace("{{title}}", escape(title)).replace("{{subtitle}}", escape(subtitle))
                .replace("{{version}}", escape(version)).replace("{{sections}}", html.toString());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
