package org.scattering4j.chem.scattering;

/**
 * Real regular solid harmonics {@code R_lm(x, y, z) = r^l Y_lm(r/|r|)} as polynomials, with
 * {@code Y_lm} the orthonormal real spherical harmonics ({@code sum_m Y_lm^2 = (2l+1)/(4 pi)}).
 *
 * <p>Built from the recurrences (no division by r, so exact at the origin):
 * {@code r^l P_l^m(cos t) e^{i m phi} = Q_l^m(z, r^2) (x + i y)^m} with {@code Q_m^m = (2m-1)!!},
 * {@code Q_{m+1}^m = (2m+1) z Q_m^m} and
 * {@code Q_l^m = ((2l-1) z Q_{l-1}^m - (l+m-1) r^2 Q_{l-2}^m) / (l-m)}; then
 * {@code R_l0 = N_l0 Q_l^0}, {@code R_lm = sqrt2 N_lm Q_l^m Re (x+iy)^m}, {@code R_l,-m = sqrt2 N_lm Q_l^m Im (x+iy)^m}
 * for m &gt; 0, {@code N_lm = sqrt((2l+1)/(4 pi) (l-m)!/(l+m)!)}. The Condon-Shortley phase is left out; it
 * only flips signs of whole m-components.
 *
 * <p>Within one degree l the real and the complex harmonics are related by a unitary matrix, so
 * {@code sum_m |sum_a c_a Y_lm(v_a)|^2} is the same in both bases; that is what lets the scattering modulus
 * over m be computed with these real polynomials.
 *
 * <p>Each polynomial is stored by its coefficients on the monomials {@code x^i y^j z^k} with
 * {@code i + j + k = l}, listed by {@link #monomials(int)}.
 */
public final class SolidHarmonics {
    private final int maxL;
    /** coefficient[l][m + l][monomial index within degree l] */
    private final double[][][] coefficients;
    /** exponents[l][t] = {i, j, k} */
    private final int[][][] exponents;

    /** The harmonics of degrees 0 ... maxL. */
    public SolidHarmonics(int maxL) {
        if (maxL < 0 || maxL > 12) {
            throw new IllegalArgumentException("maxL = " + maxL + " must be in 0..12");
        }
        this.maxL = maxL;
        int d = Math.max(3, maxL + 1);
        exponents = new int[d][][];
        coefficients = new double[d][][];
        for (int l = 0; l <= maxL; l++) {
            exponents[l] = monomials(l);
        }
        // dense polynomials indexed (i*d + j)*d + k, degree <= maxL
        double[][] xyRe = new double[d][];
        double[][] xyIm = new double[d][];
        xyRe[0] = poly(d);
        xyRe[0][0] = 1;
        xyIm[0] = poly(d);
        for (int m = 1; m <= maxL; m++) {
            // (x + iy)^m = (x + iy)^(m-1) (x + iy)
            xyRe[m] = sub(mul(xyRe[m - 1], 1, 0, 0, d), mul(xyIm[m - 1], 0, 1, 0, d));
            xyIm[m] = add(mul(xyIm[m - 1], 1, 0, 0, d), mul(xyRe[m - 1], 0, 1, 0, d));
        }
        double[] r2 = add(add(mono(2, 0, 0, d), mono(0, 2, 0, d)), mono(0, 0, 2, d));
        for (int l = 0; l <= maxL; l++) {
            coefficients[l] = new double[2 * l + 1][];
        }
        for (int m = 0; m <= maxL; m++) {
            double[][] q = new double[maxL + 1][];
            q[m] = poly(d);
            q[m][0] = doubleFactorial(2 * m - 1);
            if (m + 1 <= maxL) {
                q[m + 1] = scale(mul(q[m], 0, 0, 1, d), 2 * m + 1);
            }
            for (int l = m + 2; l <= maxL; l++) {
                q[l] = scale(sub(scale(mul(q[l - 1], 0, 0, 1, d), 2 * l - 1), scale(product(r2, q[l - 2], d), l + m - 1)),
                        1.0 / (l - m));
            }
            for (int l = m; l <= maxL; l++) {
                double n = Math.sqrt((2 * l + 1) / (4 * Math.PI) * factorialRatio(l - m, l + m));
                if (m == 0) {
                    coefficients[l][l] = extract(scale(q[l], n), l, d);
                } else {
                    double s = Math.sqrt(2) * n;
                    coefficients[l][l + m] = extract(scale(product(q[l], xyRe[m], d), s), l, d);
                    coefficients[l][l - m] = extract(scale(product(q[l], xyIm[m], d), s), l, d);
                }
            }
        }
    }

    /** The exponents {i, j, k} of the monomials x^i y^j z^k of total degree l, in a fixed order. */
    public static int[][] monomials(int l) {
        int[][] e = new int[(l + 1) * (l + 2) / 2][];
        int t = 0;
        for (int i = l; i >= 0; i--) {
            for (int j = l - i; j >= 0; j--) {
                e[t++] = new int[] {i, j, l - i - j};
            }
        }
        return e;
    }

    public int maxL() {
        return maxL;
    }

    /** The coefficients of {@code R_lm} on {@link #monomials(int) monomials(l)} (copy); m = -l ... l. */
    public double[] coefficients(int l, int m) {
        return coefficients[l][m + l].clone();
    }

    /** Evaluates {@code R_lm(x, y, z)} (slow path; for tests and single points). */
    public double value(int l, int m, double x, double y, double z) {
        double s = 0;
        double[] c = coefficients[l][m + l];
        int[][] e = exponents[l];
        for (int t = 0; t < c.length; t++) {
            s += c[t] * Math.pow(x, e[t][0]) * Math.pow(y, e[t][1]) * Math.pow(z, e[t][2]);
        }
        return s;
    }

    private static double[] poly(int d) {
        return new double[d * d * d];
    }

    private static double[] mono(int i, int j, int k, int d) {
        double[] p = poly(d);
        p[(i * d + j) * d + k] = 1;
        return p;
    }

    private static double[] mul(double[] p, int di, int dj, int dk, int d) {
        double[] r = poly(d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    double c = p[(i * d + j) * d + k];
                    if (c != 0) {
                        int a = i + di;
                        int b = j + dj;
                        int g = k + dk;
                        if (a + b + g >= d) {
                            throw new IllegalStateException("degree overflow");
                        }
                        r[(a * d + b) * d + g] += c;
                    }
                }
            }
        }
        return r;
    }

    private static double[] product(double[] p, double[] q, int d) {
        double[] r = poly(d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    double c = p[(i * d + j) * d + k];
                    if (c != 0) {
                        double[] s = scale(mul(q, i, j, k, d), c);
                        for (int t = 0; t < r.length; t++) {
                            r[t] += s[t];
                        }
                    }
                }
            }
        }
        return r;
    }

    private static double[] add(double[] a, double[] b) {
        double[] r = a.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] += b[i];
        }
        return r;
    }

    private static double[] sub(double[] a, double[] b) {
        double[] r = a.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] -= b[i];
        }
        return r;
    }

    private static double[] scale(double[] a, double s) {
        double[] r = a.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] *= s;
        }
        return r;
    }

    private double[] extract(double[] p, int l, int d) {
        int[][] e = exponents[l];
        double[] c = new double[e.length];
        for (int t = 0; t < e.length; t++) {
            c[t] = p[(e[t][0] * d + e[t][1]) * d + e[t][2]];
        }
        return c;
    }

    private static double doubleFactorial(int n) {
        double r = 1;
        for (int k = n; k > 1; k -= 2) {
            r *= k;
        }
        return r;
    }

    /** a! / b! */
    private static double factorialRatio(int a, int b) {
        double r = 1;
        for (int k = 2; k <= a; k++) {
            r *= k;
        }
        for (int k = 2; k <= b; k++) {
            r /= k;
        }
        return r;
    }
}
