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
