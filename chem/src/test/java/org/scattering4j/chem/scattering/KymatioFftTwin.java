package org.scattering4j.chem.scattering;

import org.scattering4j.scattering.density.GaussianDensity3D;
import org.scattering4j.scattering.fft.Fft;

/**
 * The slow, obvious twin of the analytic first order: Kymatio's NumPy algorithm written out from the
 * conventions sheet (sections 3.2-3.4): FFT of the density, multiply by the Fourier-domain solid harmonic
 * wavelet with complex Condon-Shortley harmonics evaluated at Kymatio's reflected polar angle, inverse FFT,
 * modulus over m, sums of powers over voxels. O(N log N) per filter with 1D FFTs along each axis.
 */
final class KymatioFftTwin {
    private KymatioFftTwin() {
    }

    /** Returns S1[j][l][q] for a density rendered with GaussianDensity3D on an n0 x n1 x n2 grid. */
    static double[][][] firstOrder(int[] shape, double[][] pos, double[] w, double s, HarmonicParams p) {
        int n0 = shape[0];
        int n1 = shape[1];
        int n2 = shape[2];
        return firstOrder(GaussianDensity3D.render(n0, n1, n2, pos, w, s), shape, p);
    }

    /** S1[j][l][q] of a density given on the grid. */
    static double[][][] firstOrder(double[] rho, int[] shape, HarmonicParams p) {
        int n0 = shape[0];
        int n1 = shape[1];
        int n2 = shape[2];
        int total = n0 * n1 * n2;
        double[] xh = new double[2 * total];
        for (int i = 0; i < total; i++) {
            xh[2 * i] = rho[i];
        }
        fft3(xh, shape, false);
        int J = p.J();
        int L = p.L();
        double[][][] out = new double[J + 1][L + 1][p.powerCount()];
        double[] prod = new double[2 * total];
        for (int j = 0; j <= J; j++) {
            double sj = p.sigma(j);
            for (int l = 0; l <= L; l++) {
                double[] u2 = new double[total];
                for (int m = -l; m <= l; m++) {
                    for (int i0 = 0; i0 < n0; i0++) {
                        double w0 = 2 * Math.PI * GaussianDensity3D.wrapped(i0, n0) / n0;
                        for (int i1 = 0; i1 < n1; i1++) {
                            double w1 = 2 * Math.PI * GaussianDensity3D.wrapped(i1, n1) / n1;
                            for (int i2 = 0; i2 < n2; i2++) {
                                double w2 = 2 * Math.PI * GaussianDensity3D.wrapped(i2, n2) / n2;
                                double[] f = filter(l, m, sj, w0, w1, w2);
                                int idx = (i0 * n1 + i1) * n2 + i2;
                                double re = xh[2 * idx];
                                double im = xh[2 * idx + 1];
                                prod[2 * idx] = re * f[0] - im * f[1];
                                prod[2 * idx + 1] = re * f[1] + im * f[0];
                            }
                        }
                    }
                    fft3(prod, shape, true);
                    for (int i = 0; i < total; i++) {
                        u2[i] += prod[2 * i] * prod[2 * i] + prod[2 * i + 1] * prod[2 * i + 1];
                    }
                }
                for (int q = 0; q < p.powerCount(); q++) {
                    double acc = 0;
                    for (int i = 0; i < total; i++) {
                        acc += Math.pow(Math.sqrt(u2[i]), p.power(q));
                    }
                    out[j][l][q] = acc;
                }
            }
        }
        return out;
    }

    /** psi^_{l,m,j}(w) as {re, im}, Kymatio conventions 3.2-3.3. */
    static double[] filter(int l, int m, double sj, double w0, double w1, double w2) {
        double r2 = w0 * w0 + w1 * w1 + w2 * w2;
        double r = Math.sqrt(r2);
        double gauss = Math.exp(-sj * sj * r2 / 2);
        if (l == 0) {
            return new double[] {gauss, 0};
        }
        double azimuth = Math.atan2(w1, w2);
        double polar = Math.atan2(w0, Math.sqrt(w1 * w1 + w2 * w2)) + Math.PI / 2;
        double[] y = sphHarm(l, m, polar, azimuth);
        double amp = Math.pow(2 * Math.PI, 1.5) * AnalyticFirstOrder.kappa(l) * Math.pow(sj * r, l) * gauss;
        // (-i)^l
        double cr;
        double ci;
        switch (l % 4) {
            case 0: cr = 1; ci = 0; break;
            case 1: cr = 0; ci = -1; break;
            case 2: cr = -1; ci = 0; break;
            default: cr = 0; ci = 1; break;
        }
        return new double[] {amp * (cr * y[0] - ci * y[1]), amp * (cr * y[1] + ci * y[0])};
    }

    /** Complex orthonormal Y_l^m(polar, azimuth) with the Condon-Shortley phase (SciPy's sph_harm_y). */
    static double[] sphHarm(int l, int m, double polar, double azimuth) {
        int am = Math.abs(m);
        double x = Math.cos(polar);
        double pmm = 1;
        double somx2 = Math.sqrt(Math.max(0, 1 - x * x));
        double fact = 1;
        for (int i = 1; i <= am; i++) {
            pmm *= -fact * somx2;
            fact += 2;
        }
        double plm;
        if (l == am) {
            plm = pmm;
        } else {
            double pmmp1 = x * (2 * am + 1) * pmm;
            if (l == am + 1) {
                plm = pmmp1;
            } else {
                double a = pmm;
                double b = pmmp1;
                double c = 0;
                for (int ll = am + 2; ll <= l; ll++) {
                    c = ((2 * ll - 1) * x * b - (ll + am - 1) * a) / (ll - am);
                    a = b;
                    b = c;
                }
                plm = c;
            }
        }
        double ratio = 1;
        for (int k = l - am + 1; k <= l + am; k++) {
            ratio /= k;
        }
        double norm = Math.sqrt((2 * l + 1) / (4 * Math.PI) * ratio);
        double re = norm * plm * Math.cos(am * azimuth);
        double im = norm * plm * Math.sin(am * azimuth);
        if (m < 0) {
            double sign = (am % 2 == 0) ? 1 : -1;
            re = sign * re;
            im = -sign * im;
        }
        return new double[] {re, im};
    }

    /** In-place 3D complex FFT (NumPy scaling) by 1D transforms along each axis. */
    static void fft3(double[] z, int[] shape, boolean inverse) {
        int n0 = shape[0];
        int n1 = shape[1];
        int n2 = shape[2];
        int[] strides = {n1 * n2, n2, 1};
        for (int ax = 0; ax < 3; ax++) {
            int n = shape[ax];
            double[] buf = new double[2 * n];
            int stride = strides[ax];
            for (int i0 = 0; i0 < (ax == 0 ? 1 : n0); i0++) {
                for (int i1 = 0; i1 < (ax == 1 ? 1 : n1); i1++) {
                    for (int i2 = 0; i2 < (ax == 2 ? 1 : n2); i2++) {
                        int base = (i0 * n1 + i1) * n2 + i2;
                        for (int k = 0; k < n; k++) {
                            buf[2 * k] = z[2 * (base + k * stride)];
                            buf[2 * k + 1] = z[2 * (base + k * stride) + 1];
                        }
                        if (inverse) {
                            Fft.inverse(buf, n);
                        } else {
                            Fft.forward(buf, n);
                        }
                        for (int k = 0; k < n; k++) {
                            z[2 * (base + k * stride)] = buf[2 * k];
                            z[2 * (base + k * stride) + 1] = buf[2 * k + 1];
                        }
                    }
                }
            }
        }
    }
}
