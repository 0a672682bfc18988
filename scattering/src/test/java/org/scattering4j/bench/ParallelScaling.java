package org.scattering4j.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.scattering4j.scattering.Scattering1D;
import org.scattering4j.scattering.Scattering2D;
import org.scattering4j.util.Parallel;

/**
 * How well the issue-2 batches scale from one to two threads on the machine at hand, and why: the wall time per
 * call (median and minimum) and the CPU time of the whole process per call (a mean over the calls, so it exceeds the
 * median wall time when some calls are slow). With one thread per process, run two copies at once to see whether
 * the machine's cores slow each other down (as they do at times on the Intel VMs, for reasons not visible from
 * inside the VM; no code change can recover that). Not a test; BENCHMARKS.md (section "2026-11-29 session") has
 * the commands and figures.
 *
 * <pre>
 * java -cp &lt;scattering test class path&gt; org.scattering4j.bench.ParallelScaling CASE THREADS [SECONDS]
 *   CASE: 1d (64 x 4096, J=6, Q=8, order 2), 2d28 (64 x 28x28, J=2, L=8), 2d256 (one 256x256, J=3, L=8)
 * </pre>
 */
public final class ParallelScaling {
    private ParallelScaling() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ParallelScaling 1d|2d28|2d256 THREADS [SECONDS]");
        }
        String kind = args[0];
        int threads = Integer.parseInt(args[1]);
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 8;
        Parallel.setThreads(threads);
        Random r = new Random(42);
        Supplier<Object> call;
        switch (kind) {
            case "1d": {
                Scattering1D s = Scattering1D.builder(6, 4096).q(8, 1).maxOrder(2).build();
                double[][] batch = gaussian(r, 64, 4096);
                call = () -> s.transform(batch);
                break;
            }
            case "2d28": {
                Scattering2D s = new Scattering2D(2, 28, 28);
                double[][] batch = gaussian(r, 64, 28 * 28);
                call = () -> s.transform(batch, 28, 28);
                break;
            }
            case "2d256": {
                Scattering2D s = new Scattering2D(3, 256, 256);
                double[][] batch = gaussian(r, 1, 256 * 256);
                call = () -> s.transform(batch, 256, 256);
                break;
            }
            default:
                throw new IllegalArgumentException("CASE = " + kind + " must be one of 1d, 2d28, 2d256");
        }
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            call.get();
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Double> wall = new ArrayList<>();
        long cpu0 = os.getProcessCpuTime();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end || wall.size() < 5) {
            long t0 = System.nanoTime();
            call.get();
            wall.add((System.nanoTime() - t0) / 1e6);
        }
        double cpuPerCall = (os.getProcessCpuTime() - cpu0) / 1e6 / wall.size();
        Collections.sort(wall);
        System.out.printf("%s, %d thread(s): wall median %.2f ms, min %.2f ms; process CPU per call %.2f ms (%d calls)%n",
                kind, threads, wall.get(wall.size() / 2), wall.get(0), cpuPerCall, wall.size());
    }

    private static double[][] gaussian(Random r, int rows, int len) {
        double[][] x = new double[rows][len];
        for (double[] row : x) {
            for (int i = 0; i < len; i++) {
                row[i] = r.nextGaussian();
            }
        }
        return x;
    }
}
