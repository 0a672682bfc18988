package org.scattering4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void runsEveryItemExactlyOnceWithOneWorkspacePerWorker() {
        int n = 1000;
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        Set<double[]> workspaces = ConcurrentHashMap.newKeySet();
        Parallel.forEach(n, () -> {
            double[] w = new double[1];
            workspaces.add(w);
            return w;
        }, (i, w) -> {
            w[0] += i; // would race if a workspace were shared
            hits.incrementAndGet(i);
        });
        for (int i = 0; i < n; i++) {
            assertEquals(1, hits.get(i), "item " + i);
        }
        double total = workspaces.stream().mapToDouble(w -> w[0]).sum();
        assertEquals(n * (n - 1) / 2.0, total, 0);
        assertTrue(workspaces.size() <= Parallel.threads());
    }

    @Test
    void theCallingThreadTakesPartAndNestedLoopsFinish() {
        int before = Parallel.threads();
        Parallel.setThreads(2);
        try {
            Thread caller = Thread.currentThread();
            Set<Thread> seen = ConcurrentHashMap.newKeySet();
            AtomicIntegerArray inner = new AtomicIntegerArray(40 * 30);
            // slow items so that both the caller and the pool worker get some
            Parallel.forEach(40, () -> null, (i, w) -> {
                seen.add(Thread.currentThread());
                Parallel.forEach(30, () -> null, (k, w2) -> inner.incrementAndGet(i * 30 + k));
                Thread.sleep(2);
            });
            assertTrue(seen.contains(caller), "the calling thread ran no item: " + seen);
            assertEquals(2, seen.size(), seen.toString());
            for (int i = 0; i < inner.length(); i++) {
                assertEquals(1, inner.get(i), "nested item " + i);
            }
            // a checked exception thrown on the calling thread is wrapped, after the other worker stops
            AtomicIntegerArray running = new AtomicIntegerArray(1);
            RuntimeException e = assertThrows(RuntimeException.class, () -> Parallel.forEach(20, () -> null,
                    (i, w) -> {
                        running.incrementAndGet(0);
                        try {
                            Thread.sleep(5);
                            if (Thread.currentThread() == caller) {
                                throw new java.io.IOException("caller item " + i);
                            }
                        } finally {
                            running.decrementAndGet(0);
                        }
                    }));
            assertTrue(e.getCause() instanceof java.io.IOException, String.valueOf(e.getCause()));
            assertEquals(0, running.get(0), "an item was still running after forEach returned");
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void propagatesTheFirstFailure() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Parallel.forEach(50, () -> null, (i, w) -> {
                    if (i == 17) {
                        throw new IllegalStateException("item 17 failed");
                    }
                }));
        assertEquals("item 17 failed", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }
}
