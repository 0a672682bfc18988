package org.scattering4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A/B comparison of two builds of Scattering2D for a shared, busy machine: both builds are loaded in one
 * JVM (one class loader each) and called alternately on the same thread, so both see the same load;
 * reports the median thread CPU time of each and the median of the per-pair ratios. Not a test; run with
 * {@code java -cp <test classpath> org.scattering4j.bench.Scattering2DAbCpuTime A_CLASSES B_CLASSES
 * seconds case [threads]}, where A_CLASSES and B_CLASSES are {@code scattering/target/classes}
 * directories of the two builds and case is 0 (64 images 28x28, J=2) or 1 (one 256x256, J=3).
 */
public final class Scattering2DAbCpuTime {
    private Scattering2DAbCpuTime() {
    }

    public static void main(String[] a) throws Exception {
        String[] dirs = {a[0], a[1]};
        double seconds = Double.parseDouble(a[2]);
        int which = Integer.parseInt(a[3]);
        int threads = a.length > 4 ? Integer.parseInt(a[4]) : 1;
        int[][] all = {{28, 2, 64}, {256, 3, 1}};
        int[] c = all[which];
        Object[] s = new Object[2];
        Method[] m = new Method[2];
        for (int k = 0; k < 2; k++) {
            URLClassLoader cl = new URLClassLoader(new URL[] {Paths.get(dirs[k]).toUri().toURL()},
                    Scattering2DAbCpuTime.class.getClassLoader().getParent());
            Class<?> par = cl.loadClass("org.scattering4j.util.Parallel");
            par.getMethod("setThreads", int.class).invoke(null, threads);
            Class<?> sc = cl.loadClass("org.scattering4j.scattering.Scattering2D");
            s[k] = sc.getConstructor(int.class, int.class, int.class).newInstance(c[1], c[0], c[0]);
            m[k] = c[2] > 1 ? sc.getMethod("transform", double[][].class, int.class, int.class)
                    : sc.getMethod("transform", double[].class);
        }
        Random r = new Random(42);
        double[][] batch = new double[c[2]][c[0] * c[0]];
        for (double[] row : batch) {
            for (int i = 0; i < row.length; i++) {
                row[i] = r.nextGaussian();
            }
        }
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        List<List<Long>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
        List<Double> ratio = new ArrayList<>();
        long start = System.nanoTime();
        long end = 0;
        for (int it = 0;; it++) {
            long[] t = new long[2];
            for (int k0 = 0; k0 < 2; k0++) {
                int k = it % 2 == 0 ? k0 : 1 - k0;
                long c0 = bean.getCurrentThreadCpuTime();
                if (c[2] > 1) {
                    m[k].invoke(s[k], batch, c[0], c[0]);
                } else {
                    m[k].invoke(s[k], (Object) batch[0]);
                }
                t[k] = bean.getCurrentThreadCpuTime() - c0;
            }
            if (end != 0) {
                cpu.get(0).add(t[0]);
                cpu.get(1).add(t[1]);
                ratio.add((double) t[0] / t[1]);
            }
            if (end == 0 && System.nanoTime() - start > 4e9) {
                end = System.nanoTime() + (long) (seconds * 1e9); // 4 s warm-up
            }
            if (end != 0 && System.nanoTime() > end && ratio.size() >= 5) {
                break;
            }
        }
        Collections.sort(cpu.get(0));
        Collections.sort(cpu.get(1));
        Collections.sort(ratio);
        int n = ratio.size();
        System.out.printf("%d x %dx%d J=%d, %d thread(s), %d pairs: A median %.2f ms (min %.2f), B median %.2f ms "
                + "(min %.2f), median ratio A/B %.3f%n", c[2], c[0], c[0], c[1], threads, n,
                cpu.get(0).get(n / 2) / 1e6, cpu.get(0).get(0) / 1e6, cpu.get(1).get(n / 2) / 1e6,
                cpu.get(1).get(0) / 1e6, ratio.get(n / 2));
    }
}
