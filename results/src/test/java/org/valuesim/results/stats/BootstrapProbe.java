package org.valuesim.results.stats;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Process CPU of {@link CorrelationBootstrap#of} (test-scope main, for BENCHMARKS.md): random scores of N agents on
 * ten values against a circular human matrix, R resamples, C calls in this JVM (the first one is a run's: cold).
 * Prints each call's process CPU and wall time and the intervals, so that two builds' results can be compared.
 *
 * <p>Usage: {@code BootstrapProbe N R C}
 */
public final class BootstrapProbe {

    private BootstrapProbe() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int resamples = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        int k = 10;
        SplittableRandom random = new SplittableRandom(1);
        double[][] scores = new double[n][k];
        for (double[] row : scores) {
            for (int v = 0; v < k; v++) {
                row[v] = random.nextGaussian() + Math.cos(2 * Math.PI * v / k) * random.nextGaussian();
            }
        }
        double[][] human = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                human[i][j] = i == j ? 1 : 0.6 * Math.cos(2 * Math.PI * (i - j) / k);
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        StringBuilder out = new StringBuilder("agents " + n + ", resamples " + resamples + ":");
        String intervals = null;
        for (int call = 0; call < calls; call++) {
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            CorrelationBootstrap.Intervals result = CorrelationBootstrap.of(scores, human, resamples, 7);
            out.append(String.format(java.util.Locale.ROOT, " %d ms CPU (%d wall)",
                    (os.getProcessCpuTime() - cpu) / 1_000_000, (System.nanoTime() - wall) / 1_000_000));
            intervals = Arrays.toString(result.pearsonR()) + Arrays.toString(result.tuckerPhi())
                    + Arrays.toString(result.rthorCi());
        }
        System.out.println(out + "; intervals " + intervals);
    }
}
