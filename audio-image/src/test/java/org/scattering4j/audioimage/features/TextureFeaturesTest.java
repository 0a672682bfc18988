package org.scattering4j.audioimage.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.scattering4j.data.io.ImageReader;
import org.scattering4j.testing.SharedData;

class TextureFeaturesTest {
    /** Stand-in: order 0 = x, order 1 = x^2, order 1 = constant 2 (flattened). */
    private static ScatteringTransform2D fake(int h, int w) {
        return ScatteringTransform2D.of(h, w, new int[] {0, 1, 1}, img -> {
            double[] a = new double[h * w];
            double[] b = new double[h * w];
            double[] c = new double[h * w];
            for (int r = 0; r < h; r++) {
                for (int k = 0; k < w; k++) {
                    a[r * w + k] = img[r][k];
                    b[r * w + k] = img[r][k] * img[r][k];
                    c[r * w + k] = 2;
                }
            }
            return new double[][] {a, b, c};
        });
    }

    @Test
    void standardisesThenLogsSpatialMeansOfHigherOrdersOnly() throws IOException {
        double[][] patch = ImageReader.read(SharedData.data("textures-cc0").resolve("gravel.png"));
        double[][] small = new double[32][];
        for (int r = 0; r < 32; r++) {
            small[r] = java.util.Arrays.copyOf(patch[r], 48);
        }
        double before = small[3][5];
        TextureFeatures fx = new TextureFeatures(fake(32, 48), true, 1e-6);
        double[] f = fx.extract(small);
        assertEquals(before, small[3][5], 0, "input unchanged");
        assertEquals(3, fx.dimension());
        assertEquals(0, f[0], 1e-12, "order 0 linear: mean of a z-scored image");
        assertEquals(Math.log(1 + 1e-6), f[1], 1e-12, "mean of z^2 is 1");
        assertEquals(Math.log(2 + 1e-6), f[2], 1e-12);
        double[] raw = new TextureFeatures(fake(32, 48), false, 1e-6).extract(small);
        double m = 0;
        for (double[] row : small) {
            for (double v : row) {
                m += v;
            }
        }
        assertEquals(m / (32 * 48), raw[0], 1e-12);
    }

    @Test
    void wrongSizesAndConstantImagesAreRefused() {
        TextureFeatures fx = new TextureFeatures(fake(4, 4), true, 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fx.extract(new double[5][4]));
        assertTrue(e.getMessage().contains("5 x 4") && e.getMessage().contains("4 x 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fx.extract(new double[][] {{1, 1, 1, 1}, {1, 1, 1, 1},
            {1, 1, 1, 1}, {1, 1, 1}}));
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> fx.extract(new double[4][4]));
        assertTrue(c.getMessage().contains("constant"), c.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TextureFeatures(fake(4, 4), true, 0));
        assertArrayEquals(new int[] {0, 1, 1}, fake(4, 4).orders());
    }
}
