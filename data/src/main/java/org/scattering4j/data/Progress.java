package org.scattering4j.data;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A progress bar for long loops (featurising thousands of files, downloading), written to stderr so
 * that stdout stays clean for results. Shows items done, percentage, rate and estimated time left:
 *
 * <pre>
 * featurise fsdd [##########----------]  1350/2700  50.0%  212.4/s  left 0:06
 * </pre>
 *
 * <p>On a terminal the line is redrawn in place ({@code \r}) at most every {@code 0.2 s}; when stderr
 * is a file or pipe (CI logs), a full line is printed at most every 10 s so logs stay short.
 * {@link #close()} prints the final line with the total time. {@link #step()} is thread-safe and cheap
 * (an atomic increment and a clock read), so worker threads may call it directly.
 *
 * <pre>{@code
 * try (Progress p = Progress.start("featurise", items.size())) {
 *     Parallel.forEach(items.size(), ws, (i, w) -> { ...; p.step(); });
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    private static final int BAR = 20;

    /** How lines are drawn. */
    public enum Mode {
        /** redraw one line in place with carriage returns */
        TERMINAL,
        /** print a new line per update (log files) */
        LINES,
        /** print nothing */
        OFF
    }

    private final String label;
    private final long total;
    private final PrintStream out;
    private final LongSupplier clock;
    private final Mode mode;
    private final long intervalNanos;
    private final long start;
    private final AtomicLong done = new AtomicLong();
    private volatile long lastDraw;
    private boolean closed;
    private int lastWidth;

    private Progress(String label, long total, PrintStream out, Mode mode, LongSupplier clock) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.mode = mode;
        this.clock = clock;
        this.intervalNanos = mode == Mode.TERMINAL ? 200_000_000L : 10_000_000_000L;
        this.start = clock.getAsLong();
        this.lastDraw = start - intervalNanos; // first step draws at once
    }

    /**
     * A progress bar on {@code System.err}, redrawn in place on a terminal, line by line otherwise.
     *
     * @param total number of items expected; 0 or less if unknown (no bar, percentage or time left)
     */
    public static Progress start(String label, long total) {
        return start(label, total, System.err, System.console() != null ? Mode.TERMINAL : Mode.LINES,
                System::nanoTime);
    }

    /** A progress bar with every part chosen: the stream, the mode and the nanosecond clock. */
    public static Progress start(String label, long total, PrintStream out, Mode mode, LongSupplier nanoClock) {
        if (label == null || out == null || mode == null || nanoClock == null) {
            throw new IllegalArgumentException("label, out, mode and nanoClock must not be null");
        }
        return new Progress(label, total, out, mode, nanoClock);
    }

    /** A progress object that prints nothing (for library calls that take one). */
    public static Progress silent() {
        return new Progress("", 0, System.err, Mode.OFF, () -> 0L);
    }

    /** Counts one item done. */
    public void step() {
        advance(1);
    }

    /** Counts {@code n} items done. */
    public void advance(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n + " must be >= 0");
        }
        done.addAndGet(n);
        if (mode == Mode.OFF) {
            return;
        }
        long now = clock.getAsLong();
        if (now - lastDraw >= intervalNanos) {
            synchronized (this) {
                if (!closed && now - lastDraw >= intervalNanos) {
                    lastDraw = now;
                    draw(now, false);
                }
            }
        }
    }

    /** Items counted so far. */
    public long done() {
        return done.get();
    }

    /** The current status line (without carriage return or newline), as it would be drawn now. */
    public String line() {
        return format(clock.getAsLong(), false);
    }

    /** Draws the final line, with the elapsed time, and ends it with a newline. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (mode != Mode.OFF) {
            draw(clock.getAsLong(), true);
        }
    }

    private void draw(long now, boolean last) {
        String s = format(now, last);
        if (mode == Mode.TERMINAL) {
            String pad = s.length() < lastWidth ? " ".repeat(lastWidth - s.length()) : "";
            lastWidth = s.length();
            out.print("\r" + s + pad + (last ? "\n" : ""));
        } else {
            out.println(s);
        }
        out.flush();
    }

    private String format(long now, boolean last) {
        long d = done.get();
        double secs = Math.max(0, now - start) / 1e9;
        double rate = secs > 0 ? d / secs : 0;
        StringBuilder sb = new StringBuilder(label);
        if (total > 0) {
            int filled = (int) Math.min(BAR, BAR * d / total);
            sb.append(" [").append("#".repeat(filled)).append("-".repeat(BAR - filled)).append(']');
            String t = Long.toString(total);
            sb.append(' ').append(String.format(Locale.ROOT, "%" + t.length() + "d/%s", d, t));
            sb.append(String.format(Locale.ROOT, " %5.1f%%", 100.0 * d / total));
        } else {
            sb.append(' ').append(d);
        }
        sb.append("  ").append(rate(rate)).append("/s");
        if (last) {
            sb.append("  took ").append(clockTime(secs));
        } else if (total > 0) {
            sb.append("  left ").append(d == 0 || rate == 0 ? "?" : clockTime(Math.max(0, total - d) / rate));
        }
        return sb.toString();
    }

    private static String rate(double r) {
        if (r >= 100) {
            return String.format(Locale.ROOT, "%.0f", r);
        }
        return String.format(Locale.ROOT, r >= 10 ? "%.1f" : "%.2f", r);
    }

    /** h:mm:ss or m:ss. */
    static String clockTime(double seconds) {
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = s / 60 % 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
