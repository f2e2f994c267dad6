package org.valuesim.results.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
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
     * A chart's PNG holds the bytes ChartUtils.saveChartAsPNG wrote, and writing it creates no file in ImageIO's
     * cache folder (where ImageIO buffers a PNG written to a stream, in a file it deletes again).
     */
    @Test
    void aChartsPngIsWhatJFreeChartWroteAndNoFileLandsInImageIosCacheFolder() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("imageio-cache"));
        File before = ImageIO.getCacheDirectory();
        boolean useCache = ImageIO.getUseCache();
        ImageIO.setCacheDirectory(cache.toFile());
        ImageIO.setUseCache(true);
        try (WatchService watch = cache.getFileSystem().newWatchService()) {
            cache.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            ReportPage page = new ReportPage(dir.resolve("charts"));
            page.figure("heatmap", chart(), 300, 280);
            WatchKey created = watch.poll(200, TimeUnit.MILLISECONDS);
            assertNull(created, () -> "created in ImageIO's cache folder: " + created.pollEvents().stream()
                    .map(e -> String.valueOf(e.context())).toList());
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
