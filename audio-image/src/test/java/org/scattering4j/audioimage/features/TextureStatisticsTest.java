package org.scattering4j.audioimage.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scattering4j.audioimage.classify.Scatterings;
import org.scattering4j.data.io.ImageReader;
import org.scattering4j.scattering.Scattering2D;
import org.scattering4j.testing.SharedData;
import org.scattering4j.util.NdArray;

class TextureStatisticsTest {
    private static final int H = 48;
    private static final int W = 56;

    private static double[][] patch() throws IOException {
        double[][] plate = ImageReader.read(SharedData.data("textures-cc0").resolve("gravel.png"));
        double[][] x = new double[H][];
        for (int r = 0; r < H; r++) {
            x[r] = java.util.Arrays.copyOfRange(plate[r + 7], 3, 3 + W);
        }
        return x;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    /** corr over the overlap: a at (y + dy, x + dx), b at (y, x); means and sds over the whole maps. */
    private static double shiftedCorr(double[][] a, double[][] b, int dx, int dy) {
        int rows = a.length;
        int cols = a[0].length;
        double[] fa = flat(a);
        double[] fb = flat(b);
        double ma = mean(fa);
        double mb = mean(fb);
        double s = 0;
        int n = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int ya = y + dy;
                int xa = x + dx;
                if (ya >= 0 && ya < rows && xa >= 0 && xa < cols) {
                    s += (a[ya][xa] - ma) * (b[y][x] - mb);
                    n++;
                }
            }
        }
        return s / n / (sd(fa) * sd(fb) + 1e-12);
    }

    private static double[] flat(double[][] m) {
        double[] f = new double[m.length * m[0].length];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, f, r * m[0].length, m[0].length);
        }
        return f;
    }

    /**
     * The statistics straight from the definitions, with channels found through {@code meta()} (order,
     * j, theta of each channel) rather than by index arithmetic.
     */
    private static List<Double> direct(Scattering2D maps, double[][] image) {
        double m = mean(flat(image));
        double s = sd(flat(image));
        double[][] z = new double[H][W];
        for (int r = 0; r < H; r++) {
            for (int c = 0; c < W; c++) {
                z[r][c] = (image[r][c] - m) / s;
            }
        }
        NdArray out = maps.transform(z);
        int R = maps.outputRows();
        int Q = maps.outputCols();
        List<Map<String, Object>> meta = maps.meta();
        double[][] s0 = null;
        List<double[][]> log1 = new ArrayList<>();
        Map<String, double[][]> groups = new java.util.LinkedHashMap<>();
        for (Map<String, Object> info : meta) {
            int ch = ((Number) info.get("index")).intValue();
            double[][] map = new double[R][Q];
            for (int y = 0; y < R; y++) {
                for (int x = 0; x < Q; x++) {
                    map[y][x] = out.data()[(ch * R + y) * Q + x];
                }
            }
            int order = ((Number) info.get("order")).intValue();
            if (order == 0) {
                s0 = map;
            } else if (order == 1) {
                double[][] l = new double[R][Q];
                for (int y = 0; y < R; y++) {
                    for (int x = 0; x < Q; x++) {
                        l[y][x] = Math.log(Math.abs(map[y][x]) + 1e-6);
                    }
                }
                log1.add(l);
            } else {
                List<?> j = (List<?>) info.get("j");
                List<?> t = (List<?>) info.get("theta");
                String key = j.get(0) + "/" + t.get(0) + "/" + j.get(1);
                double[][] acc = groups.computeIfAbsent(key, k -> new double[R][Q]);
                for (int y = 0; y < R; y++) {
                    for (int x = 0; x < Q; x++) {
                        acc[y][x] += Math.abs(map[y][x]);
                    }
                }
            }
        }
        List<Double> f = new ArrayList<>();
        int k = log1.size();
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                f.add(shiftedCorr(log1.get(a), log1.get(b), 0, 0));
            }
        }
        for (double[][] l : log1) {
            f.add(Math.log(sd(flat(l)) + 1e-9));
        }
        for (double[][] l : log1) {
            f.add(shiftedCorr(s0, l, 0, 0));
        }
        for (int[] d : new int[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
            for (double[][] l : log1) {
                f.add(shiftedCorr(s0, l, d[0], d[1]));
            }
        }
        double[] f0 = flat(s0);
        double m0 = mean(f0);
        double sd0 = sd(f0);
        double m3 = 0;
        double m4 = 0;
        for (double v : f0) {
            double u = (v - m0) / (sd0 + 1e-12);
            m3 += Math.pow(u, 3) / f0.length;
            m4 += Math.pow(u, 4) / f0.length;
        }
        f.add(m3);
        f.add(m4);
        List<double[][]> logGroups = new ArrayList<>();
        for (double[][] g : groups.values()) {
            double[][] l = new double[R][Q];
            for (int y = 0; y < R; y++) {
                for (int x = 0; x < Q; x++) {
                    l[y][x] = Math.log(g[y][x] + 1e-6);
                }
            }
            logGroups.add(l);
        }
        for (double[][] l : logGroups) {
            f.add(shiftedCorr(s0, l, 0, 0));
        }
        for (double[][] l : logGroups) {
            f.add(Math.log(sd(flat(l)) + 1e-9));
        }
        return f;
    }

    @Test
    void statisticsFollowTheirDefinitionsAfterTheLogMeans() throws IOException {
        Scattering2D meansT = new Scattering2D(3, H, W, 4, 2);
        Scattering2D mapsT = new Scattering2D(2, H, W, 4, 2);
        TextureStatistics fx = new TextureStatistics(Scatterings.of(meansT), mapsT);
        double[][] x = patch();
        double before = x[4][9];
        double[] f = fx.extract(x);
        assertEquals(before, x[4][9], 0, "input unchanged");
        // K = 8 order-1 maps, G = 4 order-2 groups
        int k = 8;
        int g = 4;
        int p0 = meansT.channels();
        assertEquals(p0 + k * (k - 1) / 2 + k + k + 4 * k + 2 + 2 * g, fx.dimension());
        assertEquals(fx.dimension(), f.length);
        double[] means = new TextureFeatures(Scatterings.of(meansT), true, 1e-6).extract(x);
        assertArrayEquals(means, java.util.Arrays.copyOf(f, p0), 1e-12);
        List<Double> expected = direct(mapsT, x);
        assertEquals(f.length - p0, expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), f[p0 + i], 1e-9 * (1 + Math.abs(expected.get(i))), "feature " + (p0 + i));
        }
        // correlations are correlations
        for (int i = p0; i < p0 + k * (k - 1) / 2; i++) {
            assertTrue(Math.abs(f[i]) <= 1 + 1e-12, "corr " + f[i]);
        }
    }

    @Test
    void greyLevelGainAndOffsetChangeNothing() throws IOException {
        TextureStatistics fx = new TextureStatistics(Scatterings.of(new Scattering2D(3, H, W, 4, 2)),
                new Scattering2D(2, H, W, 4, 2));
        double[][] x = patch();
        double[][] y = new double[H][W];
        for (int r = 0; r < H; r++) {
            for (int c = 0; c < W; c++) {
                y[r][c] = 3.5 * x[r][c] + 40;
            }
        }
        assertArrayEquals(fx.extract(x), fx.extract(y), 1e-9);
    }

    @Test
    void brodatzSizedRecipeHas887Features() {
        TextureStatistics fx = new TextureStatistics(Scatterings.of(new Scattering2D(4, 160, 160, 8, 2)),
                new Scattering2D(3, 160, 160, 8, 2));
        assertEquals(887, fx.dimension());
        assertTrue(fx.describe().contains("887 features"), fx.describe());
    }

    @Test
    void mismatchedTransformsTinyMapsAndBadImagesAreRefused() {
        ScatteringTransform2D m = Scatterings.of(new Scattering2D(3, H, W, 4, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TextureStatistics(m, new Scattering2D(2, H, W + 8, 4, 2)));
        assertTrue(e.getMessage().contains("must match"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TextureStatistics(m, new Scattering2D(1, H, W, 4, 2)));
        assertTrue(e.getMessage().contains("J >= 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TextureStatistics(m, new Scattering2D(2, H, W, 4, 1)));
        assertTrue(e.getMessage().contains("max order 2"), e.getMessage());
        ScatteringTransform2D small = Scatterings.of(new Scattering2D(3, 16, 16, 4, 2));
        e = assertThrows(IllegalArgumentException.class,
                () -> new TextureStatistics(small, new Scattering2D(3, 16, 16, 4, 2)));
        assertTrue(e.getMessage().contains("positions"), e.getMessage());
        TextureStatistics fx = new TextureStatistics(m, new Scattering2D(2, H, W, 4, 2));
        e = assertThrows(IllegalArgumentException.class, () -> fx.extract(new double[H][W + 1]));
        assertTrue(e.getMessage().contains(H + " x " + (W + 1)), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> fx.extract(new double[H][W]));
        assertTrue(e.getMessage().contains("constant"), e.getMessage());
    }
}
