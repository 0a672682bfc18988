package org.scattering4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.scattering4j.scattering.Scattering2D;
import org.scattering4j.util.Parallel;

/**
 * A companion to {@link Scattering2DBenchmark} for a shared, busy machine: the CPU time (not wall
 * time) one thread spends per call, which other processes disturb far less than wall time. Not a
 * test; run with {@code java -cp <test classpath> org.scattering4j.bench.Scattering2DCpuTime [seconds]}.
 */
public final class Scattering2DCpuTime {
    private Scattering2DCpuTime() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        Parallel.setThreads(1);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        int[][] all = {{28, 2, 64}, {256, 3, 1}};
        int[][] configs = args.length > 1 ? new int[][] {all[Integer.parseInt(args[1])]} : all;
        for (int[] c : configs) {
            Scattering2D s = new Scattering2D(c[1], c[0], c[0]);
            Random r = new Random(42);
            double[][] batch = new double[c[2]][c[0] * c[0]];
            for (double[] row : batch) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = r.nextGaussian();
                }
            }
            for (int w = 0; w < 20; w++) {
                s.transform(batch, c[0], c[0]);
            }
            List<Long> cpu = new ArrayList<>();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end || cpu.size() < 5) {
                long c0 = bean.getCurrentThreadCpuTime();
                s.transform(batch, c[0], c[0]);
                cpu.add(bean.getCurrentThreadCpuTime() - c0);
            }
            Collections.sort(cpu);
            System.out.printf("%d images %dx%d J=%d L=8 order 2, one thread: CPU time median %.2f ms, min %.2f ms (%d runs)%n",
                    c[2], c[0], c[0], c[1], cpu.get(cpu.size() / 2) / 1e6, cpu.get(0) / 1e6, cpu.size());
        }
    }
}
