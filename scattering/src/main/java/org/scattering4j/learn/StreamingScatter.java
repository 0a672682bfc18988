package org.scattering4j.learn;

import java.util.Arrays;
import org.scattering4j.util.Parallel;

/**
 * Streaming count, sum and scatter matrix of rows of length p, in bounded memory ({@code p^2} doubles plus a
 * block of {@value #BLOCK} buffered rows): the mean and the covariance of millions of rows without holding them.
 *
 * <p>Rows are accumulated relative to a fixed {@code shift} vector (e.g. a typical row), which leaves the
 * covariance unchanged but avoids the cancellation of {@code sum x x^T - n mu mu^T} when the mean is large
 * against the spread. Buffered rows are folded into the upper triangle of the scatter matrix by a blocked
 * rank-{@value #BLOCK} update split over {@link Parallel} threads. Accumulators with the same shift can be
 * added and subtracted ({@link #plus}, {@link #minus}), e.g. to get the statistics of all cross-validation
 * folds but one.
 *
 * <pre>{@code
 * StreamingScatter s = new StreamingScatter(firstRow);      // shift: any row of the data
 * for (double[] row : rows) s.add(row);
 * double[] mu = s.mean();
 * double[] cov = s.centredScatter();                         // p x p row-major, sum (x - mu)(x - mu)^T
 * }</pre>
 *
 * <p>Mutable and not thread-safe (one writer at a time), like a {@link StringBuilder}; the arrays it returns are
 * fresh copies.
 */
public final class StreamingScatter {
    /** Rows buffered before a rank-k update of the scatter matrix. */
    static final int BLOCK = 32;
    /** Scatter rows per parallel task (tasks are balanced over the triangle by being small). */
    private static final int ROWS_PER_TASK = 48;

    private final int p;
    private final double[] shift;
    private final double[] sum; // of (x - shift)
    private final double[] upper; // p x p, upper triangle (j >= i) of sum (x - shift)(x - shift)^T
    private double[] block;
    private int buffered;
    private long count;

    /** An empty accumulator for rows of length {@code shift.length} (&ge; 1, finite); {@code shift} is copied. */
    public StreamingScatter(double[] shift) {
        if (shift == null || shift.length == 0) {
            throw new IllegalArgumentException("shift must be a non-empty vector (its length is the row length p)");
        }
        for (int j = 0; j < shift.length; j++) {
            if (!Double.isFinite(shift[j])) {
                throw new IllegalArgumentException("shift[" + j + "] = " + shift[j] + " must be finite");
            }
        }
        this.p = shift.length;
        this.shift = shift.clone();
        this.sum = new double[p];
        this.upper = new double[Math.multiplyExact(p, p)];
    }

    /** An empty accumulator for rows of length {@code p} with a zero shift. */
    public static StreamingScatter ofLength(int p) {
        Checks.atLeast("p", p, 1);
        return new StreamingScatter(new double[p]);
    }

    /** Row length p. */
    public int length() {
        return p;
    }

    /** The shift vector (a copy). */
    public double[] shift() {
        return shift.clone();
    }

    /** Number of rows added (net of {@link #minus}). */
    public long count() {
        flush();
        return count;
    }

    /** Adds one row (length p, finite values); the row is not modified or kept. */
    public void add(double[] row) {
        Checks.row("row", row, p);
        if (block == null) {
            block = new double[BLOCK * p];
        }
        int o = buffered * p;
        for (int j = 0; j < p; j++) {
            block[o + j] = row[j] - shift[j];
        }
        buffered++;
        if (buffered == BLOCK) {
            flush();
        }
    }

    /** Folds the buffered rows into the sums. */
    private void flush() {
        int b = buffered;
        if (b == 0) {
            return;
        }
        buffered = 0;
        count += b;
        double[] z = block;
        for (int r = 0; r < b; r++) {
            int o = r * p;
            for (int j = 0; j < p; j++) {
                sum[j] += z[o + j];
            }
        }
        int tasks = (p + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        Parallel.forEach(tasks, () -> null, (t, ws) -> {
            int end = Math.min(p, (t + 1) * ROWS_PER_TASK);
            for (int i = t * ROWS_PER_TASK; i < end; i++) {
                rankUpdateRow(z, b, i);
            }
        });
    }

    /** upper[i][j] += sum_r z[r][i] z[r][j] for j >= i; four buffered rows per pass over the scatter row. */
    private void rankUpdateRow(double[] z, int b, int i) {
        double[] c = upper;
        int ci = i * p;
        int r = 0;
        for (; r + 4 <= b; r += 4) {
            int o0 = r * p;
            int o1 = o0 + p;
            int o2 = o1 + p;
            int o3 = o2 + p;
            double a0 = z[o0 + i];
            double a1 = z[o1 + i];
            double a2 = z[o2 + i];
            double a3 = z[o3 + i];
            for (int j = i; j < p; j++) {
                c[ci + j] += a0 * z[o0 + j] + a1 * z[o1 + j] + a2 * z[o2 + j] + a3 * z[o3 + j];
            }
        }
        for (; r < b; r++) {
            int o0 = r * p;
            double a0 = z[o0 + i];
            for (int j = i; j < p; j++) {
                c[ci + j] += a0 * z[o0 + j];
            }
        }
    }

    private void checkCompatible(StreamingScatter other) {
        if (other == null) {
            throw new IllegalArgumentException("other accumulator must not be null");
        }
        if (other.p != p || !Arrays.equals(other.shift, shift)) {
            throw new IllegalArgumentException("accumulators differ in row length (" + p + " vs " + other.p
                    + ") or shift; only accumulators built with the same shift can be combined");
        }
    }

    /** A new accumulator holding the rows of this one and of {@code other} (same length and shift). */
    public StreamingScatter plus(StreamingScatter other) {
        return combine(other, 1);
    }

    /**
     * A new accumulator holding the rows of this one without those of {@code other} (same length and shift),
     * which must be a sub-collection of this one's rows (e.g. one fold out of the total); fails if it holds more.
     */
    public StreamingScatter minus(StreamingScatter other) {
        return combine(other, -1);
    }

    private StreamingScatter combine(StreamingScatter other, double sign) {
        checkCompatible(other);
        flush();
        other.flush();
        if (sign < 0 && other.count > count) {
            throw new IllegalArgumentException("cannot remove " + other.count + " rows from an accumulator of "
                    + count + " rows");
        }
        StreamingScatter r = new StreamingScatter(shift);
        r.count = count + (sign < 0 ? -other.count : other.count);
        for (int j = 0; j < p; j++) {
            r.sum[j] = sum[j] + sign * other.sum[j];
        }
        for (int i = 0; i < upper.length; i++) {
            r.upper[i] = upper[i] + sign * other.upper[i];
        }
        return r;
    }

    /** Mean of the rows (needs at least one row). */
    public double[] mean() {
        flush();
        if (count < 1) {
            throw new IllegalStateException("mean of an empty accumulator");
        }
        double[] mu = new double[p];
        for (int j = 0; j < p; j++) {
            mu[j] = shift[j] + sum[j] / count;
        }
        return mu;
    }

    /**
     * The centred scatter matrix {@code sum_i (x_i - mu)(x_i - mu)^T} (p x p, row-major, symmetric; divide by
     * {@code count - 1} for the sample covariance). Needs at least one row.
     */
    public double[] centredScatter() {
        flush();
        if (count < 1) {
            throw new IllegalStateException("scatter of an empty accumulator");
        }
        double[] m = new double[p];
        for (int j = 0; j < p; j++) {
            m[j] = sum[j] / count;
        }
        double[] out = new double[upper.length];
        for (int i = 0; i < p; i++) {
            int ci = i * p;
            double si = sum[i];
            for (int j = i; j < p; j++) {
                // sum (z - m)(z - m)^T = sum z z^T - n m m^T = upper - s_i s_j / n
                double v = upper[ci + j] - si * m[j];
                out[ci + j] = v;
                out[j * p + i] = v;
            }
        }
        return out;
    }
}
