package org.scattering4j.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Splits independent work items (batch entries, paths) over a small shared pool of daemon threads.
 *
 * <p>Each worker thread gets its own workspace from the supplier (FFT plans, scratch buffers), so the
 * body never shares mutable state. The number of threads defaults to the number of cores and can be
 * set with the system property {@code scattering4j.threads} or {@link #setThreads(int)}.
 */
public final class Parallel {
    private static volatile int threads = defaultThreads();
    private static ExecutorService pool;

    private Parallel() {
    }

    private static int defaultThreads() {
        String p = System.getProperty("scattering4j.threads");
        if (p != null) {
            try {
                int t = Integer.parseInt(p.trim());
                if (t >= 1) {
                    return t;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the core count
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** The number of worker threads used by {@link #forEach}. */
    public static int threads() {
        return threads;
    }

    /** Sets the number of worker threads (&ge; 1). */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads = " + n + " must be >= 1");
        }
        threads = n;
    }

    private static synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "scattering4j-worker");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /** The body of a parallel loop: item index plus the calling worker's own workspace. */
    @FunctionalInterface
    public interface Body<W> {
        void run(int item, W workspace) throws Exception;
    }

    /**
     * Runs {@code body} for items {@code 0 .. count-1} on up to {@link #threads()} threads, each with a
     * workspace from {@code workspace}. Items are handed out dynamically. An exception in any item is
     * rethrown (unchecked) after all workers stop.
     */
    public static <W> void forEach(int count, Supplier<W> workspace, Body<W> body) {
        int t = Math.min(threads, count);
        if (t <= 1) {
            W w = workspace.get();
            for (int i = 0; i < count; i++) {
                try {
                    body.run(i, w);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        // t - 1 pool tasks plus the calling thread, which would otherwise only wait: one hand-off fewer
        // per call, and the cached pool needs t - 1 idle workers instead of t (a task submitted while the
        // last worker is still returning to the pool would start yet another thread with new workspaces)
        Callable<Void> share = () -> {
            W w = workspace.get();
            int i;
            while ((i = next.getAndIncrement()) < count) {
                body.run(i, w);
            }
            return null;
        };
        for (int k = 1; k < t; k++) {
            futures.add(pool().submit(share));
        }
        Throwable first = null;
        try {
            share.call();
        } catch (Throwable e) {
            next.set(count);
            first = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                next.set(count);
                if (first == null) {
                    first = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (first instanceof RuntimeException) {
            throw (RuntimeException) first;
        }
        if (first instanceof Error) {
            throw (Error) first;
        }
        if (first != null) {
            throw new RuntimeException(first);
        }
    }
}
