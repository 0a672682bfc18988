package org.scattering4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.scattering4j.scattering.Scattering1D;
import org.scattering4j.util.Parallel;

/**
 * A companion to {@link Scattering1DBenchmark} for a shared, busy machine: the CPU time (not wall
 * time) one thread spends on a batch of 64 signals, which other processes disturb far less than wall
 * time. Dividing it by the number of cores bounds the parallel wall time from below on an idle
 * machine. Not a test; run with
 * {@code java -cp <test classpath> org.scattering4j.bench.Scattering1DCpuTime [seconds]}.
 */
public final class Scattering1DCpuTime {
    private Scattering1DCpuTime() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        Parallel.setThreads(1);
        int[][] configs = {{4096, 6, 8, 1, 2}, {4096, 6, 8, 1, 1}, {8192, 8, 12, 1, 2}};
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        for (int[] c : configs) {
            Scattering1D s = Scattering1D.builder(c[1], c[0]).q(c[2], c[3]).maxOrder(c[4]).build();
            Random r = new Random(42);
            double[][] batch = new double[64][c[0]];
            for (double[] row : batch) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = r.nextGaussian();
                }
            }
            for (int w = 0; w < 3; w++) {
                s.transform(batch);
            }
            List<Long> cpu = new ArrayList<>();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end || cpu.size() < 5) {
                long c0 = bean.getCurrentThreadCpuTime();
                s.transform(batch);
                cpu.add(bean.getCurrentThreadCpuTime() - c0);
            }
            Collections.sort(cpu);
            System.out.printf("N=%d J=%d Q=(%d,%d) order %d: batch of 64, one thread, CPU time median %.1f ms, "
                    + "min %.1f ms (%d runs)%n", c[0], c[1], c[2], c[3], c[4], cpu.get(cpu.size() / 2) / 1e6,
                    cpu.get(0) / 1e6, cpu.size());
        }
    }
}
