package org.valuesim.results.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPageTest {

    @TempDir
    Path dir;

    private static JFreeChart chart() {
        double[][] r = {{1, 0.4, -0.2}, {0.4, 1, 0.05}, {-0.2, 0.05, 1}};
        return Charts.heatmap("Simulated", List.of("SD", "ST", "HE"), r);
    }

    /**
     * A chart's PNG holds the bytes ChartUtils.saveChartAsPNG wrote, and is written without ImageIO's cache file
     * (where ImageIO buffers a PNG written to a stream): with ImageIO's cache pointed at a folder that no longer
     * exists, writing a PNG through a stream fails, and the chart's is still written.
     */
    @Test
    void aChartsPngIsWhatJFreeChartWroteAndNeedsNoImageIoCacheFile() throws Exception {
        Path gone = Files.createDirectories(dir.resolve("imageio-cache"));
        File before = ImageIO.getCacheDirectory();
        boolean useCache = ImageIO.getUseCache();
        try {
            ImageIO.setCacheDirectory(gone.toFile());
            ImageIO.setUseCache(true);
            Files.delete(gone);
            assertThrows(Exception.class, () -> ChartUtils.writeChartAsPNG(new ByteArrayOutputStream(), chart(),
                    300, 280), "a PNG written through a stream needs ImageIO's cache file");
            new ReportPage(dir.resolve("charts")).figure("heatmap", chart(), 300, 280);
        } finally {
            ImageIO.setCacheDirectory(before);
            ImageIO.setUseCache(useCache);
        }
        Path jfreechart = dir.resolve("jfreechart.png");
        ChartUtils.saveChartAsPNG(jfreechart.toFile(), chart(), 300, 280);
        byte[] png = Files.readAllBytes(dir.resolve("charts/heatmap.png"));
        assertTrue(png.length > 1000);
        assertArrayEquals(Files.readAllBytes(jfreechart), png);
        assertTrue(Files.readString(dir.resolve("charts/heatmap.svg")).startsWith("<?xml"));
    }
}
